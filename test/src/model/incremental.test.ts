/**
 * test/model/incremental.test.ts: after an edit, the analysis whose model was updated in place
 * (model/incremental.ts: only the statement or command the edit fell in re-read) equals a fresh analysis
 * of the final text: the written tree (every word with its range, notes, flags, order), the builder's
 * problems, the effective tree and the diagnostics; on the bundled examples in both forms and on
 * generated realistic configurations, for seeded random edits applied one after another (typing and
 * deleting inside words, breaking and repairing lines), each analysed from the one before it.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, type DocumentAnalysis } from '../../../server/src/analysis/index';
import { mirrorTree, remirrorTree, type MirrorNode } from '../../../server/src/ide/tree-mirror';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { buildConfig, nodePath, updateConfig, type ConfigModel } from '../../../server/src/model/index';
import { documentForm } from '../../../server/src/model/incremental';
import { loadSchema } from '../../../server/src/schema/index';
import type { Schema } from '../../../server/src/schema/types';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { generateLargeConfig, prng as random } from '../fixtures/large-config';
import { lineEdits, type TextEdit } from '../fixtures/line-edits';
import { describeScopes, describeTree, word } from './support/describe';

const EXAMPLES = path.resolve(__dirname, '../../../..', 'examples');
let schema: Schema;

before(async () => {
  await initSyntax();
  schema = loadSchema('mx');
});


function describeQueries(model: ConfigModel, text: string, near: number, count: number, next: () => number): string[] {
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) offsets.push(Math.floor(next() * (text.length + 1)));
  for (let d = -40; d <= 40; d++) if (near + d >= 0 && near + d <= text.length) offsets.push(near + d);
  return offsets.map((o) => {
    const at = model.nodeAt('doc', o);
    const ctx = model.contextAt('doc', o);
    return [
      o, at ? `${word(at.word)} ${at.part} ${nodePath(at.node).join(' ')}` : '-',
      ctx ? `${ctx.path.join(' ')}|${ctx.before.map(word).join(',')}|${word(ctx.partial)}|${ctx.expecting.kind}|${ctx.schema?.name ?? ''}|${ctx.verb ?? ''}|${ctx.form}|${nodePath(ctx.node).join(' ')}` : '-',
    ].join(' ');
  });
}

function fresh(doc: SyntaxDocument): DocumentAnalysis {
  return analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: mirrorTree(doc.tree) } }, { platform: 'ms-pic' }, schema);
}

/** Runs `count` random edits; returns how many were analysed incrementally. `lines`: whole-line edits
 *  (`lineEdits`) instead of edits inside words and lines. */
