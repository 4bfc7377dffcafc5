/**
 * test/model/incremental-errors.test.ts: edits into a text that HAS syntax errors. Starting from texts with
 * half words, half-typed lines (both forms), unbalanced braces, stray `}` and unterminated quotes, seeded
 * random edits (typing in words, typing whole lines character by character, more half-typed lines, braces,
 * quotes) are applied one after another, each analysed from the analysis before it; after every edit the
 * result equals a fresh analysis of the final text (same parse tree): the written tree, the builder's
 * problems, the scope records, the effective tree, every diagnostic (syntax ones included) and the reference
 * index. It also checks that the model update (model/incremental.ts, error units) and the rule families'
 * updates (analysis/incremental.ts) really ran for most edits while the text held errors.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, type ReferenceIndex } from '../../../server/src/analysis/index';
import { mirrorTree, remirrorTree, type MirrorNode } from '../../../server/src/ide/tree-mirror';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { loadSchema } from '../../../server/src/schema/index';
import type { Schema } from '../../../server/src/schema/types';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { generateLargeConfig, prng as random } from '../fixtures/large-config';
import { lineEdits, type TextEdit } from '../fixtures/line-edits';
import { describeScopes, describeTree } from './support/describe';

const EXAMPLES = path.resolve(__dirname, '../../../..', 'examples');
const OPTIONS = { platform: 'ms-pic' } as const;
/** more edits for a longer local run: INCREMENTAL_STRESS=10 */
const STRESS = Math.max(1, Number(process.env.INCREMENTAL_STRESS ?? 1));
let schema: Schema;

before(async () => {
  await initSyntax();
  schema = loadSchema('mx');
});

const at = (w: { source: { start: number; end: number } }): string => `${w.source.start}-${w.source.end}`;

function describeIndex(index: ReferenceIndex): { uses: string[]; definitions: string[] } {
  return {
    uses: index.uses.map((u) => `${u.kind}|${u.name}|${at(u.word)}|${u.node.keyword}|${u.target ? `${u.target.kind}:${u.target.name}` : '-'}|${u.listPath.join(' ')}|${u.interfaceForm ?? ''}`),
    definitions: index.definitions.map((d) => `${d.kind}|${d.name}|${d.nameWords.map(at).join(',')}|${index.referencesOf(d).length}`).sort(),
  };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const lineAt = (text: string, s: number): string => {
  const e = text.indexOf('\n', s);
  return text.slice(s, e < 0 ? text.length : e);
};

/** An edit that adds a syntax error (or, for the set form, a half-typed command); `local`: only those
 *  that stay on their line (no brace or quote that changes how the lines after it are read). */
function breaking(next: () => number, text: string, set: boolean, local = false): TextEdit {
  const starts = lineStartsOf(text);
  let k = Math.floor(next() * starts.length);
  // (local: not before a line closing a block, whose `}` a half-typed statement may take, and not after one
  // opening a block)
  for (let tries = 0; local && tries < 50 && (/^\s*}/.test(lineAt(text, starts[k + 1] ?? 0)) || /{\s*$/.test(lineAt(text, starts[k]!))); tries++) {
    k = Math.floor(next() * starts.length);
  }
  const s = starts[k]!;
  const line = lineAt(text, s);
  const end = s + line.length;
  const indent = /^\s*/.exec(line)![0];
  const kind = local ? (next() < 0.6 ? next() * 0.35 : 0.8 + next() * 0.2) : next();
  if (kind < 0.35) {
    // a half-typed line after this one
    const half = set
      ? ['set i', 'se', 's', 'set interfaces ge-0/0/', 'set services ipsec-vpn rule', 'set system host-name "half'][Math.floor(next() * (local ? 5 : 6))]!
      : ['d', 'desc', 'family inet', 'lifetime-seconds', 'unit 7 {', 'description "half'][Math.floor(next() * (local ? 4 : 6))]!;
    return { start: end, end, inserted: `\n${set ? '' : indent}${half}` };
  }
  if (kind < 0.5) return { start: end, end, inserted: set ? '\n}' : `\n${indent}}` }; // a stray `}`
  if (kind < 0.6) return { start: end, end, inserted: ' {' }; // a block opened at a line's end
  if (kind < 0.7) {
    // a `}` removed
    const close = text.indexOf('}', s);
    return close >= 0 ? { start: close, end: close + 1, inserted: '' } : { start: end, end, inserted: ' "' };
  }
  if (kind < 0.8) return { start: end, end, inserted: ' "open' }; // an unterminated quote
  // half a word: the end of a word cut off
  let at = s + Math.floor(next() * Math.max(1, line.length));
  while (at < end && !/[A-Za-z0-9-]/.test(text[at]!)) at++;
  return { start: at, end: Math.min(end, at + 1 + Math.floor(next() * 4)), inserted: '' };
}

/** A random edit of the kinds a user makes: inside words, whole lines, half-typed lines, braces, quotes. */
function randomEdits(next: () => number, text: string, set: boolean, lines: (text: string) => TextEdit[], local: boolean): TextEdit[] {
  const kind = next();
  if (kind < 0.3) {
    let pos = Math.floor(next() * text.length);
    while (pos < text.length && !/[A-Za-z0-9./:-]/.test(text[pos]!)) pos++;
    if (pos >= text.length) pos = 0;
    const k = next();
    if (k < 0.4) return [{ start: pos, end: pos, inserted: 'abcdefghijklmnopqrstuvwxyz0123456789-./'[Math.floor(next() * 39)]! }];
    if (k < 0.7) return [{ start: pos, end: Math.min(text.length, pos + 1), inserted: '' }];
    if (k < 0.85 || local) return [{ start: pos, end: pos, inserted: ';' }];
    return [{ start: pos, end: Math.min(text.length, pos + 2), inserted: ['x', '"', '{', '}', ' '][Math.floor(next() * 5)]! }];
  }
  if (kind < 0.7) {
    const typed = lines(text);
    // (local: no line typed right before a line closing a block)
    if (!local || !/^\s*}/.test(lineAt(text, typed[0]!.start + 1))) return typed;
  }
  return [breaking(next, text, set, local)];
}

