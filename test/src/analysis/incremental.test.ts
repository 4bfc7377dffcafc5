/**
 * test/analysis/incremental.test.ts: after an edit, the analysis that updated the previous one's findings
 * (analysis/incremental.ts: each rule family re-run only where the model changed) gives exactly the
 * diagnostics of a fresh analysis of the final text (same list, order and fields), and a reference index
 * with the same uses (in the same order) and definitions; on every bundled example (both forms) and on
 * generated configurations, for seeded random edits applied one after another (typing and deleting
 * inside words and values, `;`, digits, letters), each analysed from the one before it. It also checks
 * that the incremental rules really ran for most edits the model could update in place.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, type DocumentAnalysis, type ReferenceIndex } from '../../../server/src/analysis/index';
import { mirrorTree, remirrorTree, type MirrorNode } from '../../../server/src/ide/tree-mirror';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { documentForm } from '../../../server/src/model/incremental';
import { loadSchema } from '../../../server/src/schema/index';
import type { Schema } from '../../../server/src/schema/types';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { generateLargeConfig, prng as random } from '../fixtures/large-config';
import { lineEdits, type TextEdit } from '../fixtures/line-edits';

const EXAMPLES = path.resolve(__dirname, '../../../..', 'examples');
let schema: Schema;

before(async () => {
  await initSyntax();
  schema = loadSchema('mx');
});

const OPTIONS = { platform: 'ms-pic' } as const;
/** more edits (and seeds) for a longer local run: INCREMENTAL_STRESS=10 */
const STRESS = Math.max(1, Number(process.env.INCREMENTAL_STRESS ?? 1));

function fresh(doc: SyntaxDocument): DocumentAnalysis {
  return analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: mirrorTree(doc.tree) } }, OPTIONS, schema);
}

const at = (w: { source: { start: number; end: number } }): string => `${w.source.start}-${w.source.end}`;

function describeIndex(index: ReferenceIndex): { uses: string[]; definitions: string[] } {
  return {
    uses: index.uses.map((u) => `${u.kind}|${u.name}|${at(u.word)}|${u.node.keyword}|${u.target ? `${u.target.kind}:${u.target.name}` : '-'}|${u.listPath.join(' ')}|${u.interfaceForm ?? ''}`),
    definitions: index.definitions.map((d) => `${d.kind}|${d.name}|${d.nameWords.map(at).join(',')}|${index.referencesOf(d).length}`).sort(),
  };
}

/** A random edit of the kinds a user makes while typing: inside words and values, `;`, digits, letters. */
function randomEdit(next: () => number, text: string): { start: number; end: number; inserted: string } {
  const kind = next();
  let pos = Math.floor(next() * text.length);
  while (pos < text.length && !/[A-Za-z0-9./:-]/.test(text[pos]!)) pos++;
  if (pos >= text.length) pos = 0;
  if (kind < 0.35) return { start: pos, end: pos, inserted: 'abcdefghijklmnopqrstuvwxyz0123456789-./'[Math.floor(next() * 39)]! };
  if (kind < 0.55) return { start: pos, end: Math.min(text.length, pos + 1), inserted: '' };
  if (kind < 0.7) return { start: pos, end: Math.min(text.length, pos + 1 + Math.floor(next() * 3)), inserted: ['x', '1', 'ab', '0/0', ''][Math.floor(next() * 5)]! };
  if (kind < 0.8) return { start: pos, end: pos, inserted: ';' };
  if (kind < 0.9) return { start: pos, end: pos, inserted: String(Math.floor(next() * 100)) };
  // the end of a word: finishing or extending a name
  let end = pos;
  while (end < text.length && /[A-Za-z0-9./:-]/.test(text[end]!)) end++;
  return { start: end, end, inserted: ['s', '2', '-x', ''][Math.floor(next() * 4)]! };
}

/** Runs `count` random edits; returns how many the model updated in place and how many of those the rules did too. */
function run(text: string, seed: number, count: number, lines: boolean | ((text: string) => TextEdit[]) = false): { modelIncremental: number; rulesIncremental: number; cleanModelIncremental: number; edits: number } {
  const next = random(seed);
  const doc = new SyntaxDocument(text);
  let root: MirrorNode = mirrorTree(doc.tree);
  let analysis = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: root } }, OPTIONS, schema);
  let undo: { start: number; end: number; inserted: string } | undefined;
  let modelIncremental = 0;
  let rulesIncremental = 0;
  let cleanModelIncremental = 0;
  let wasClean = !analysis.diagnostics.some((d) => d.code === 'syntax-error');
  const queue: TextEdit[] = [];
  const lineEdit = typeof lines === 'function' ? lines : lineEdits(next);
  for (let i = 0; i < count; i++) {
    const beforeText = doc.text;
    if (lines && queue.length === 0) queue.push(...lineEdit(beforeText));
    const { start, end, inserted } = lines ? queue.shift()! : undo ?? randomEdit(next, beforeText);
    undo = undefined;
    doc.applyEdit(start, end, inserted);
    // a broken document is usually repaired next (and sometimes a good edit taken back)
    if (lines) {
      // (whole-line edits: typing goes on)
    } else if (next() < 0.25 || documentForm(doc.tree.rootNode, doc.text) === undefined) undo = { start, end: start + inserted.length, inserted: beforeText.slice(start, end) };
    const map = new EditMap([{ version: i + 2, start, end, newLength: inserted.length }]);
    root = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
    const phases: string[] = [];
    const actual = analyzeDocument({ id: 'doc', text: doc.text, tree: { rootNode: root } }, OPTIONS, schema, (p) => phases.push(p), {
      analysis,
      edit: { start, oldEnd: end, newEnd: start + inserted.length },
    });
    const expected = fresh(doc);
    if (phases.includes('model (incremental)')) modelIncremental++;
    // (the rules run in full while the text has a syntax error, before or after the edit)
    const clean = !expected.diagnostics.some((d) => d.code === 'syntax-error');
    if (phases.includes('model (incremental)') && clean && wasClean) cleanModelIncremental++;
    wasClean = clean;
    if (phases.includes('statements (incremental)')) rulesIncremental++;
    const what = `edit ${i} ${JSON.stringify({ start, end, inserted })} (${phases.filter((p) => p.includes('incremental')).join(', ')})`;
    assert.deepEqual(actual.diagnostics, expected.diagnostics, `diagnostics after ${what}`);
    assert.deepEqual(describeIndex(actual.references), describeIndex(expected.references), `reference index after ${what}`);
    analysis = actual;
  }
  return { modelIncremental, rulesIncremental, cleanModelIncremental, edits: count };
}

