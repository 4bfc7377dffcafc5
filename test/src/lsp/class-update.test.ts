/**
 * test/lsp/class-update.test.ts: the schema classes of an analysis updated from the classes of the analysis
 *   it was made from (lsp/class-update.ts) equal every word classified again (`classifyWords` +
 *   `ClassRows.fromWords` of the same analysis), word for word and row for row, after seeded random edits
 *   (inside words and values, `;`, line breaks, breaking snippets) and whole lines inserted, deleted and
 *   typed character by character (test/src/fixtures/line-edits.ts), on bundled examples (also with a
 *   group applied, with CRLF line ends) and generated configurations in both forms, and edits of reference
 *   words; every step whose model was updated must be a class update unless a reference mark outside the
 *   part read again changed (then it must not be), most taken from the reference index's logged update
 *   (`ReferenceIndex.lastBatch`). Randomized: marks not known to be of the index's revision are found
 *   again by one pass over the index, and with one mark outside the part removed or changed the update is
 *   declined. `ReferenceMarks.byMap` equals the sort-key build. Also: an updated analysis is linked to the
 *   one it was made from (analysis-lineage.ts), and a full build to none.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeDocument, type DocumentAnalysis } from '../../../server/src/analysis/index';
import { classifyNodeWords, classifyWords, ReferenceMarks } from '../../../server/src/ide/schema-tokens';
import type { ConfigNode } from '../../../server/src/model/index';
import { mirrorTree, remirrorTree, type MirrorNode } from '../../../server/src/ide/tree-mirror';
import { analysisId, linkAnalysis, predecessorId } from '../../../server/src/lsp/analysis-lineage';
import { ClassRows } from '../../../server/src/lsp/class-rows';
import { FullClassification, fullClasses, updatedClasses, type AnalysisClasses } from '../../../server/src/lsp/class-update';
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

/** Marks given as arrays, of an index revision (`-1`: none). */
function marksOf(starts: Int32Array, codes: Uint8Array, revision: number): ReferenceMarks {
  return Object.assign(Object.create(ReferenceMarks.prototype) as ReferenceMarks, { starts, codes, revision });
}

/** True when a word outside the part [`start`, `oldEnd`) (before) / [`start`, `newEnd`) (after) is marked otherwise after the edit (offsets after it moved). */
function marksChangedOutside(before: ReferenceMarks, after: ReferenceMarks, start: number, oldEnd: number, newEnd: number): boolean {
  const outside = (m: ReferenceMarks, end: number, shift: number): string[] => {
    const out: string[] = [];
    for (let i = 0; i < m.size; i++) if (m.starts[i]! < start || m.starts[i]! >= end) out.push(`${m.starts[i]! >= end ? m.starts[i]! + shift : m.starts[i]!}:${m.codes[i]}`);
    return out;
  };
  return outside(before, oldEnd, newEnd - oldEnd).join(' ') !== outside(after, newEnd, 0).join(' ');
}

/** What `run` counted: analyses whose model was updated, whose classes were updated, of those how many
 *  from the reference index's logged update (`ReferenceIndex.lastBatch`), and how many updates were
 *  declined because a word outside the part read again was marked otherwise. */
interface Counts {
  models: number;
  updated: number;
  fromBatch: number;
  markedOutside: number;
}

/** The edit a case makes next (`analysis`: of the text before it). */
type NextEdit = (text: string, analysis: DocumentAnalysis) => TextEdit;

/** Runs `count` edits, each analysed from the analysis before it, each class update checked against a full
 *  classification and required wherever the model was updated and no mark outside its part changed. */