/** Applies `count` random edits (each analysed from the one before) to `text` after breaking it `breaks`
 *  times; returns how many edits the model and the rule families updated in place while errors were there. */
function run(text: string, seed: number, count: number, breaks: number, local = false): { model: number; families: number; withErrors: number; edits: number } {
  const next = random(seed);
  const set = /^\s*set /m.test(text);
  let broken = text;
  for (let i = 0; i < breaks; i++) {
    const e = breaking(next, broken, set, local);
    broken = broken.slice(0, e.start) + e.inserted + broken.slice(e.end);
  }
  const doc = new SyntaxDocument(broken);
  let root: MirrorNode = mirrorTree(doc.tree);
  let analysis = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: root } }, OPTIONS, schema);
  const lines = lineEdits(next);
  const queue: TextEdit[] = [];
  let model = 0;
  let families = 0;
  let withErrors = 0;
  for (let i = 0; i < count; i++) {
    if (queue.length === 0) queue.push(...randomEdits(next, doc.text, set, lines, local));
    const { start, end, inserted } = queue.shift()!;
    const hadErrors = analysis.diagnostics.some((d) => d.code === 'syntax-error');
    doc.applyEdit(start, end, inserted);
    const map = new EditMap([{ version: i + 2, start, end, newLength: inserted.length }]);
    root = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
    if (next() < 0.7) analysis.model.effective();
    if (next() < 0.8) analysis.model.prepareQueries();
    const phases: string[] = [];
    const actual = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: root } }, OPTIONS, schema, (p) => phases.push(p), {
      analysis,
      edit: { start, oldEnd: end, newEnd: start + inserted.length },
    });
    const expected = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: mirrorTree(doc.tree) } }, OPTIONS, schema);
    const errorsNow = expected.diagnostics.some((d) => d.code === 'syntax-error');
    if (hadErrors || errorsNow) {
      withErrors++;
      if (phases.includes('model (incremental)')) model++;
      if (phases.includes('statements (incremental)')) families++;
    }
    const what = `edit ${i} ${JSON.stringify({ start, end, inserted })} (${phases.filter((p) => p.startsWith('model') || p.startsWith('statements')).join(', ')})`;
    assert.deepEqual(actual.diagnostics, expected.diagnostics, `diagnostics after ${what}`);
    assert.deepEqual(describeTree(actual.model.root), describeTree(expected.model.root), `written tree after ${what}`);
    assert.deepEqual(actual.model.problems, expected.model.problems, `problems after ${what}`);
    assert.deepEqual(describeScopes(actual), describeScopes(expected), `scope records after ${what}`);
    assert.deepEqual(describeTree(actual.model.effective()), describeTree(expected.model.effective()), `effective tree after ${what}`);
    assert.deepEqual(describeIndex(actual.references), describeIndex(expected.references), `reference index after ${what}`);
    analysis = actual;
  }
  return { model, families, withErrors, edits: count };
}

const examples = ['ike-dynamic-sa/r2.conf', 'ike-dpd-failover/r1.conf', 'seed-as-published/r1.conf', 'ike-dynamic-sa-set/r3.set', 'seed-as-published/r3.set'];
for (const [k, file] of examples.entries()) {
  test(`edits into a text with syntax errors equal fresh analyses: ${file}`, () => {
    const r = run(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), 3000 + k, 120 * STRESS, 3);
    assert.ok(r.withErrors > r.edits / 2, `edits while the text held errors: ${r.withErrors} of ${r.edits}`);
    assert.ok(r.model >= r.withErrors / 3, `model updated in place while errors were there: ${r.model} of ${r.withErrors}`);
    assert.ok(r.families >= r.withErrors / 4, `rule families updated in place while errors were there: ${r.families} of ${r.withErrors}`);
  });
}

