/**
 * SyntaxDocument.applyEdit: an incremental reparse after any edit gives exactly the tree a fresh parse
 * of the new text gives (kinds, fields, JS offsets), checked with fast-check over random edits of
 * realistic configurations in both forms, including edits that break and repair the syntax.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { initSyntax, parseText, SyntaxDocument } from '../../../server/src/syntax/parser';
import { assertSameAsFreshParse, flatten, MIXED_CONFIG, readRepoFile } from './support';

/** Fragments an editor session types: punctuation that changes structure, words, line breaks. */
const FRAGMENTS = [
  '{', '}', ';', '[', ']', '"', '\n', ' ', '#', '/*', '*/', 'set ', 'delete ', '[edit ', 'inactive: ',
  'unit 0', 'ge-0/0/1', '10.1.1.1/24', '2001:db8::1', '$9$abc', '"<ge-*>"', 'é', '😀', '\\', 'x',
];

const editArbitrary = fc.record({
  startFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 12 }),
  inserted: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((parts) => parts.join('')),
});

function checkEdits(base: string, edits: readonly { startFraction: number; length: number; inserted: string }[]): void {
  const doc = new SyntaxDocument(base);
  try {
    for (const edit of edits) {
      const start = Math.floor(edit.startFraction * doc.text.length);
      const end = Math.min(doc.text.length, start + edit.length);
      const expectedText = doc.text.slice(0, start) + edit.inserted + doc.text.slice(end);
      doc.applyEdit(start, end, edit.inserted);
      assert.equal(doc.text, expectedText);
      assertSameAsFreshParse(doc);
    }
  } finally {
    doc.dispose();
  }
}

test('incremental reparse equals a fresh parse after random edits (mixed forms)', async () => {
  await initSyntax();
  fc.assert(
    fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 6 }), (edits) => checkEdits(MIXED_CONFIG, edits)),
    { numRuns: 150, seed: 20241126 },
  );
});

test('incremental reparse equals a fresh parse after random edits (seed R3, curly, unbalanced)', async () => {
  await initSyntax();
  const r3 = readRepoFile('examples/seed-as-published/r3.conf');
  fc.assert(
    fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 4 }), (edits) => checkEdits(r3, edits)),
    { numRuns: 60, seed: 7 },
  );
});

test('incremental reparse equals a fresh parse after random edits (step-by-step set form)', async () => {
  await initSyntax();
  const steps = readRepoFile('examples/seed-as-published/r2-step-by-step.set');
  fc.assert(
    fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 4 }), (edits) => checkEdits(steps, edits)),
    { numRuns: 60, seed: 11 },
  );
});

test('typing a closing quote repairs the tree it broke', async () => {
  await initSyntax();
  const text = 'system {\n    host-name r2;\n}\nset system domain-name example.net\n';
  const doc = new SyntaxDocument(text);
  try {
    const at = text.indexOf('r2');
    doc.applyEdit(at, at, '"');
    assert.equal(doc.tree.rootNode.hasError, true);
    doc.applyEdit(at + 3, at + 3, '"');
    assert.equal(doc.text, 'system {\n    host-name "r2";\n}\nset system domain-name example.net\n');
    assert.equal(doc.tree.rootNode.hasError, false);
    assert.equal(doc.tree.rootNode.descendantsOfType('string')[0]?.text, '"r2"');
  } finally {
    doc.dispose();
  }
});

test('out-of-range and inverted edit offsets are clamped, never thrown', async () => {
  await initSyntax();
  const doc = new SyntaxDocument('set system host-name r2\n');
  try {
    doc.applyEdit(-5, 3, 'delete');
    assert.equal(doc.text, 'delete system host-name r2\n');
    doc.applyEdit(1000, 2000, 'top\n');
    assert.equal(doc.text, 'delete system host-name r2\ntop\n');
    doc.applyEdit(10, 4, 'X');
    assert.equal(doc.text, 'delete sysXtem host-name r2\ntop\n');
    const fresh = parseText(doc.text);
    assert.deepEqual(flatten(doc.tree), flatten(fresh));
    fresh.delete();
  } finally {
    doc.dispose();
  }
});

test('the changed ranges cover every written range since they were last taken, moved by later edits', async () => {
  await initSyntax();
  const base = readRepoFile('examples/seed-as-published/r2-step-by-step.set');
  const doc = new SyntaxDocument(base);
  try {
    let seed = 5;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 40; round++) {
      // the written ranges, in the coordinates of the latest text
      let written: { start: number; end: number }[] = [];
      for (let k = 0; k < 3; k++) {
        const start = Math.floor(next() * doc.text.length);
        const end = Math.min(doc.text.length, start + Math.floor(next() * 8));
        const inserted = ['x', '"', '\n', '', '{ '][Math.floor(next() * 5)]!;
        const growth = inserted.length - (end - start);
        written = written.map((w) => (w.start > end ? { start: w.start + growth, end: w.end + growth } : w.end < start ? w : { start: Math.min(w.start, start), end: Math.max(start + inserted.length, w.end > end ? w.end + growth : start) }));
        written.push({ start, end: start + inserted.length });
        doc.applyEdit(start, end, inserted);
      }
      const changed = doc.takeChangedRanges()!;
      for (let i = 1; i < changed.length; i++) assert.ok(changed[i - 1]!.end < changed[i]!.start, 'sorted and merged');
      for (const w of written) assert.ok(changed.some((c) => c.start <= w.start && w.end <= c.end), `round ${round}: ${JSON.stringify(w)} in ${JSON.stringify(changed)}`);
      assert.deepEqual(doc.takeChangedRanges(), [], 'taken: nothing changed since');
    }
    doc.replaceText(base);
    assert.equal(doc.takeChangedRanges(), undefined, 'after a replacement, unknown');
  } finally {
    doc.dispose();
  }
});

test("the caller's copy of the text is kept when it is the edit's result, and not otherwise", async () => {
  await initSyntax();
  const doc = new SyntaxDocument('system {\n    host-name r2;\n}\n');
  try {
    const at = doc.text.indexOf('r2');
    const result = `${doc.text.slice(0, at)}core-${doc.text.slice(at)}`;
    doc.applyEdit(at, at, 'core-', result);
    assert.equal(doc.text, result);
    doc.applyEdit(0, 0, '# top\n', 'something else entirely');
    assert.equal(doc.text, `# top\n${result}`, 'a wrong copy is not used');
    assertSameAsFreshParse(doc);
  } finally {
    doc.dispose();
  }
});