function run(text: string, seed: number, count: number, lines: boolean, edits?: (next: () => number) => NextEdit, perturb = false): Counts {
  const next = random(seed);
  const doc = new SyntaxDocument(text);
  let root: MirrorNode = mirrorTree(doc.tree);
  let analysis = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: root } }, OPTIONS, schema);
  let classes: AnalysisClasses = fullClasses(analysis, schema, DOC, new LineIndex(doc.text));
  let undo: TextEdit | undefined;
  const queue: TextEdit[] = [];
  const lineEdit = lineEdits(next);
  const custom = edits?.(next);
  const counts: Counts = { models: 0, updated: 0, fromBatch: 0, markedOutside: 0 };
  for (let i = 0; i < count; i++) {
    const beforeText = doc.text;
    if (lines && queue.length === 0) queue.push(...lineEdit(beforeText));
    const { start, end, inserted } = lines ? queue.shift()! : undo ?? (custom ? custom(beforeText, analysis) : randomEdit(next, beforeText));
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
    const batch = next_.references.lastBatch;
    const logged = batch !== undefined && !batch.unclear && batch.from === classes.marks.revision && batch.to === next_.references.revision;
    const got = updatedClasses(classes, next_, schema, DOC, lineIndex);
    const expected = ClassRows.fromWords(classifyWords({ model: next_.model, references: next_.references, schema, docId: DOC }), lineIndex);
    const full = fullClasses(next_, schema, DOC, lineIndex);
    const what = `edit ${i} ${JSON.stringify({ start, end, inserted })}`;
    assert.deepEqual(describe(full.classes), describe(expected), `full classes after ${what}`);
    assert.deepEqual(marksByMap(next_), [[...full.marks.starts], [...full.marks.codes]], `reference marks after ${what}`);
    const change = next_.model.change;
    const unit = next_.model.unit;
    if (change && unit) {
      counts.models++;
      // the part read again (class-update.ts): the unit, with the edit
      const partStart = Math.min(unit.start, change.edit.start);
      const partOldEnd = Math.max(unit.oldEnd, change.edit.oldEnd);
      const partNewEnd = partOldEnd + unit.newEnd - unit.oldEnd;
      if (marksChangedOutside(classes.marks, full.marks, partStart, partOldEnd, partNewEnd)) {
        counts.markedOutside++;
        assert.equal(got, undefined, `a mark outside the part changed, yet the classes were updated after ${what}`);
      } else {
        assert.ok(got, `the classes were classified again, not updated, after ${what}`);
        if (perturb) {
          // the same marks not known to be of the index's last revision: found again in one pass over the index
          const unlogged = marksOf(classes.marks.starts, classes.marks.codes, -1);
          const scanned = updatedClasses({ classes: classes.classes, marks: unlogged }, next_, schema, DOC, lineIndex);
          assert.ok(scanned, `updated by a pass over the index after ${what}`);
          assert.deepEqual(describe(scanned.classes), describe(expected), `classes updated by a pass over the index after ${what}`);
          assert.deepEqual([[...scanned.marks.starts], [...scanned.marks.codes]], [[...full.marks.starts], [...full.marks.codes]], `marks after ${what}`);
          // one mark outside the part taken away or changed: everything is classified again
          const outside: number[] = [];
          for (let m = 0; m < classes.marks.size; m++) if (classes.marks.starts[m]! < partStart || classes.marks.starts[m]! >= partOldEnd) outside.push(m);
          if (outside.length > 0) {
            const m = outside[Math.floor(next() * outside.length)]!;
            const starts = [...classes.marks.starts];
            const codes = [...classes.marks.codes];
            const code = codes[m]!;
            if (next() < 0.5) {
              starts.splice(m, 1);
              codes.splice(m, 1);
            } else codes[m] = (code & 3) !== 0 ? (code & ~3) | (3 - (code & 3)) : (3 - (code >> 2)) << 2;
            const wrong = marksOf(Int32Array.from(starts), Uint8Array.from(codes), -1);
            assert.equal(updatedClasses({ classes: classes.classes, marks: wrong }, next_, schema, DOC, lineIndex), undefined, `a mark changed outside the part, yet updated after ${what}`);
            counts.markedOutside++;
          }
        }
      }
    }
    if (got) {
      counts.updated++;
      if (logged) counts.fromBatch++;
      assert.equal(got.classes.lines, lineIndex);
      assert.deepEqual(describe(got.classes), describe(expected), `updated classes after ${what}`);
      assert.deepEqual([[...got.marks.starts], [...got.marks.codes]], [[...full.marks.starts], [...full.marks.codes]], `reference marks after ${what}`);
      assert.ok(got.classes.maxSpan >= expected.maxSpan);
    }
    classes = got ?? full;
    analysis = next_;
  }
  return counts;
}

interface Case {
  readonly name: string;
  readonly text: () => string;
  readonly edits: number;
  readonly lines: boolean;
  /** the reference index is updated in place at least once (not with a group applied: built again) */
  readonly logged?: false;
}

const example = (file: string) => () => fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8');
/** A text with a group applied (its statements' paths start again inside `groups NAME`). */
const withGroups = (file: string, curly: boolean) => () =>
  example(file)() +
  (curly
    ? 'groups {\n    G1 {\n        system {\n            host-name from-group;\n        }\n        interfaces {\n            <*> {\n                mtu 1500;\n            }\n        }\n    }\n}\napply-groups G1;\n'
    : 'set groups G1 system host-name from-group\nset groups G1 interfaces <*> mtu 1500\nset apply-groups G1\n');