for (const form of ['curly', 'set'] as const) {
  test(`edits into a generated ${form} configuration with syntax errors equal fresh analyses`, () => {
    // (errors that stay on their line: a brace or quote left open makes a large error a user soon mends)
    const r = run(generateLargeConfig({ lines: 1500, form, seed: 9 }), form === 'curly' ? 3177 : 3178, 100 * STRESS, 5, true);
    assert.ok(r.withErrors > r.edits / 2, `edits while the text held errors: ${r.withErrors} of ${r.edits}`);
    assert.ok(r.model >= r.withErrors / 3, `model updated in place while errors were there: ${r.model} of ${r.withErrors}`);
    assert.ok(r.families >= r.withErrors / 4, `rule families updated in place while errors were there: ${r.families} of ${r.withErrors}`);
  });
}

for (const form of ['curly', 'set'] as const) {
  test(`half-typed lines left in place at ten places of a generated ${form} configuration are each updated in place`, () => {
    const text = generateLargeConfig({ lines: 3000, form, seed: 4 });
    const doc = new SyntaxDocument(text);
    let root: MirrorNode = mirrorTree(doc.tree);
    let analysis = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: root } }, OPTIONS, schema);
    let model = 0;
    let families = 0;
    for (let i = 0; i < 10; i++) {
      // (after a line ending a statement and followed by another statement, as the lsp-bench types them)
      const end = form === 'set' ? '\n' : ';\n';
      let off = doc.text.indexOf(end, Math.floor(doc.text.length * (0.05 + i * 0.09))) + end.length - 1;
      while (/^\s*}/.test(lineAt(doc.text, off + 1))) off = doc.text.indexOf(end, off + 1) + end.length - 1;
      const lineStart = doc.text.lastIndexOf('\n', off - 1) + 1;
      const indent = /^\s*/.exec(doc.text.slice(lineStart, off))![0];
      const typed = `\n${indent}${form === 'set' ? 'set i' : 'd'}`;
      doc.applyEdit(off, off, typed);
      const map = new EditMap([{ version: i + 2, start: off, end: off, newLength: typed.length }]);
      root = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
      const phases: string[] = [];
      analysis = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: root } }, OPTIONS, schema, (p) => phases.push(p), {
        analysis,
        edit: { start: off, oldEnd: off, newEnd: off + typed.length },
      });
      if (phases.includes('model (incremental)')) model++;
      if (phases.includes('statements (incremental)')) families++;
      const expected = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: mirrorTree(doc.tree) } }, OPTIONS, schema);
      assert.deepEqual(analysis.diagnostics, expected.diagnostics, `diagnostics after line ${i}`);
      assert.deepEqual(describeTree(analysis.model.root), describeTree(expected.model.root), `written tree after line ${i}`);
    }
    assert.equal(model, 10, 'model updates in place');
    assert.equal(families, 10, 'rule family updates in place');
  });
}

test('set form: a half-typed command that becomes, or stops being, the first writer of a node others write moves it where a fresh build creates it', () => {
  const steps: TextEdit[] = [];
  let text = 'set system host-name a\nset i\nset interfaces ge-0/0/0 unit 0\nset i\nset interfaces ge-0/0/1 unit 0\n';
  const doc = new SyntaxDocument(text);
  let root: MirrorNode = mirrorTree(doc.tree);
  let analysis = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: root } }, OPTIONS, schema);
  // typed at the top (the first writer now), deleted again, the first `set i` deleted, typed at the end
  steps.push({ start: 0, end: 0, inserted: 'set i\n' });
  steps.push({ start: 0, end: 6, inserted: '' });
  steps.push({ start: 23, end: 29, inserted: '' });
  steps.push({ start: text.length - 6, end: text.length - 6, inserted: 'set i\n' });
  let incremental = 0;
  for (const [i, { start, end, inserted }] of steps.entries()) {
    doc.applyEdit(start, end, inserted);
    text = doc.text;
    const map = new EditMap([{ version: i + 2, start, end, newLength: inserted.length }]);
    root = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
    const phases: string[] = [];
    analysis = analyzeDocument({ id: 'doc', text, tree: { rootNode: root } }, OPTIONS, schema, (p) => phases.push(p), {
      analysis,
      edit: { start, oldEnd: end, newEnd: start + inserted.length },
    });
    if (phases.includes('model (incremental)')) incremental++;
    const expected = analyzeDocument({ id: 'doc', text, tree: { rootNode: mirrorTree(doc.tree) } }, OPTIONS, schema);
    assert.deepEqual(describeTree(analysis.model.root), describeTree(expected.model.root), `written tree after step ${i}`);
    assert.deepEqual(analysis.diagnostics, expected.diagnostics, `diagnostics after step ${i}`);
  }
  assert.equal(incremental, steps.length);
});
