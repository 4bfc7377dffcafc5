/**
 * test/ide/tree-mirror-run.test.ts: the tree copy's shared leaf run (ide/tree-mirror.ts `LeafRun`: the leaves
 * of small branches packed 32 bits each in one typed array per document, appended to by later copies and
 * compacted) against web-tree-sitter's own tree: after seeded random edits on generated configurations in
 * both forms, with the run compacted at every copy and with the default policy, the incremental copy equals
 * the parse tree node by node (types, offsets, flags, field names); leaves at the edges of what a run word
 * holds (gaps of 63/64 characters, tokens of 16,383/16,384 characters) equal the parse tree; a copy's
 * branches read the same after later copies appended to and compacted their run; every small branch whose
 * leaves fit is packed into its copy's run (not left an object); the default policy compacts a run once
 * past its bound (more than 4,096 appended words and a quarter of the live ones), not at every copy.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type MirrorNode, mirrorTree, remirrorTree, runFactsForTests, setRunCompactionForTests } from '../../../server/src/ide/tree-mirror';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { initSyntax, parseText, SyntaxDocument } from '../../../server/src/syntax/parser';
import { generateLargeConfig, prng as random } from '../fixtures/large-config';

before(async () => {
  await initSyntax();
});

after(() => {
  setRunCompactionForTests();
});

/** The parts of a node both trees have. */
interface Described {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly children: readonly (Described | null)[];
  childForFieldName(name: string): Described | null;
}

const FIELD_NAMES = ['body', 'modifier', 'verb'];

/** One line per node, pre-order: depth, type, offsets, flags, where each field's child starts. */
function describe(root: Described): string[] {
  const out: string[] = [];
  const stack: [Described, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    const fields = FIELD_NAMES.map((f) => {
      const child = n.childForFieldName(f);
      return child ? `${f}@${child.startIndex}-${child.endIndex}:${child.type}` : '';
    }).join('');
    out.push(`${depth} ${n.type} ${n.startIndex}-${n.endIndex} ${n.isMissing ? 'M' : ''}${n.hasError ? 'E' : ''} ${fields}`);
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, depth + 1]);
  }
  return out;
}

/** The nodes of a copy whose children are all leaves (those the run packs), in a fixed order. */
function smallBranches(root: MirrorNode): MirrorNode[] {
  const out: MirrorNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const kids = n.children;
    if (kids.length > 0 && kids.every((k) => k.childCount === 0)) out.push(n);
    for (const k of kids) if (k.childCount > 0) stack.push(k);
  }
  return out;
}

/** A node's leaves relative to its start. */
function leavesRelative(node: MirrorNode): string {
  return node.children.map((k) => `${k.type} ${k.startIndex - node.startIndex}-${k.endIndex - node.startIndex}${k.isMissing ? 'M' : ''}${k.hasError ? 'E' : ''}`).join(' ');
}

/** The branches of a copy the run must pack: fewer than 64 children, all leaves, each within a run word's
 *  limits (a gap from the sibling before under 64 characters, a length under 16,384). */
function packable(root: MirrorNode): number {
  let n = 0;
  for (const branch of smallBranches(root)) {
    const kids = branch.children;
    if (kids.length >= 64) continue;
    let end = branch.startIndex;
    let fits = true;
    for (const k of kids) {
      if (k.startIndex - end >= 64 || k.endIndex - k.startIndex >= 16_384) fits = false;
      end = k.endIndex;
    }
    if (fits) n++;
  }
  return n;
}

/** The run facts of a copy, checked: every packable branch is packed into the copy's own run. */
function checkedRun(copy: MirrorNode, context: string): { used: number; live: number; packed: number; words: number } {
  const facts = runFactsForTests(copy);
  assert.ok(facts, `${context}: the copy has a run`);
  assert.equal(facts.packed, packable(copy), `${context}: every small branch is packed`);
  assert.equal(facts.elsewhere, 0, `${context}: every packed branch reads the copy's run`);
  assert.ok(facts.words <= facts.used, `${context}: the run holds the packed words`);
  return facts;
}

/** Fragments an editor session types. */
const FRAGMENTS = ['x', '{', '}', ';', '"', '\n', ' ', '#', '[', ']', 'set ', 'inactive: ', 'unit 0 ', '\n}\n', ' {\n', ' '.repeat(70), 'w'.repeat(300)];

for (const form of ['set', 'curly'] as const) {
  for (const policy of ['compacted at every copy', 'default compaction'] as const) {
    test(`after random edits the incremental copy equals web-tree-sitter's tree (${form}, ${policy})`, () => {
      setRunCompactionForTests(policy === 'compacted at every copy' ? 0 : undefined);
      try {
        const next = random(form === 'set' ? 71 : 72);
        const doc = new SyntaxDocument(generateLargeConfig({ lines: 600, form, seed: 9 }));
        let copy: MirrorNode = mirrorTree(doc.tree);
        doc.takeChangedRanges();
        const first = checkedRun(copy, 'first copy');
        assert.ok(first.packed > 200, 'the small branches of 600 lines are packed');
        assert.equal(first.used, first.words, 'a first copy holds just its words');
        // a copy of several versions ago and what it read then: its reused branches must read the same after
        // later copies appended to (and compacted) the run they share
        const early = copy;
        const earlyLeaves = smallBranches(early).map(leavesRelative);
        for (let round = 0; round < 50; round++) {
          const steps: { version: number; start: number; end: number; newLength: number }[] = [];
          const batch = 1 + Math.floor(next() * 2);
          for (let k = 0; k < batch; k++) {
            const text = doc.text;
            const start = Math.floor(next() * text.length);
            const kind = next();
            const end = kind < 0.5 ? start : Math.min(text.length, start + Math.floor(next() * (kind < 0.9 ? 12 : 300)));
            const inserted = kind < 0.8 ? FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]! : '';
            doc.applyEdit(start, end, inserted);
            steps.push({ version: round * 4 + k + 2, start, end, newLength: inserted.length });
          }
          const map = new EditMap(steps);
          const changed = doc.takeChangedRanges();
          copy = remirrorTree(doc.tree, copy, (s, e) => map.movedStart(s, e), (o) => map.toNew(o), round % 3 === 2 ? undefined : changed);
          assert.deepEqual(describe(copy), describe(doc.tree.rootNode), `round ${round}: ${JSON.stringify(steps)}`);
          const run = checkedRun(copy, `round ${round}`);
          if (policy === 'compacted at every copy') assert.equal(run.used, run.live, `round ${round}: compacted at every copy that appended`);
        }
        // later copies moved the early copy's reused nodes (offsets), but a node's leaves, relative to its
        // start, read the same
        assert.deepEqual(smallBranches(early).map(leavesRelative), earlyLeaves);
      } finally {
        setRunCompactionForTests();
      }
    });
  }
}