/** A text with CRLF line ends. */
const crlf = (text: () => string) => () => text().replace(/\r?\n/g, '\r\n');
const CASES: Case[] = [
  { name: 'examples/ike-dynamic-sa/r2.conf with a group, random edits', text: withGroups('ike-dynamic-sa/r2.conf', true), edits: 40, lines: false, logged: false },
  { name: 'examples/ike-dynamic-sa-set/r2.set with a group, typed lines', text: withGroups('ike-dynamic-sa-set/r2.set', false), edits: 50, lines: true, logged: false },
  { name: 'examples/ike-dynamic-sa/r2.conf with CRLF line ends, random edits', text: crlf(example('ike-dynamic-sa/r2.conf')), edits: 40, lines: false },
  { name: 'examples/ike-dynamic-sa-set/r2.set with CRLF line ends, typed lines', text: crlf(example('ike-dynamic-sa-set/r2.set')), edits: 50, lines: true },
  { name: 'generated 3000-line set config with CRLF line ends, random edits', text: crlf(() => generateLargeConfig({ lines: 3000, form: 'set', seed: 6 })), edits: 20, lines: false },
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
    const { models, updated, fromBatch } = run(c.text(), 700 + k, c.edits, c.lines);
    // (each step: updated wherever no mark outside the part changed, checked in `run`)
    if (c.lines) assert.ok(updated >= models / 2, `classes updated: ${updated} of ${models} model updates`);
    else assert.ok(updated > 0, `classes updated: ${updated} of ${models} model updates`);
    // the marks read from the reference index's logged update, not from a pass over the whole index
    if (c.logged !== false) assert.ok(fromBatch > 0, `marks from the index's logged update: ${fromBatch} of ${updated} class updates`);
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

/** Edits of reference words: a use made to name another entry of its list, or a character typed into a
 *  use or a definition's name (definitions nothing needs any more are dropped, those newly named made:
 *  words outside the part read again change marks). */
function referenceEdits(next: () => number): NextEdit {
  return (text, analysis) => {
    const refs = analysis.references;
    const uses = refs.uses.filter((u) => u.word.source.docId === DOC && u.word.kind !== 'synthetic');
    const defs = refs.definitions.filter((d) => d.nameWords.some((w) => w.source.docId === DOC));
    const pick = <T>(list: readonly T[]): T | undefined => (list.length === 0 ? undefined : list[Math.floor(next() * list.length)]);
    const kind = next();
    const use = pick(uses);
    if (use && kind < 0.6) {
      const s = use.word.source;
      if (text.slice(s.start, s.end) === use.word.text) {
        // another entry of the list it names (an interface: another interface's unit 0)
        const entries = use.interfaceForm ? analysis.model.all(['interfaces', 'interface', '*']).map((n) => `${n.keys[0]?.text ?? ''}${use.name.includes('.') ? '.0' : ''}`) : analysis.model.all([...use.listPath, '*']).map((n) => n.keys[0]?.text ?? '');
        const other = pick(entries.filter((e) => e !== '' && e !== use.name && /^[A-Za-z0-9._/-]+$/.test(e)));
        if (other) return { start: s.start, end: s.end, inserted: other };
      }
    }
    const word = kind < 0.8 ? use?.word : pick(defs)?.nameWords.find((w) => w.source.docId === DOC);
    if (word && text.slice(word.source.start, word.source.end) === word.text) {
      const at = word.source.start + Math.floor(next() * (word.source.end - word.source.start + 1));
      return { start: at, end: at, inserted: 'xyz'[Math.floor(next() * 3)]! };
    }
    return randomEdit(next, text);
  };
}

const REFERENCE_CASES: Case[] = [
  { name: 'examples/ike-dynamic-sa-set/r2.set', text: example('ike-dynamic-sa-set/r2.set'), edits: 60, lines: false },
  { name: 'examples/ike-dynamic-sa/r2.conf', text: example('ike-dynamic-sa/r2.conf'), edits: 60, lines: false },
  { name: 'examples/seed-as-published/r1.conf', text: example('seed-as-published/r1.conf'), edits: 60, lines: false },
  { name: 'generated 3000-line set config', text: () => generateLargeConfig({ lines: 3000, form: 'set', seed: 12 }), edits: 40, lines: false },
  { name: 'generated 3000-line curly config', text: () => generateLargeConfig({ lines: 3000, form: 'curly', seed: 12 }), edits: 40, lines: false },
];

for (const [k, c] of REFERENCE_CASES.entries()) {
  test(`edits of reference words, classes updated from the index's logged update: ${c.name}`, () => {
    const { models, updated, fromBatch } = run(c.text(), 900 + k, c.edits, false, referenceEdits);
    assert.ok(updated > 0 && fromBatch > 0, `class updates ${updated} of ${models}, from the logged update ${fromBatch}`);
  });
}

test('randomized: marks of the last analysis not known to be of the index found again in one pass, and with one mark changed outside the part, everything classified again', () => {
  const cases = [CASES.find((c) => c.name === 'examples/ike-dynamic-sa-set/r2.set, typed lines')!, CASES.find((c) => c.name === 'generated 3000-line curly config, random edits')!, REFERENCE_CASES[0]!];
  let declined = 0;
  for (const [k, c] of cases.entries()) {
    const counts = run(c.text(), 1100 + k, 30, c.lines, c === REFERENCE_CASES[0] ? referenceEdits : undefined, true);
    declined += counts.markedOutside;
  }
  assert.ok(declined >= 30, `updates declined for a changed mark: ${declined}`);
});

test('reference marks from maps equal those from sort keys', () => {
  const texts = [example('ike-dynamic-sa-set/r2.set'), example('ike-dynamic-sa/r2.conf'), withGroups('ike-dynamic-sa/r2.conf', true), () => generateLargeConfig({ lines: 3000, form: 'set', seed: 4 })];
  for (const text of texts) {
    const doc = new SyntaxDocument(text());
    const analysis = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: mirrorTree(doc.tree) } }, OPTIONS, schema);
    const byMap = ReferenceMarks.byMap(analysis.references, DOC);
    const bySort = ReferenceMarks.of(analysis.references, DOC);
    assert.ok(bySort.size > 0);
    assert.deepEqual([[...byMap.starts], [...byMap.codes]], [[...bySort.starts], [...bySort.codes]]);
    assert.deepEqual([[...byMap.starts], [...byMap.codes]], marksByMap(analysis));
    // another document's words are not marked
    assert.equal(ReferenceMarks.byMap(analysis.references, 'file:///other.conf').size, 0);
  }
});

