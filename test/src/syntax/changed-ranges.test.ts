/**
 * The changed ranges of a flat tree (syntax/changed-windows.ts, through SyntaxDocument.takeChangedRanges)
 * hold every range tree-sitter's own comparison (`Tree.getChangedRanges`) reports, checked with fast-check
 * over random edits of set-form files with more top-level nodes than the windows need, edits that write
 * line breaks, quotes, braces and whole lines included; and the windows are found (not given up) in most runs
 * where neither tree has an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Edit, type Tree } from 'web-tree-sitter';
import { changedWindows, FLAT_ROOT_CHILDREN } from '../../../server/src/syntax/changed-windows';
import { initSyntax, parseText, pointAt, SyntaxDocument } from '../../../server/src/syntax/parser';
import { merged, mergedAfterEdit, type TextRange } from '../../../server/src/syntax/text-ranges';
import { generateLargeConfig } from '../fixtures/large-config';
import { MIXED_CONFIG } from './support';

/** What an editor session writes into a set-form file: whole commands, line breaks, words, delimiters. */
const FRAGMENTS = [
  '\n', '\n', 'set ', 'set interfaces ge-0/0/9 unit 0 family inet address 10.9.9.9/24\n', 'delete system\n', ' ', 'x', '10.1.1.1',
  '"', '"a b"', '{', '}', ';', '[', ']', '# note\n', '/*', '*/', 'inactive: ', '[edit system]\n', '\\',
];

interface RandomEdit {
  readonly startFraction: number;
  readonly length: number;
  readonly inserted: string;
  /** the edit's ends moved to line starts (it removes whole lines and writes before one) */
  readonly wholeLines?: boolean;
}

/** Whole commands and line breaks written at line starts, whole lines removed: edits that keep a set-form
 *  file free of errors. */
const lineEditArbitrary: fc.Arbitrary<RandomEdit> = fc.record({
  startFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.oneof(fc.constant(0), fc.nat({ max: 300 })),
  inserted: fc.array(fc.constantFrom('\n', 'set system host-name r9\n', 'set interfaces ge-0/0/9 unit 0 family inet address 10.9.9.9/24\n', '# note\n'), { maxLength: 3 }).map((parts) => parts.join('')),
  wholeLines: fc.constant(true),
});

const editArbitrary: fc.Arbitrary<RandomEdit> = fc.record({
  startFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.oneof(fc.constant(0), fc.nat({ max: 8 }), fc.nat({ max: 400 })),
  inserted: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }).map((parts) => parts.join('')),
});

/** A set-form file with more top-level nodes than the windows need; `mixed`: with curly statements too. */
function flatText(seed: number, mixed: boolean): string {
  const set = generateLargeConfig({ lines: FLAT_ROOT_CHILDREN + 200, form: 'set', seed });
  return mixed ? MIXED_CONFIG + set + MIXED_CONFIG : set;
}

/** `edit` placed in `text`: offsets and the tree-sitter edit. */
function place(text: string, edit: RandomEdit): { start: number; end: number; next: string; treeEdit: Edit } {
  let start = Math.floor(edit.startFraction * text.length);
  let end = Math.min(text.length, start + edit.length);
  if (edit.wholeLines) {
    start = text.lastIndexOf('\n', start - 1) + 1;
    end = end === start ? start : text.indexOf('\n', end) + 1 || text.length;
  }
  const next = text.slice(0, start) + edit.inserted + text.slice(end);
  const treeEdit = new Edit({
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: start + edit.inserted.length,
    startPosition: pointAt(text, start),
    oldEndPosition: pointAt(text, end),
    newEndPosition: pointAt(next, start + edit.inserted.length),
  });
  return { start, end, next, treeEdit };
}

function assertCovers(got: readonly TextRange[], expected: Tree['getChangedRanges'] extends (t: Tree) => infer R ? R : never, what: string): void {
  for (const r of expected) {
    assert.ok(
      got.some((g) => g.start <= r.startIndex && r.endIndex <= g.end),
      `${what}: tree-sitter's ${r.startIndex}..${r.endIndex} is in none of ${JSON.stringify(got)}`,
    );
  }
}

test('the windows hold every range tree-sitter reports, and are found in most runs without errors', async () => {
  await initSyntax();
  const texts = [flatText(1, false), flatText(2, true)];
  let looked = 0;
  let found = 0;
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(fc.oneof(editArbitrary, lineEditArbitrary), { minLength: 1, maxLength: 4 }), (which, edits) => {
      let text = texts[which]!;
      // as SyntaxDocument keeps them: the tree of the last take, edited along, and the trees parsed after it
      const base = parseText(text);
      let current: Tree | undefined;
      let written: TextRange[] = [];
      try {
        for (const edit of edits) {
          const { start, end, next, treeEdit } = place(text, edit);
          base.edit(treeEdit);
          if (current) current.edit(treeEdit);
          const parsed = parseText(next, current ?? base);
          current?.delete();
          current = parsed;
          text = next;
          written = mergedAfterEdit(written, start, end, edit.inserted.length);
        }
        const after = current!;
        const windows = changedWindows(base, after, written, text.length);
        if (!after.rootNode.hasError && !base.rootNode.hasError && after.rootNode.childCount >= FLAT_ROOT_CHILDREN) {
          // (not found: the walk passed its limit, e.g. an edit at the file's start that the parse could not reuse after)
          looked++;
          if (windows) found++;
        }
        if (windows) assertCovers(merged([...written, ...windows]), base.getChangedRanges(after), 'windows');
      } finally {
        current?.delete();
        base.delete();
      }
    }),
    { numRuns: 160, seed: 20261127 },
  );
  assert.ok(looked > 20 && found > looked * 0.8, `the windows were found in ${found} of ${looked} runs without errors`);
});