test('leaves at the edges of a run word (gaps of 63 and 64 characters, tokens of 16,383 and 16,384) equal the parse tree', () => {
  const texts = [
    `set system${' '.repeat(63)}host-name${' '.repeat(64)}r1\nset system host-name${' '.repeat(62)}r2\n`,
    `set system description ${'a'.repeat(16_383)}\nset system description ${'b'.repeat(16_384)} tail\nset system host-name r3\n`,
    `system {\n    host-name${' '.repeat(63)}r1;\n    location${' '.repeat(64)}here;\n    description ${'c'.repeat(16_383)};\n    contact ${'d'.repeat(16_384)};\n}\n`,
    `set ${Array.from({ length: 62 }, (_, i) => `w${i}`).join(' ')}\nset ${Array.from({ length: 63 }, (_, i) => `w${i}`).join(' ')}\nset ${Array.from({ length: 64 }, (_, i) => `w${i}`).join(' ')}\n`,
    'set interfaces ge-0/0/0 unit 0 family inet address\n',
    'set system host-name "unterminated\nset system location x\n',
  ];
  for (const text of texts) {
    const tree = parseText(text);
    try {
      assert.deepEqual(describe(mirrorTree(tree)), describe(tree.rootNode), text.slice(0, 80));
    } finally {
      tree.delete();
    }
    // copied again after an edit on every line (a copy made from leaf objects packs them: other limits apply)
    const doc = new SyntaxDocument(text);
    const copy = mirrorTree(doc.tree);
    doc.takeChangedRanges();
    const steps: { version: number; start: number; end: number; newLength: number }[] = [];
    const starts = [...text.matchAll(/^./gm)].map((m) => m.index!).reverse();
    for (const at of starts) {
      doc.applyEdit(at + 5, at + 5, 'z');
      steps.push({ version: steps.length + 2, start: at + 5, end: at + 5, newLength: 1 });
    }
    const map = new EditMap(steps);
    const again = remirrorTree(doc.tree, copy, (s, e) => map.movedStart(s, e), (o) => map.toNew(o), doc.takeChangedRanges());
    assert.deepEqual(describe(again), describe(doc.tree.rootNode), `after edits: ${text.slice(0, 80)}`);
  }
});

test('default compaction: a run is compacted once more than 4,096 words and a quarter of the live ones were appended, and reads the same', () => {
  setRunCompactionForTests();
  const next = random(73);
  const doc = new SyntaxDocument(generateLargeConfig({ lines: 400, form: 'set', seed: 5 }));
  let copy: MirrorNode = mirrorTree(doc.tree);
  doc.takeChangedRanges();
  const early = copy;
  const earlyLeaves = smallBranches(early).map(leavesRelative);
  let compactions = 0;
  let last = checkedRun(copy, 'first copy');
  for (let round = 0; round < 40; round++) {
    // a word typed on each of 30 lines: each remakes its command's branch (words appended to the run)
    const steps: { version: number; start: number; end: number; newLength: number }[] = [];
    const starts = [...doc.text.matchAll(/^set /gm)].map((m) => m.index!);
    const picked = new Set<number>();
    while (picked.size < 30) picked.add(starts[Math.floor(next() * starts.length)]!);
    for (const at of [...picked].sort((a, b) => b - a)) {
      doc.applyEdit(at + 4, at + 4, 'x');
      steps.push({ version: round * 40 + steps.length + 2, start: at + 4, end: at + 4, newLength: 1 });
    }
    const map = new EditMap(steps);
    copy = remirrorTree(doc.tree, copy, (s, e) => map.movedStart(s, e), (o) => map.toNew(o), doc.takeChangedRanges());
    const run = checkedRun(copy, `round ${round}`);
    if (run.used < last.used) {
      compactions++;
      assert.equal(run.used, run.live, `round ${round}: a compacted run holds its live words`);
      assert.equal(run.used, run.words, `round ${round}: only the words the copy reads`);
    }
    assert.ok(run.used - run.live <= Math.max(4096, run.live >> 2), `round ${round}: at most 4,096 words or a quarter of the live ones appended since compaction (${run.used - run.live} of ${run.live})`);
    last = run;
    if (round % 10 === 9) assert.deepEqual(describe(copy), describe(doc.tree.rootNode), `round ${round}`);
  }
  assert.ok(compactions >= 1, `the run was compacted (${compactions} times)`);
  assert.ok(compactions <= 3, `not at every copy (${compactions} times)`);
  assert.deepEqual(describe(copy), describe(doc.tree.rootNode));
  assert.deepEqual(smallBranches(early).map(leavesRelative), earlyLeaves);
});
