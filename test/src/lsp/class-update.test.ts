/**
 * test/lsp/class-update.test.ts: the schema classes of an analysis updated from the classes of the analysis
 *   it was made from (lsp/class-update.ts) equal every word classified again (`classifyWords` +
 *   `ClassRows.fromWords` of the same analysis), word for word and row for row, after seeded random edits
 *   (inside words and values, `;`, line breaks, breaking snippets) and whole lines inserted, deleted and
 *   typed character by character (test/src/fixtures/line-edits.ts), on bundled examples (also with a
 *   group applied) and generated configurations in both forms; the update must be taken for most typed lines. Also: an updated analysis
 *   is linked to the one it was made from (analysis-lineage.ts), and a full build to none.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeDocument, type DocumentAnalysis } from '../../../server/src/analysis/index';
import { classifyWords } from '../../../server/src/ide/schema-tokens';
import { mirrorTree, remirrorTree, type MirrorNode } from '../../../server/src/ide/tree-mirror';
import { analysisId, linkAnalysis, predecessorId } from '../../../server/src/lsp/analysis-lineage';
import { ClassRows } from '../../../server/src/lsp/class-rows';
import { fullClasses, updatedClasses, type AnalysisClasses } from '../../../server/src/lsp/class-update';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { loadSchema } from '../../../server/src/schema/index';
import type { Schema } from '../../../server/src/schema/types';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { LineIndex } from '../../../server/src/text/line-index';
import { generateLargeConfig, prng as random } from '../fixtures/large-config';
import { lineEdits, type TextEdit } from '../fixtures/line-edits';
import { REPO_ROOT } from './harness';

let schema: Schema;

before(async () => {
  await initSyntax();
  schema = loadSchema('mx');
});

const OPTIONS = { platform: 'ms-pic' } as const;
const DOC = 'file:///classes.conf';

/** An edit a user makes while typing (inside words and values, `;`), or now and then one that breaks the syntax. */
function randomEdit(next: () => number, text: string): TextEdit {
  const kind = next();
  let pos = Math.floor(next() * text.length);
  while (pos < text.length && !/[A-Za-z0-9./:-]/.test(text[pos]!)) pos++;
  if (pos >= text.length) pos = 0;
  if (kind < 0.35) return { start: pos, end: pos, inserted: 'abcdefghijklmnopqrstuvwxyz0123456789-./'[Math.floor(next() * 39)]! };
  if (kind < 0.55) return { start: pos, end: Math.min(text.length, pos + 1), inserted: '' };
  if (kind < 0.7) return { start: pos, end: Math.min(text.length, pos + 1 + Math.floor(next() * 3)), inserted: ['x', '1', 'ab', '0/0', 'ge-0/0/1.0', ''][Math.floor(next() * 6)]! };
  if (kind < 0.8) return { start: pos, end: pos, inserted: ';' };
  if (kind < 0.9) return { start: pos, end: pos, inserted: ' ' };
  return { start: pos, end: pos, inserted: ['\n', '"', '{', '}', '#', ' esp', '\n    description "a b";'][Math.floor(next() * 7)]! };
}

/** Every class of `rows`, row by row. */
function describe(rows: ClassRows): string[] {
  const out: string[] = [];
  for (let r = 0; r < rows.lines.lineCount; r++) out.push(rows.wordsOfRows(r, r).map((w) => `${w.start}-${w.end}:${w.cls}`).join(' '));
  return out;
}

/** The marks as the maps of a full classification make them: per start, the last definition's and the last use's class. */
function marksByMap(analysis: DocumentAnalysis): [number[], number[]] {
  const marks = new Map<number, number>();
  for (const d of analysis.references.definitions) {
    if (d.kind === 'interfaces' && d.node.keyword === 'unit') continue;
    for (const w of d.nameWords) if (w.source.docId === DOC) marks.set(w.source.start, ((marks.get(w.source.start) ?? 0) & ~3) | (d.kind === 'interfaces' ? 2 : 1));
  }
  for (const u of analysis.references.uses) {
    if (u.word.source.docId === DOC) marks.set(u.word.source.start, ((marks.get(u.word.source.start) ?? 0) & 3) | ((u.kind === 'interfaces' ? 2 : 1) << 2));
  }
  const starts = [...marks.keys()].sort((a, b) => a - b);
  return [starts, starts.map((s) => marks.get(s)!)];
}