const examples = fs
  .readdirSync(EXAMPLES)
  .flatMap((dir) => (fs.statSync(path.join(EXAMPLES, dir)).isDirectory() ? fs.readdirSync(path.join(EXAMPLES, dir)).map((f) => `${dir}/${f}`) : []))
  .filter((f) => f.endsWith('.conf') || f.endsWith('.set'))
  .sort();

test('the bundled examples are found', () => {
  assert.ok(examples.length >= 20, examples.join(', '));
});

for (const [k, file] of examples.entries()) {
  test(`incremental rules equal fresh analyses over 60 random edits: ${file}`, () => {
    const { modelIncremental, rulesIncremental } = run(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), 500 + k * STRESS, 60 * STRESS);
    // the rules update whenever the model did, unless the edit made or removed an unknown statement
    assert.ok(rulesIncremental >= modelIncremental / 2, `rules updated in place: ${rulesIncremental} of ${modelIncremental}`);
  });
}

for (const form of ['curly', 'set'] as const) {
  test(`incremental rules equal fresh analyses over 60 random edits: generated ${form} configuration`, () => {
    const { modelIncremental, rulesIncremental, edits } = run(generateLargeConfig({ lines: 3000, form, seed: 11 * STRESS }), form === 'curly' ? 91 : 92, 60 * STRESS);
    assert.ok(rulesIncremental >= modelIncremental / 2, `rules updated in place: ${rulesIncremental} of ${modelIncremental} (${edits} edits)`);
    if (form === 'curly') assert.ok(rulesIncremental >= edits / 4, `rules updated in place: ${rulesIncremental} of ${edits}`);
  });
}

for (const [k, file] of examples.entries()) {
  test(`incremental rules equal fresh analyses over 80 whole-line edits (inserted, deleted, typed character by character): ${file}`, () => {
    const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
    const { modelIncremental, rulesIncremental, cleanModelIncremental, edits } = run(text, 700 + k * STRESS, 80 * STRESS, true);
    // (a file with parse errors, or set-form commands other than `set`, is read again whole)
    const updatable = documentForm(new SyntaxDocument(text).tree.rootNode, text) !== undefined;
    if (updatable) assert.ok(modelIncremental >= edits / 4, `model updated in place: ${modelIncremental} of ${edits}`);
    assert.ok(rulesIncremental >= cleanModelIncremental / 3, `rules updated in place: ${rulesIncremental} of ${cleanModelIncremental} (free of syntax errors)`);
  });
}

for (const form of ['curly', 'set'] as const) {
  test(`incremental rules equal fresh analyses over 100 whole-line edits: generated ${form} configuration`, () => {
    const { modelIncremental, rulesIncremental, edits } = run(generateLargeConfig({ lines: 3000, form, seed: 13 * STRESS }), form === 'curly' ? 191 : 192, 100 * STRESS, true);
    assert.ok(modelIncremental >= edits / 3, `model updated in place: ${modelIncremental} of ${edits}`);
    assert.ok(rulesIncremental >= modelIncremental / 3, `rules updated in place: ${rulesIncremental} of ${modelIncremental}`);
  });
}

/** A new line typed after a line at ten places, as one edit (its line break, the indent and a first word:
 *  `d`, or `set i` in a set file), each taken back at once (an undo) before the next. */
function typedAndUndone(): (text: string) => TextEdit[] {
  let place = 0;
  return (text) => {
    let off = text.indexOf('\n', Math.floor(text.length * (0.05 + (place++ % 10) * 0.09)));
    if (off < 0) off = text.length;
    const lineStart = text.lastIndexOf('\n', off - 1) + 1;
    const line = text.slice(lineStart, off);
    const typed = '\n' + /^\s*/.exec(line)![0] + (/^\s*set /.test(line) ? 'set i' : 'd');
    return [
      { start: off, end: off, inserted: typed },
      { start: off, end: off + typed.length, inserted: '' },
    ];
  };
}

for (const form of ['curly', 'set'] as const) {
  test(`a half-typed line taken back at once, at ten places, equals fresh analyses: generated ${form} configuration`, () => {
    const { modelIncremental, rulesIncremental, edits } = run(generateLargeConfig({ lines: 3000, form, seed: 17 }), 0, 20, typedAndUndone());
    // a set-form line typed after a command (whose line break ends it) leaves the command alone
    if (form === 'set') assert.equal(modelIncremental, edits, `model updated in place: ${modelIncremental} of ${edits}`);
    // (curly: `d` right before a closing brace takes the brace into its statement: the file is read again)
    assert.ok(rulesIncremental >= modelIncremental / 2, `rules updated in place: ${rulesIncremental} of ${modelIncremental}`);
  });
}