function run(text: string, seed: number, count: number, lines = false): { incremental: number; edits: number } {
  const next = random(seed);
  const doc = new SyntaxDocument(text);
  let root: MirrorNode = mirrorTree(doc.tree);
  let analysis = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: root } }, { platform: 'ms-pic' }, schema);
  let undo: { start: number; end: number; inserted: string } | undefined;
  let incremental = 0;
  let edits = 0;
  const queue: TextEdit[] = [];
  const lineEdit = lineEdits(next);
  for (let i = 0; i < count; i++) {
    const before = doc.text;
    let start: number;
    let end: number;
    let inserted: string;
    if (lines) {
      if (queue.length === 0) queue.push(...lineEdit(before));
      ({ start, end, inserted } = queue.shift()!);
    } else if (undo) {
      ({ start, end, inserted } = undo);
      undo = undefined;
    } else {
      const kind = next();
      let at = Math.floor(next() * before.length);
      if (kind < 0.6) {
        // typing or deleting inside a word (names, values, keywords)
        while (at < before.length && !/[A-Za-z0-9-]/.test(before[at]!)) at++;
        if (at >= before.length) at = 0;
        start = at;
        end = kind < 0.3 ? at : Math.min(before.length, at + 1);
        inserted = kind < 0.3 ? 'abcdefghijklmnopqrstuvwxyz0123456789-.'[Math.floor(next() * 38)]! : kind < 0.45 ? '' : 'z';
      } else if (kind < 0.8) {
        start = at;
        end = Math.min(before.length, at + Math.floor(next() * 6));
        inserted = ['', ' ', 'x', '\n', '"'][Math.floor(next() * 5)]!;
      } else {
        start = at;
        end = at;
        inserted = [';', '{', '}', '\n', ' 1', ' unit 7', ' description foo', ' # note'][Math.floor(next() * 8)]!;
      }
    }
    doc.applyEdit(start, end, inserted);
    const reverse = { start, end: start + inserted.length, inserted: before.slice(start, end) };
    // a broken document is usually repaired next (and sometimes a good edit taken back)
    if (!lines && (next() < 0.3 || documentForm(doc.tree.rootNode, doc.text) === undefined)) undo = reverse;
    const map = new EditMap([{ version: i + 2, start, end, newLength: inserted.length }]);
    root = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
    const withEffective = next() < 0.7; // sometimes the effective tree exists and is carried over
    let phase = '';
    if (withEffective) analysis.model.effective();
    // mostly the query indexes exist and are carried over (derived from the previous model's)
    if (next() < 0.8) analysis.model.prepareQueries();
    const expected = fresh(doc);
    const actual = analyzeDocument(
      { id: 'doc', text: doc.text, tree: { rootNode: root } },
      { platform: 'ms-pic' },
      schema,
      (p) => {
        if (p.startsWith('model')) phase = p;
      },
      { analysis, edit: { start, oldEnd: end, newEnd: start + inserted.length } },
    );
    edits++;
    if (phase === 'model (incremental)') incremental++;
    const what = `edit ${i} ${JSON.stringify({ start, end, inserted })} (${phase})`;
    assert.deepEqual(describeTree(actual.model.root), describeTree(expected.model.root), `written tree after ${what}`);
    assert.deepEqual(actual.model.problems, expected.model.problems, `problems after ${what}`);
    assert.deepEqual(describeScopes(actual), describeScopes(expected), `scope records after ${what}`);
    assert.deepEqual(describeTree(actual.model.effective()), describeTree(expected.model.effective()), `effective tree after ${what}`);
    assert.deepEqual(actual.diagnostics, expected.diagnostics, `diagnostics after ${what}`);
    if (phase === 'model (incremental)' && (doc.tree.rootNode as { hasError?: boolean }).hasError === false) {
      // the update checks the form of the edited units only: the whole text has it too
      assert.ok(documentForm(doc.tree.rootNode, doc.text) !== undefined, `form after ${what}`);
    }
    const seed = Math.floor(next() * 1e9);
    assert.deepEqual(
      describeQueries(actual.model, doc.text, start, 60, random(seed)),
      describeQueries(expected.model, doc.text, start, 60, random(seed)),
      `nodeAt/contextAt after ${what}`,
    );
    analysis = actual;
  }
  return { incremental, edits };
}

const examples = ['ike-dynamic-sa/r2.conf', 'ike-dpd-failover/r1.conf', 'seed-as-published/r1.conf', 'ike-dynamic-sa-set/r3.set', 'seed-as-published/r3.set'];
for (const [k, file] of examples.entries()) {
  test(`incremental model updates equal fresh analyses over 80 random edits: ${file}`, () => {
    const { incremental, edits } = run(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), 1000 + k, 80);
    // set-form edits often rename a node other lines write into too (then the whole file is read again)
    assert.ok(incremental >= edits / (file.endsWith('.set') ? 8 : 4), `edits applied to one statement: ${incremental} of ${edits}`);
  });
}

for (const form of ['curly', 'set'] as const) {
  test(`incremental model updates equal fresh analyses over 40 random edits: generated ${form} configuration`, () => {
    const { incremental, edits } = run(generateLargeConfig({ lines: 1200, form, seed: 5 }), form === 'curly' ? 77 : 78, 40);
    // most set lines of a generated file name nodes other lines write into: an edit there reads the file again
    assert.ok(form === 'set' ? incremental > 0 : incremental >= edits / 4, `edits applied to one statement: ${incremental} of ${edits}`);
  });
}

for (const [k, file] of examples.entries()) {
  test(`whole lines inserted, deleted and typed character by character: incremental updates equal fresh analyses: ${file}`, () => {
    const { incremental, edits } = run(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), 2000 + k, 150, true);
    assert.ok(incremental >= edits / 3, `edits applied incrementally: ${incremental} of ${edits}`);
  });
}