/** Runs `count` edits, each analysed from the analysis before it; returns how many analyses updated the model and how many the classes. */
function run(text: string, seed: number, count: number, lines: boolean): { models: number; updated: number } {
  const next = random(seed);
  const doc = new SyntaxDocument(text);
  let root: MirrorNode = mirrorTree(doc.tree);
  let analysis = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: root } }, OPTIONS, schema);
  let classes: AnalysisClasses = fullClasses(analysis, schema, DOC, new LineIndex(doc.text));
  let undo: TextEdit | undefined;
  const queue: TextEdit[] = [];
  const lineEdit = lineEdits(next);
  let models = 0;
  let updated = 0;
  for (let i = 0; i < count; i++) {
    const beforeText = doc.text;
    if (lines && queue.length === 0) queue.push(...lineEdit(beforeText));
    const { start, end, inserted } = lines ? queue.shift()! : undo ?? randomEdit(next, beforeText);
    undo = undefined;
    doc.applyEdit(start, end, inserted);
    if (!lines && next() < 0.3) undo = { start, end: start + inserted.length, inserted: beforeText.slice(start, end) };
    const map = new EditMap([{ version: i + 2, start, end, newLength: inserted.length }]);
    root = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
    const next_ = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: root } }, OPTIONS, schema, undefined, {
      analysis,
      edit: { start, oldEnd: end, newEnd: start + inserted.length },
    });
    const lineIndex = new LineIndex(doc.text);
    if (next_.model.change) models++;
    const got = updatedClasses(classes, next_, schema, DOC, lineIndex);
    const expected = ClassRows.fromWords(classifyWords({ model: next_.model, references: next_.references, schema, docId: DOC }), lineIndex);
    const full = fullClasses(next_, schema, DOC, lineIndex);
    const what = `edit ${i} ${JSON.stringify({ start, end, inserted })}`;
    assert.deepEqual(describe(full.classes), describe(expected), `full classes after ${what}`);
    assert.deepEqual(marksByMap(next_), [[...full.marks.starts], [...full.marks.codes]], `reference marks after ${what}`);
    if (got) {
      updated++;
      assert.equal(got.classes.lines, lineIndex);
      assert.deepEqual(describe(got.classes), describe(expected), `updated classes after ${what}`);
      assert.deepEqual([[...got.marks.starts], [...got.marks.codes]], [[...full.marks.starts], [...full.marks.codes]], `reference marks after ${what}`);
      assert.ok(got.classes.maxSpan >= expected.maxSpan);
    }
    classes = got ?? full;
    analysis = next_;
  }
  return { models, updated };
}

interface Case {
  readonly name: string;
  readonly text: () => string;
  readonly edits: number;
  readonly lines: boolean;
}

const example = (file: string) => () => fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8');
/** A text with a group applied (its statements' paths start again inside `groups NAME`). */
const withGroups = (file: string, curly: boolean) => () =>
  example(file)() +
  (curly
    ? 'groups {\n    G1 {\n        system {\n            host-name from-group;\n        }\n        interfaces {\n            <*> {\n                mtu 1500;\n            }\n        }\n    }\n}\napply-groups G1;\n'
    : 'set groups G1 system host-name from-group\nset groups G1 interfaces <*> mtu 1500\nset apply-groups G1\n');
