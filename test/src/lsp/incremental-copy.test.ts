/**
 * test/lsp/incremental-copy.test.ts: after an edit, the plain tree copy made by reusing the unedited
 * top-level statements of the previous copy (`remirrorTree` through an `EditMap` of the document store's
 * edit log) equals, node by node, a full copy of the reparsed tree: on both example forms, for seeded
 * random edits (inserted words, deleted ranges, broken and repaired braces) applied one after another.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type MirrorNode, mirrorTree, remirrorTree } from '../../../server/src/ide/tree-mirror';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { prng as random } from '../fixtures/large-config';

const EXAMPLES = path.resolve(__dirname, '../../../..', 'examples');

before(async () => {
  await initSyntax();
});

function describe(node: MirrorNode): string[] {
  const out: string[] = [];
  const stack: [MirrorNode, number][] = [[node, 0]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    const fields = ['name', 'value', 'body', 'key', 'keyword'].map((f) => (n.childForFieldName(f) ? `${f}@${n.childForFieldName(f)!.startIndex}` : '')).join('');
    out.push(`${depth} ${n.type} ${n.startIndex}-${n.endIndex} ${n.isMissing ? 'M' : ''}${n.hasError ? 'E' : ''} ${fields}`);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i]!, depth + 1]);
  }
  return out;
}

function allNodes(root: MirrorNode): MirrorNode[] {
  const out: MirrorNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...n.children);
  }
  return out;
}

/** nodes of `root` not in `shared` */
function countNodes(root: MirrorNode, shared: ReadonlySet<MirrorNode>): number {
  return allNodes(root).filter((n) => !shared.has(n)).length;
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
      const unshared = countNodes(incremental, new Set(allNodes(copy)));
      if (inserted.length === end - start && unshared < countNodes(incremental, new Set())) sameLengthReuse++;
      copy = incremental;
    }
    assert.ok(reused > 0, 'top-level copies before the edits are reused as they are');
    if (file.endsWith('.conf')) assert.ok(sameLengthReuse > 0, 'inside an edited block, untouched statements are reused');
  });
}