for (const form of ['curly', 'set'] as const) {
  test(`whole lines inserted, deleted and typed character by character: generated ${form} configuration`, () => {
    const { incremental, edits } = run(generateLargeConfig({ lines: 1200, form, seed: 6 }), form === 'curly' ? 177 : 178, 120, true);
    assert.ok(incremental >= edits / 3, `edits applied incrementally: ${incremental} of ${edits}`);
  });
}

test('an edit inside a description of a large configuration re-reads one statement, in both forms', () => {
  for (const form of ['curly', 'set'] as const) {
    const text = generateLargeConfig({ lines: 4000, form, seed: 2 });
    const doc = new SyntaxDocument(text);
    const root = mirrorTree(doc.tree);
    const analysis = analyzeDocument({ id: 'doc', text, tree: { rootNode: root } }, { platform: 'ms-pic' }, schema);
    analysis.model.effective();
    const at = text.indexOf('description "', text.length / 2) + 'description "'.length;
    doc.applyEdit(at, at, 'x');
    const map = new EditMap([{ version: 2, start: at, end: at, newLength: 1 }]);
    const next = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
    let phase = '';
    const updated = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: next } }, { platform: 'ms-pic' }, schema, (p) => {
      if (p.startsWith('model')) phase = p;
    }, { analysis, edit: { start: at, oldEnd: at, newEnd: at + 1 } });
    assert.equal(phase, 'model (incremental)', form);
    const expected = fresh(doc);
    assert.deepEqual(updated.diagnostics, expected.diagnostics, form);
    assert.deepEqual(describeTree(updated.model.effective()), describeTree(expected.model.effective()), form);
  }
});

test('query indexes derived over 450 successive updates (their runs merged on the way) answer as a fresh build', () => {
  for (const form of ['curly', 'set'] as const) {
    const next = random(form === 'curly' ? 91 : 92);
    const doc = new SyntaxDocument(generateLargeConfig({ lines: 600, form, seed: 3 }));
    let root: MirrorNode = mirrorTree(doc.tree);
    const source = (): { id: string; text: string; tree: { rootNode: MirrorNode } } => ({ id: 'doc', text: doc.text, tree: { rootNode: root } });
    let model = buildConfig(source(), schema);
    let updated = 0;
    for (let i = 0; i < 450; i++) {
      model.prepareQueries();
      // typing in or deleting from a description (one statement or command re-read)
      const quotes: number[] = [];
      for (let at = doc.text.indexOf('description "'); at >= 0; at = doc.text.indexOf('description "', at + 1)) quotes.push(at + 'description "'.length);
      const at = quotes[Math.floor(next() * quotes.length)]! + 1;
      const remove = next() < 0.4 && /[a-z0-9]/i.test(doc.text[at]!) && /[a-z0-9]/i.test(doc.text[at + 1]!) ? 1 : 0;
      const inserted = remove ? '' : 'q';
      doc.applyEdit(at, at + remove, inserted);
      const map = new EditMap([{ version: i + 2, start: at, end: at + remove, newLength: inserted.length }]);
      root = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
      const after = updateConfig(model, source(), { start: at, oldEnd: at + remove, newEnd: at + inserted.length });
      if (after) updated++;
      model = after ?? buildConfig(source(), schema);
    }
    assert.ok(updated >= 440, `${form}: ${updated} of 450 updated in place`);
    const expected = buildConfig(source(), schema);
    const everywhere = (m: ConfigModel): string[] => {
      const out: string[] = [];
      for (let o = 0; o <= doc.text.length; o++) {
        const at = m.nodeAt('doc', o);
        out.push(at ? `${o} ${word(at.word)} ${at.part} ${nodePath(at.node).join(' ')}` : `${o} -`);
      }
      return out;
    };
    assert.deepEqual(everywhere(model), everywhere(expected), form);
    const seed = Math.floor(next() * 1e9);
    assert.deepEqual(describeQueries(model, doc.text, 0, 400, random(seed)), describeQueries(expected, doc.text, 0, 400, random(seed)), form);
  }
});
