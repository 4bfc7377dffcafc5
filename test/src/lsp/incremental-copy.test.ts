/**
 * test/lsp/incremental-copy.test.ts: after an edit, the plain tree copy made by reusing the unedited
 * top-level statements of the previous copy (`remirrorTree` through an `EditMap` of the document store's
 * edit log) equals, node by node, a full copy of the reparsed tree: on both example forms, for seeded
 * random edits (inserted words, deleted ranges, broken and repaired braces) applied one after another; and
 * with the syntax document's changed ranges (large nodes visit only the children near the edits), on
 * generated configurations in both forms, for batches of edits between two copies.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type MirrorNode, mirrorTree, remirrorTree } from '../../../server/src/ide/tree-mirror';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { generateLargeConfig, prng as random } from '../fixtures/large-config';

const EXAMPLES = path.resolve(__dirname, '../../../..', 'examples');

before(async () => {
  await initSyntax();
});

function describe(node: MirrorNode): string[] {
  const out: string[] = [];
  const stack: [MirrorNode, number][] = [[node, 0]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    const fields = ['name', 'value', 'body', 'key', 'keyword', 'modifier', 'verb'].map((f) => (n.childForFieldName(f) ? `${f}@${n.childForFieldName(f)!.startIndex}` : '')).join('');
    out.push(`${depth} ${n.type} ${n.startIndex}-${n.endIndex} ${n.isMissing ? 'M' : ''}${n.hasError ? 'E' : ''} ${fields}`);
    // read once: a node with packed leaves makes a new array (and new leaf objects) on every read
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, depth + 1]);
  }
  return out;
}

/** The nodes with children of `root`: the objects a copy keeps (leaves are made anew when read, so reuse is
 *  counted on these). */
function allBranches(root: MirrorNode): MirrorNode[] {
  const out: MirrorNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.childCount === 0) continue;
    out.push(n);
    stack.push(...n.children);
  }
  return out;
}

/** nodes with children of `root` not in `shared` */
function countBranches(root: MirrorNode, shared: ReadonlySet<MirrorNode>): number {
  return allBranches(root).filter((n) => !shared.has(n)).length;
}