test('a full classification run in slices gives the classes of one run at once', () => {
  // a set file: its top statements mention a word of every command under them (walked in runs of mentions)
  const texts = [() => generateLargeConfig({ lines: 12000, form: 'set', seed: 2 }), withGroups('ike-dynamic-sa/r2.conf', true)];
  for (const [k, text] of texts.entries()) {
    const doc = new SyntaxDocument(text());
    const analysis = analyzeDocument({ id: DOC, text: doc.text, tree: { rootNode: mirrorTree(doc.tree) } }, OPTIONS, schema);
    const lines = new LineIndex(doc.text);
    const expected = fullClasses(analysis, schema, DOC, lines);
    // the same from every node classed whole, in pre-order (no walk in steps)
    const nodes: ConfigNode[] = [];
    const stack = [...analysis.model.root.children].reverse();
    while (stack.length > 0) {
      const n = stack.pop()!;
      nodes.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    const input = { model: analysis.model, references: analysis.references, schema, docId: DOC };
    const whole = classifyNodeWords(input, ReferenceMarks.of(analysis.references, DOC), nodes, -Infinity, Infinity)!;
    assert.deepEqual(describe(expected.classes), describe(ClassRows.fromWords(whole, lines)));
    const sliced = new FullClassification(analysis, schema, DOC, lines);
    let runs = 0;
    while (!sliced.run(0)) runs++;
    const got = sliced.finish();
    assert.ok(runs > (k === 0 ? 20 : 0), `slices: ${runs}`);
    if (k === 0) assert.ok(analysis.model.root.children.some((c) => c.mentions.length > 2048), 'a node mentioned more often than one step classes (schema-tokens.ts MENTIONS_PER_STEP)');
    assert.deepEqual(describe(got.classes), describe(expected.classes));
    assert.deepEqual([[...got.marks.starts], [...got.marks.codes]], [[...expected.marks.starts], [...expected.marks.codes]]);
    // stopped halfway, the rest walked at once
    const half = new FullClassification(analysis, schema, DOC, lines);
    for (let i = 0; i < runs / 2; i++) half.run(0);
    assert.deepEqual(describe(half.finish().classes), describe(expected.classes));
  }
});