test('SyntaxDocument.takeChangedRanges holds every range tree-sitter reports, take after take (flat file)', async () => {
  await initSyntax();
  fc.assert(
    fc.property(fc.array(fc.array(fc.oneof(editArbitrary, lineEditArbitrary), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), fc.boolean(), (rounds, mixed) => {
      const text = flatText(3, mixed);
      const doc = new SyntaxDocument(text);
      try {
        doc.takeChangedRanges();
        for (const [round, edits] of rounds.entries()) {
          // an independent tree of the text at the last take, edited along: tree-sitter's answer for it
          const before = parseText(doc.text);
          try {
            for (const edit of edits) {
              const { start, end, treeEdit } = place(doc.text, edit);
              before.edit(treeEdit);
              doc.applyEdit(start, end, edit.inserted);
            }
            const expected = before.getChangedRanges(doc.tree);
            const got = doc.takeChangedRanges();
            assert.ok(got, 'known');
            for (let i = 1; i < got.length; i++) assert.ok(got[i - 1]!.end < got[i]!.start, 'sorted and merged');
            assertCovers(got, expected, `round ${round}`);
          } finally {
            before.delete();
          }
        }
      } finally {
        doc.dispose();
      }
    }),
    { numRuns: 60, seed: 1127 },
  );
});

test('an Enter at the end of a command changes a few lines around it, not the file', async () => {
  await initSyntax();
  const text = flatText(4, false);
  const doc = new SyntaxDocument(text);
  try {
    doc.takeChangedRanges();
    const at = text.indexOf('\n', Math.floor(text.length / 2));
    doc.applyEdit(at, at, '\nset system host-name r9');
    const got = doc.takeChangedRanges()!;
    assert.equal(got.length, 1);
    const lines = doc.text.slice(got[0]!.start, got[0]!.end).split('\n').length;
    assert.ok(lines <= 6, `${lines} lines: ${JSON.stringify(got)}`);
  } finally {
    doc.dispose();
  }
});

test('a word character written before a `#` is not confined to its line (the comment becomes words)', async () => {
  await initSyntax();
  for (const [text, at] of [
    [MIXED_CONFIG, 0],
    ['set a b\n# note\nversion 1;\n', 'set a b\n'.length],
  ] as const) {
    const doc = new SyntaxDocument(text);
    const before = parseText(text);
    try {
      doc.takeChangedRanges();
      const { treeEdit } = place(text, { startFraction: at / text.length, length: 0, inserted: 'x' });
      before.edit(treeEdit);
      doc.applyEdit(at, at, 'x');
      assert.equal(doc.tree.rootNode.hasError, false);
      const expected = before.getChangedRanges(doc.tree);
      assert.ok(expected.some((r) => doc.text.slice(r.startIndex, r.endIndex).includes('\n')), 'the change runs past the written line');
      assertCovers(doc.takeChangedRanges()!, expected, JSON.stringify(text.slice(0, 20)));
    } finally {
      before.delete();
      doc.dispose();
    }
  }
});

test('edits of word characters and blanks (the confined lines) hold every range tree-sitter reports', async () => {
  await initSyntax();
  const wordEdit: fc.Arbitrary<RandomEdit> = fc.record({
    startFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 3 }),
    inserted: fc.constantFrom('', 'x', ' ', 'ab', '10.1', '-', ':', 'x y', ','),
  });
  const texts = [MIXED_CONFIG, 'set a "b c" d\n# note\nset e f\nx {\n    y "z\\" w";\n}\n', flatText(5, true)];
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(wordEdit, { minLength: 1, maxLength: 4 }), (which, edits) => {
      const doc = new SyntaxDocument(texts[which]!);
      const before = parseText(doc.text);
      try {
        doc.takeChangedRanges();
        for (const edit of edits) {
          const { start, end, treeEdit } = place(doc.text, edit);
          before.edit(treeEdit);
          doc.applyEdit(start, end, edit.inserted);
        }
        assertCovers(doc.takeChangedRanges()!, before.getChangedRanges(doc.tree), 'word edits');
      } finally {
        before.delete();
        doc.dispose();
      }
    }),
    { numRuns: 300, seed: 271 },
  );
});

test('the changed ranges of an edit are whole lines, in order, also for the first line (found from the kept line breaks)', async () => {
  await initSyntax();
  const text = 'set system host-name r1\nset system domain-name x.y\nset system time-zone UTC\n';
  const doc = new SyntaxDocument(text);
  try {
    doc.takeChangedRanges();
    doc.applyEdit(0, 23, '');
    for (const r of doc.takeChangedRanges() ?? []) {
      assert.ok(r.start <= r.end, JSON.stringify(r));
      assert.ok(r.start === 0 || doc.text[r.start - 1] === '\n', `starts a line: ${JSON.stringify(r)}`);
      assert.ok(r.end === doc.text.length || doc.text[r.end] === '\n', `ends a line: ${JSON.stringify(r)}`);
    }
    const mid = doc.text.indexOf('domain-name') + 3;
    doc.applyEdit(mid, mid, 'x');
    const got = doc.takeChangedRanges()!;
    assert.deepEqual(got.map((r) => doc.text.slice(r.start, r.end)), ['set system domxain-name x.y']);
  } finally {
    doc.dispose();
  }
});