for (const file of ['ike-dynamic-sa/r2.conf', 'ike-dynamic-sa-set/r3.set', 'seed-as-published/r2-step-by-step.set']) {
  test(`the incremental copy equals a full copy after each of 60 random edits: ${file}`, () => {
    const next = random(file.length * 7919);
    const doc = new SyntaxDocument(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
    let copy = mirrorTree(doc.tree);
    let reused = 0;
    let sameLengthReuse = 0;
    for (let i = 0; i < 60; i++) {
      const text = doc.text;
      const start = Math.floor(next() * text.length);
      const kind = next();
      const end = kind < 0.4 ? start : Math.min(text.length, start + Math.floor(next() * 40));
      const inserted = kind < 0.2 ? 'x' : kind < 0.4 ? ['{', '}', ';', '\n', ' lifetime-seconds 600;'][Math.floor(next() * 5)]! : kind < 0.7 ? '' : 'ab';
      doc.applyEdit(start, end, inserted);
      const map = new EditMap([{ version: i + 2, start, end, newLength: inserted.length }]);
      const incremental = remirrorTree(doc.tree, copy, (start, end) => map.movedStart(start, end), (offset) => map.toNew(offset));
      const full = mirrorTree(doc.tree);
      assert.deepEqual(describe(incremental), describe(full), `edit ${i}: ${JSON.stringify({ start, end, inserted })}`);
      reused += incremental.children.filter((c) => copy.children.includes(c)).length;
      const unshared = countBranches(incremental, new Set(allBranches(copy)));
      if (inserted.length === end - start && unshared < countBranches(incremental, new Set())) sameLengthReuse++;
      copy = incremental;
    }
    assert.ok(reused > 0, 'top-level copies before the edits are reused as they are');
    if (file.endsWith('.conf')) assert.ok(sameLengthReuse > 0, 'inside an edited block, untouched statements are reused');
  });
}

/** Fragments an editor session types: punctuation that changes structure, words, line breaks. */
const FRAGMENTS = ['x', '{', '}', ';', '"', '\n', ' ', '#', '/*', '*/', '[', ']', 'set ', 'inactive: ', 'unit 0 ', '\n}\n', '}\n', ' {\n', 'é'];

for (const form of ['curly', 'set'] as const) {
  test(`with the changed ranges, the copy equals a full copy after batches of random edits: generated ${form} config`, () => {
    const next = random(form === 'curly' ? 101 : 202);
    const doc = new SyntaxDocument(generateLargeConfig({ lines: 2500, form, seed: 3 }));
    let copy = mirrorTree(doc.tree);
    doc.takeChangedRanges();
    let windowedReuse = 0;
    for (let round = 0; round < 80; round++) {
      // one to three edits between two copies (the copy is made lazily, after several didChange)
      const steps: { version: number; start: number; end: number; newLength: number }[] = [];
      const batch = 1 + Math.floor(next() * 3);
      for (let k = 0; k < batch; k++) {
        const text = doc.text;
        const start = Math.floor(next() * text.length);
        const kind = next();
        const end = kind < 0.5 ? start : Math.min(text.length, start + Math.floor(next() * (kind < 0.9 ? 12 : 400)));
        const inserted = kind < 0.75 ? FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]! : '';
        doc.applyEdit(start, end, inserted);
        steps.push({ version: round * 4 + k + 2, start, end, newLength: inserted.length });
      }
      const map = new EditMap(steps);
      const before = new Set(allBranches(copy));
      const incremental = remirrorTree(doc.tree, copy, (start, end) => map.movedStart(start, end), (offset) => map.toNew(offset), doc.takeChangedRanges());
      const full = mirrorTree(doc.tree);
      assert.deepEqual(describe(incremental), describe(full), `round ${round}: ${JSON.stringify(steps)}`);
      const nodes = allBranches(incremental);
      if (nodes.filter((n) => before.has(n)).length > nodes.length * 0.9) windowedReuse++;
      copy = incremental;
    }
    assert.ok(windowedReuse > 40, `most nodes are kept from the copy before (${windowedReuse} of 80 rounds)`);
  });
}

/** Texts with leaves that do not fit the number a parent packs a leaf into (tokens of 4,096 characters and
 *  more) and nodes with 16-63 children (packed, visited through the window) and with 64 and more (every
 *  child an object). */
const UNUSUAL = {
  curly: [
    `system {\n    host-name "${'x'.repeat(5000)}";\n    /* ${'c'.repeat(4200)} */\n    location ok;\n}\n`,
    ...[20, 70].map((n) => `interfaces {\n${Array.from({ length: n }, (_, i) => `    ge-0/0/${i} { unit 0; description "${'d'.repeat(i * 97)}"; } # c${i}\n`).join('')}}\n`),
  ].join(''),
  set: [
    `set ${Array.from({ length: 80 }, (_, i) => `w${i}`).join(' ')}\n`,
    `set system ${'q'.repeat(4095)} ${'r'.repeat(4096)} "${'s'.repeat(4200)}"\n`,
    ...Array.from({ length: 30 }, (_, i) => `set interfaces ge-0/0/${i} description "${'d'.repeat(i * 173)}" unit 0\n`),
  ].join(''),
};

for (const form of ['curly', 'set'] as const) {
  for (const withRanges of [true, false]) {
    test(`long tokens and wide nodes: the copy equals a full copy after random edits (${form}, ${withRanges ? 'with' : 'without'} the changed ranges)`, () => {
      const next = random(form === 'curly' ? 505 : 606);
      const doc = new SyntaxDocument(UNUSUAL[form]);
      let copy = mirrorTree(doc.tree);
      doc.takeChangedRanges();
      for (let round = 0; round < 60; round++) {
        const steps: { version: number; start: number; end: number; newLength: number }[] = [];
        const batch = 1 + Math.floor(next() * 2);
        for (let k = 0; k < batch; k++) {
          const text = doc.text;
          const start = Math.floor(next() * text.length);
          const kind = next();
          const end = kind < 0.5 ? start : Math.min(text.length, start + Math.floor(next() * (kind < 0.9 ? 12 : 3000)));
          const inserted = kind < 0.75 ? FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]! : kind < 0.85 ? 'k'.repeat(2500) : '';
          doc.applyEdit(start, end, inserted);
          steps.push({ version: round * 4 + k + 2, start, end, newLength: inserted.length });
        }
        const map = new EditMap(steps);
        const changed = doc.takeChangedRanges();
        const incremental = remirrorTree(doc.tree, copy, (start, end) => map.movedStart(start, end), (offset) => map.toNew(offset), withRanges ? changed : undefined);
        assert.deepEqual(describe(incremental), describe(mirrorTree(doc.tree)), `round ${round}: ${JSON.stringify(steps)}`);
        copy = incremental;
      }
    });
  }
}