const CASES: Case[] = [
  { name: 'examples/ike-dynamic-sa/r2.conf with a group, random edits', text: withGroups('ike-dynamic-sa/r2.conf', true), edits: 40, lines: false },
  { name: 'examples/ike-dynamic-sa-set/r2.set with a group, typed lines', text: withGroups('ike-dynamic-sa-set/r2.set', false), edits: 50, lines: true },
  { name: 'examples/ike-dynamic-sa/r2.conf, random edits', text: example('ike-dynamic-sa/r2.conf'), edits: 60, lines: false },
  { name: 'examples/ike-dynamic-sa-set/r2.set, random edits', text: example('ike-dynamic-sa-set/r2.set'), edits: 60, lines: false },
  { name: 'examples/seed-as-published/r1.conf, random edits', text: example('seed-as-published/r1.conf'), edits: 40, lines: false },
  { name: 'examples/ike-dynamic-sa-set/r2.set, typed lines', text: example('ike-dynamic-sa-set/r2.set'), edits: 80, lines: true },
  { name: 'generated 3000-line curly config, random edits', text: () => generateLargeConfig({ lines: 3000, form: 'curly', seed: 5 }), edits: 40, lines: false },
  { name: 'generated 3000-line set config, random edits', text: () => generateLargeConfig({ lines: 3000, form: 'set', seed: 5 }), edits: 25, lines: false },
  { name: 'generated 3000-line curly config, typed lines', text: () => generateLargeConfig({ lines: 3000, form: 'curly', seed: 9 }), edits: 60, lines: true },
  { name: 'generated 3000-line set config, typed lines', text: () => generateLargeConfig({ lines: 3000, form: 'set', seed: 9 }), edits: 60, lines: true },
];

for (const [k, c] of CASES.entries()) {
  test(`classes updated from the last analysis's equal every word classified again: ${c.name}`, () => {
    const { models, updated } = run(c.text(), 700 + k, c.edits, c.lines);
    // typing: the classes follow the model update (a reference changed elsewhere classifies everything)
    if (c.lines) assert.ok(updated >= models / 2, `classes updated: ${updated} of ${models} model updates`);
    else assert.ok(updated > 0, `classes updated: ${updated} of ${models} model updates`);
  });
}

test('an updated analysis is linked to the one it was made from, a full build to none', () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa-set/r2.set'), 'utf8');
  const doc = new SyntaxDocument(text);
  let root: MirrorNode = mirrorTree(doc.tree);
  const first: DocumentAnalysis = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: root } }, OPTIONS, schema);
  assert.equal(predecessorId(first), undefined);
  const at = doc.text.indexOf('\n') + 1;
  doc.applyEdit(at, at, 'set system host-name typed\n');
  const map = new EditMap([{ version: 2, start: at, end: at, newLength: 27 }]);
  root = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
  const second = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: root } }, OPTIONS, schema, undefined, { analysis: first, edit: { start: at, oldEnd: at, newEnd: at + 27 } });
  linkAnalysis(second, first);
  assert.ok(second.model.change, 'the model was updated');
  assert.equal(predecessorId(second), analysisId(first));
  // a document closed and opened again: its first analysis is a full build
  const third = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: mirrorTree(doc.tree) } }, OPTIONS, schema);
  linkAnalysis(third, second);
  assert.equal(predecessorId(third), undefined);
});

test('a reference mark that differs outside the part read again makes every word classified again', () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa-set/r2.set'), 'utf8');
  const doc = new SyntaxDocument(text);
  let root: MirrorNode = mirrorTree(doc.tree);
  const first = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: root } }, OPTIONS, schema);
  const before = fullClasses(first, schema, DOC, new LineIndex(doc.text));
  // marks of another text (the same one with its last line's words moved by a blank): differ after the edit
  const other = new SyntaxDocument(text.replace(/\nset ([^\n]*)\n?$/, '\nset  $1\n'));
  const otherMarks = fullClasses(analyzeDocument({ id: DOC, text: other.text, tree: { rootNode: mirrorTree(other.tree) } }, OPTIONS, schema), schema, DOC, new LineIndex(other.text)).marks;
  const at = doc.text.indexOf('\n') + 1;
  doc.applyEdit(at, at, 'set system host-name typed\n');
  const map = new EditMap([{ version: 2, start: at, end: at, newLength: 27 }]);
  root = remirrorTree(doc.tree, root, (s, e) => map.movedStart(s, e), (o) => map.toNew(o));
  const second = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: root } }, OPTIONS, schema, undefined, { analysis: first, edit: { start: at, oldEnd: at, newEnd: at + 27 } });
  const lines = new LineIndex(doc.text);
  assert.ok(updatedClasses(before, second, schema, DOC, lines), 'the classes are updated from the right marks');
  assert.equal(updatedClasses({ classes: before.classes, marks: otherMarks }, second, schema, DOC, lines), undefined);
});
