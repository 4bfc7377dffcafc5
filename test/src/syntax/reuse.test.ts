/**
 * Incremental reparse reuses what an edit did not touch: after a one-character edit, top-level set
 * commands far from the edit keep their node ids (the grammar cuts the top level into hidden chunks,
 * see tree-sitter-junos/grammar.js `configuration`), and curly statements outside the blocks that
 * contain the edit keep theirs. A node id is the address of the node's slot in its parent, so a
 * kept id means the parser reused the subtree holding it instead of rebuilding it. Also checks that
 * the chunks never change what a reparse gives: random edits of a set configuration long enough to
 * hold many chunk boundaries reparse to the tree a fresh parse gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { initSyntax, SyntaxDocument, type Node, type Tree } from '../../../server/src/syntax/parser';
import { generateLargeConfig } from '../fixtures/large-config';
import { assertSameAsFreshParse } from './support';

interface Seen {
  readonly id: number;
  readonly start: number;
  readonly end: number;
  readonly row: number;
}

function topLevel(tree: Tree): Seen[] {
  const seen: Seen[] = [];
  for (const node of tree.rootNode.children) {
    if (node) seen.push({ id: node.id, start: node.startIndex, end: node.endIndex, row: node.startPosition.row });
  }
  return seen;
}

/** Every `statement` whose parent does not contain `offset` (the parent's children were not rebuilt). */
function statementsBesideEdit(tree: Tree, offset: number): Seen[] {
  const seen: Seen[] = [];
  const stack: Node[] = [tree.rootNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const parentHoldsEdit = node.startIndex <= offset && offset <= node.endIndex;
    for (const child of node.children) {
      if (!child) continue;
      if (child.type === 'statement' && !parentHoldsEdit) {
        seen.push({ id: child.id, start: child.startIndex, end: child.endIndex, row: child.startPosition.row });
      }
      if (child.childCount > 0) stack.push(child);
    }
  }
  return seen;
}

/**
 * Appends 'x' to a word: the last word before the first `end` (a line break in the set form, a `;` in
 * the curly form) after `fraction` of the text. Returns the edit offset.
 */
function appendToWord(doc: SyntaxDocument, fraction: number, end: string): number {
  const offset = doc.text.indexOf(end, Math.floor(doc.text.length * fraction));
  doc.applyEdit(offset, offset, 'x');
  return offset;
}

/** Ids after the edit, keyed by the node's start before the edit (one character inserted at `offset`). */
function idsByOldStart(after: readonly Seen[], offset: number): Map<number, number> {
  return new Map(after.map((node) => [node.start > offset ? node.start - 1 : node.start, node.id]));
}

test('set form: top-level commands far from a one-character edit keep their node ids', async () => {
  await initSyntax();
  const doc = new SyntaxDocument(generateLargeConfig({ lines: 20_000, form: 'set', seed: 1 }));
  try {
    for (const fraction of [0.5, 0.1, 0.93]) {
      const before = topLevel(doc.tree);
      const editRow = doc.text.slice(0, Math.floor(doc.text.length * fraction)).split('\n').length - 1;
      const offset = appendToWord(doc, fraction, '\n');
      const after = idsByOldStart(topLevel(doc.tree), offset);
      const far = before.filter((node) => Math.abs(node.row - editRow) > 2000);
      const kept = far.filter((node) => after.get(node.start) === node.id);
      assert.ok(far.length > 10_000, `expected many commands far from the edit, got ${far.length}`);
      assert.equal(kept.length, far.length, `${far.length - kept.length} of ${far.length} far commands were rebuilt`);
      const keptAnywhere = before.filter((node) => after.get(node.start) === node.id).length;
      assert.ok(keptAnywhere > 0.9 * before.length, `only ${keptAnywhere} of ${before.length} top-level ids kept`);
    }
  } finally {
    doc.dispose();
  }
});

test('curly form: statements outside the blocks holding a one-character edit keep their node ids', async () => {
  await initSyntax();
  const doc = new SyntaxDocument(generateLargeConfig({ lines: 20_000, form: 'curly', seed: 1 }));
  try {
    for (const fraction of [0.5, 0.2, 0.8]) {
      const offset = doc.text.indexOf(';', Math.floor(doc.text.length * fraction));
      const before = statementsBesideEdit(doc.tree, offset);
      appendToWord(doc, fraction, ';');
      const after = idsByOldStart(statementsBesideEdit(doc.tree, offset), offset);
      const kept = before.filter((node) => after.get(node.start) === node.id);
      assert.ok(before.length > 1000, `expected many statements beside the edit, got ${before.length}`);
      assert.equal(kept.length, before.length, `${before.length - kept.length} of ${before.length} statements were rebuilt`);
    }
  } finally {
    doc.dispose();
  }
});

test('set form with many hidden chunks: incremental reparse equals a fresh parse after random edits', async () => {
  await initSyntax();
  const base = generateLargeConfig({ lines: 3000, form: 'set', seed: 3 });
  const fragments = ['\n', ' ', 'x', 'set ', '{', '}', ';', '"', '#', '/*', '[edit ', 'delete ', '\n\n'];
  const editArbitrary = fc.record({
    startFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 40 }),
    inserted: fc.array(fc.constantFrom(...fragments), { maxLength: 3 }).map((parts) => parts.join('')),
  });
  fc.assert(
    fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 4 }), (edits) => {
      const doc = new SyntaxDocument(base);
      try {
        for (const edit of edits) {
          const start = Math.floor(edit.startFraction * doc.text.length);
          doc.applyEdit(start, Math.min(doc.text.length, start + edit.length), edit.inserted);
          assertSameAsFreshParse(doc);
        }
      } finally {
        doc.dispose();
      }
    }),
    { numRuns: 25, seed: 20261127 },
  );
});