test('without the changed ranges (a whole-text replacement), the copy still equals a full copy', () => {
  const doc = new SyntaxDocument(generateLargeConfig({ lines: 400, form: 'set', seed: 5 }));
  const copy = mirrorTree(doc.tree);
  const text = doc.text;
  const at = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  doc.replaceText(`${text.slice(0, at)}set system host-name r9\n${text.slice(at)}`);
  const changed = doc.takeChangedRanges();
  assert.equal(changed, undefined, 'a replacement does not say what changed');
  const map = new EditMap([{ version: 2, start: at, end: at, newLength: 'set system host-name r9\n'.length }]);
  const incremental = remirrorTree(doc.tree, copy, (start, end) => map.movedStart(start, end), (offset) => map.toNew(offset), changed);
  assert.deepEqual(describe(incremental), describe(mirrorTree(doc.tree)));
});

/** Word characters and blanks only: edits `SyntaxDocument` takes as confined to their lines (no tree comparison). */
const WORDISH = ['x', '7', ' ', '-', '.', ':', 'ge', '0/0', ''];

for (const form of ['curly', 'set'] as const) {
  test(`after edits of word characters only (no tree comparison), the copy equals a full copy: generated ${form} config`, () => {
    const next = random(form === 'curly' ? 303 : 404);
    const doc = new SyntaxDocument(generateLargeConfig({ lines: 2500, form, seed: 4 }));
    let copy = mirrorTree(doc.tree);
    doc.takeChangedRanges();
    let clean = 0;
    for (let round = 0; round < 120; round++) {
      const steps: { version: number; start: number; end: number; newLength: number }[] = [];
      const batch = 1 + Math.floor(next() * 3);
      for (let k = 0; k < batch; k++) {
        const text = doc.text;
        let start = Math.floor(next() * text.length);
        // inside a line's words after its first word (a set verb made `setx` breaks every later line), word
        // characters only removed
        while (start < text.length && (!/[A-Za-z0-9]/.test(text[start]!) || !/\S\s/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start)))) start++;
        let end = start;
        if (next() < 0.4) while (end < text.length && end - start < 3 && /[A-Za-z0-9]/.test(text[end]!)) end++;
        const inserted = WORDISH[Math.floor(next() * WORDISH.length)]!;
        doc.applyEdit(start, end, inserted);
        steps.push({ version: round * 4 + k + 2, start, end, newLength: inserted.length });
      }
      if (!doc.tree.rootNode.hasError) clean++;
      const map = new EditMap(steps);
      const incremental = remirrorTree(doc.tree, copy, (start, end) => map.movedStart(start, end), (offset) => map.toNew(offset), doc.takeChangedRanges());
      assert.deepEqual(describe(incremental), describe(mirrorTree(doc.tree)), `round ${round}: ${JSON.stringify(steps)}`);
      copy = incremental;
    }
    assert.ok(clean > 60, `most rounds left the text free of errors, so the confined path ran (${clean} of 120)`);
  });
}
