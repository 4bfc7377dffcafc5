/**
 * test/model/effective-sharing.test.ts: a plain configuration (no group, no group plumbing, no inactive
 * statement: model/groups.ts `plainTree`) is its own effective tree, the written root itself and no copy;
 * the copy the expansion would make holds the same nodes; an incremental update keeps the sharing, drops
 * it when a unit brings an inactive statement and finds it again when the last one goes.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mirrorTree } from '../../../server/src/ide/tree-mirror';
import { effectiveTree } from '../../../server/src/model/groups';
import { buildConfig, updateConfig, type ConfigModel, type ConfigNode } from '../../../server/src/model/index';
import { loadSchema } from '../../../server/src/schema/index';
import type { Schema } from '../../../server/src/schema/types';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { generateLargeConfig } from '../fixtures/large-config';

let schema: Schema;

before(async () => {
  await initSyntax();
  schema = loadSchema('mx');
});

function modelOf(doc: SyntaxDocument): ConfigModel {
  return buildConfig({ id: 'doc', text: doc.text, tree: { rootNode: mirrorTree(doc.tree) } }, schema);
}

/** Every fact readers of an effective tree see, one line per node in pre-order (origins aside). */
function describe(root: ConfigNode): string[] {
  const out: string[] = [];
  const stack: [ConfigNode, number][] = [[root, 0]];
  const word = (w: { text: string; kind: string; source: { start: number; end: number } } | undefined): string =>
    w ? `${w.text}@${w.source.start}-${w.source.end}:${w.kind}` : '-';
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    out.push(
      [
        depth, n.keyword, n.role, n.keywordHidden, word(n.keywordWord), n.keys.map(word).join(','), n.values.map(word).join(','),
        n.mentions.map(word).join(','), n.comments.map((c) => c.text).join(','), n.annotation?.text ?? '', n.inactive, n.protect,
        n.terminal, n.opensBlock, n.schema?.name ?? '', n.parent === undefined,
      ].join('|'),
    );
    for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i]!, depth + 1]);
  }
  return out;
}

for (const form of ['curly', 'set'] as const) {
  test(`a plain ${form} configuration is its own effective tree, equal to the copy the expansion makes`, () => {
    const doc = new SyntaxDocument(generateLargeConfig({ lines: 1500, form, seed: 3 }));
    const model = modelOf(doc);
    assert.equal(model.effective(), model.root, 'the written root itself, not a copy');
    assert.deepEqual(describe(model.effective()), describe(effectiveTree(model.root, { copy: true })));
  });
}

test('groups or an inactive statement make the effective tree a copy', () => {
  const plain = 'system { host-name r1; }\ninterfaces { ge-0/0/0 { mtu 1500; } }\n';
  const withInactive = plain.replace('mtu 1500;', 'inactive: mtu 1500;');
  const withGroups = `groups { g { system { domain-name x.net; } } }\napply-groups g;\n${plain}`;
  const shared = modelOf(new SyntaxDocument(plain));
  assert.equal(shared.effective(), shared.root);
  const inactive = modelOf(new SyntaxDocument(withInactive));
  assert.notEqual(inactive.effective(), inactive.root);
  assert.equal(inactive.effective().children[1]!.children[0]!.children.length, 0, 'the inactive mtu dropped');
  const groups = modelOf(new SyntaxDocument(withGroups));
  assert.notEqual(groups.effective(), groups.root);
  assert.deepEqual(groups.effective().children.map((c) => c.keyword), ['system', 'interfaces']);
});

test('incremental updates keep a plain effective tree shared, and follow inactive statements coming and going', () => {
  const text = generateLargeConfig({ lines: 800, form: 'curly', seed: 4 });
  const doc = new SyntaxDocument(text);
  let model = modelOf(doc);
  model.effective();
  const step = (start: number, end: number, inserted: string): ConfigModel => {
    doc.applyEdit(start, end, inserted);
    const next = updateConfig(model, { id: 'doc', text: doc.text, tree: { rootNode: mirrorTree(doc.tree) } }, { start, oldEnd: end, newEnd: start + inserted.length });
    assert.ok(next, `the edit at ${start} is applied incrementally`);
    const fresh = modelOf(doc);
    assert.deepEqual(describe(next.effective()), describe(fresh.effective()));
    assert.equal(next.effective() === next.root, fresh.effective() === fresh.root, 'shared exactly when a fresh build shares');
    return next;
  };
  // a word typed inside a statement: the same tree, still shared, and the change names the written nodes
  const at = doc.text.indexOf('description "') + 'description "'.length;
  model = step(at, at, 'x');
  assert.equal(model.effective(), model.root);
  assert.equal(model.change?.effectiveKept, true);
  const effectiveAdded = model.change?.effectiveAdded ?? [];
  const added = model.change?.added ?? [];
  assert.ok(effectiveAdded.length === added.length && effectiveAdded.every((n, i) => n === added[i]), 'the effective nodes added are the written ones');
  assert.equal(model.change?.effectiveParent, model.change?.parent);
  // `inactive:` before a statement: the effective tree is a copy again
  const line = doc.text.indexOf('\n', at) + 1;
  const indent = /^\s*/.exec(doc.text.slice(line))![0].length;
  model = step(line + indent, line + indent, 'inactive: ');
  assert.notEqual(model.effective(), model.root);
  // and taken back: shared again
  model = step(line + indent, line + indent + 'inactive: '.length, '');
  assert.equal(model.effective(), model.root);
});
