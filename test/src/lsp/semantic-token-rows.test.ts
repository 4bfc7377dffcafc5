/**
 * test/lsp/semantic-token-rows.test.ts: semantic tokens updated row by row after edits
 *   (lsp/semantic-token-rows.ts with ide/tree-changes.ts and lsp/class-rows.ts) equal the tokens computed
 *   from scratch for the same text, captures and classes, after seeded random edits (one or several
 *   between two updates, some breaking the syntax: quotes, braces, comments, line breaks; or typing that
 *   keeps it valid) on bundled examples and generated 3000-line configurations in both forms, with the classes of a fresh analysis
 *   and with the last analysis's classes moved through the edits; the window reported for `full/delta`
 *   turns the old data into the new; the rows the parse tree changed on are found both by tree-sitter's
 *   changed ranges and by the top-level walk (ide/tree-changes.ts), each giving the same tokens; classes moved row-wise equal every word moved by `EditMap`; the
 *   one span of a sequence of edits (lsp/edit-span.ts) holds every change. Between updates the held rows
 *   are now and then packed as while idle (varints), and one text needs the wide encodings (a row past
 *   65,535 characters: 32-bit class offsets; tokens far along a row, very long, many rows apart: varints of
 *   several bytes); varints give back any 32-bit integer.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/analysis/index';
import { Highlighter } from '../../../server/src/ide/highlight-query';
import { classifyWords } from '../../../server/src/ide/schema-tokens';
import { mirrorTree } from '../../../server/src/ide/tree-mirror';
import { TreeSnapshot } from '../../../server/src/ide/tree-changes';
import { ClassRows } from '../../../server/src/lsp/class-rows';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { composeSteps, writtenSpans, replacementsOf, treeEditsOf } from '../../../server/src/lsp/edit-span';
import { composeWindows, SemanticTokenCache } from '../../../server/src/lsp/semantic-token-cache';
import { releaseIdleMemory } from '../../../server/src/lsp/idle-collector';
import { jsonEncoder, PreEncodedArray } from '../../../server/src/lsp/json-encoder';
import { packVarints, setJsonPieceElements, TokenRows, unpackVarints, varintBytes, type TokenInput } from '../../../server/src/lsp/semantic-token-rows';
import { encodeSemanticTokens } from '../../../server/src/lsp/convert';
import { semanticTokens } from '../../../server/src/ide/semantic-tokens';
import { DocumentStore } from '../../../server/src/lsp/stores/documents';
import { loadSchema } from '../../../server/src/schema/index';
import type { Schema } from '../../../server/src/schema/types';
import { initSyntax, SyntaxDocument, syntaxLanguage } from '../../../server/src/syntax/parser';
import type { LineIndex } from '../../../server/src/text/line-index';
import { generateLargeConfig, prng } from '../fixtures/large-config';
import { REPO_ROOT } from './harness';

let highlighter: Highlighter;
let schema: Schema;

before(async () => {
  await initSyntax();
  highlighter = Highlighter.load(syntaxLanguage());
  schema = loadSchema('mx');
});

const SNIPPETS = ['x', 'q7', ' ', '\n', '"', '{', '}', ';', '#', '/* ', ' */', 'ge-0/0/1.0', '10.9.8.7/30', 'inactive: ', 'set ', '\n    description "a b";', '[', ']', 'esp', '\n'];

/** A random edit of `text`: an insertion, a deletion or a replacement near `next()`'s place. */
function randomEdit(text: string, next: () => number): { start: number; end: number; text: string } {
  const at = Math.floor(next() * (text.length + 1));
  const kind = next();
  const snippet = SNIPPETS[Math.floor(next() * SNIPPETS.length)]!;
  if (kind < 0.45) return { start: at, end: at, text: snippet };
  const end = Math.min(text.length, at + 1 + Math.floor(next() * (kind < 0.9 ? 6 : 40)));
  return { start: at, end, text: kind < 0.75 ? '' : snippet };
}

function classesOf(text: string, tree: SyntaxDocument, lines: LineIndex, docId: string): ClassRows {
  const analysis = analyzeDocument({ id: docId, text, tree: { rootNode: mirrorTree(tree.tree) } }, { platform: 'ms-pic' }, schema);
  const words = classifyWords({ model: analysis.model, references: analysis.references, schema, docId });
  const rows = ClassRows.fromWords(words, lines);
  assert.deepEqual(rows.allWords(), words, 'the classes stored per row give back every word');
  return rows;
}

function inputOf(version: number, doc: SyntaxDocument, lines: LineIndex, classes: ClassRows): TokenInput {
  return {
    version,
    text: doc.text,
    lines,
    classes,
    captures: (rows) => highlighter.captures(doc.tree.rootNode, rows),
  };
}

function applyWindow(before: readonly number[], window: { start: number; oldEnd: number; newEnd: number }, after: readonly number[]): number[] {
  return [...before.slice(0, window.start), ...after.slice(window.start, window.newEnd), ...before.slice(window.oldEnd)];
}

/** An edit that keeps a configuration free of syntax errors: a letter typed into or removed from a
 *  word, a new line, a line removed. */
function typingEdit(text: string, next: () => number): { start: number; end: number; text: string } {
  const kind = next();
  // away from the end (a last line without its line break is left alone)
  let at = Math.floor(next() * Math.max(0, text.length - 300));
  if (kind < 0.6) {
    // not in a line's first word (`set` is a verb: `st` would be an error)
    const from = text.lastIndexOf('\n', at - 1) + 1;
    const firstSpace = text.indexOf(' ', from);
    if (firstSpace >= 0 && at <= firstSpace) at = firstSpace + 1;
    while (at < text.length && !/[a-z0-9]/.test(text[at]!)) at++;
    if (at >= text.length) return { start: 0, end: 0, text: '' };
    return kind < 0.4 ? { start: at, end: at, text: 'k' } : { start: at, end: /[a-z0-9]/.test(text[at + 1] ?? '') ? at + 1 : at, text: '' };
  }
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  if (kind < 0.8) return { start: lineStart, end: lineStart, text: text.startsWith('set ') ? 'set system host-name typed\n' : 'host-name typed;\n' };
  return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, text: '' };
}

interface Case {
  readonly name: string;
  readonly text: () => string;
  readonly rounds: number;
  /** the edits made (default: `randomEdit`, which breaks the syntax now and then) */
  readonly edit?: (text: string, next: () => number) => { start: number; end: number; text: string };
  /** the least share of rounds the top-level walk must update (default: none) */
  readonly walks?: number;
  /** releases the held rows' caches (packs their data) before this share of the updates (default 0.3) */
  readonly idle?: number;
  /** the text needs the wide encodings (checked: 32-bit class offsets, token values past 65,535) */
  readonly wide?: boolean;
}

/**
 * A configuration whose values need the wide encodings: a whole `interfaces` block on one line of about
 * 80,000 characters (thousands of tokens on a row, tokens and classed words far past column 65,535),
 * a description string of 70,000 characters (a token that long), and hundreds of blank lines (a token
 * hundreds of rows after the one before).
 */
function wideText(): string {
  const base = fs.readFileSync(path.join(REPO_ROOT, 'examples/seed-as-published/r1.conf'), 'utf8');
  const units: string[] = [];
  for (let i = 0; i < 900; i++) units.push(`ge-1/${i >> 6}/${i & 63} { description "port ${i}"; unit 0 { family inet { address 10.${i >> 8}.${i & 255}.1/30; } } }`);
  return `${base}\n${'\n'.repeat(300)}interfaces { ${units.join(' ')} }\nsystem { host-name "${'h'.repeat(70000)}"; }\n${'\n'.repeat(200)}system { domain-name far.example; }\n`;
}

const CASES: Case[] = [
  { name: 'examples/ike-dynamic-sa/r2.conf', text: () => fs.readFileSync(path.join(REPO_ROOT, 'examples/ike-dynamic-sa/r2.conf'), 'utf8'), rounds: 40 },
  { name: 'examples/ike-dynamic-sa-set/r2.set', text: () => fs.readFileSync(path.join(REPO_ROOT, 'examples/ike-dynamic-sa-set/r2.set'), 'utf8'), rounds: 40 },
  { name: 'examples/seed-as-published/r1.conf', text: () => fs.readFileSync(path.join(REPO_ROOT, 'examples/seed-as-published/r1.conf'), 'utf8'), rounds: 30 },
  { name: 'generated 3000-line curly config', text: () => generateLargeConfig({ lines: 3000, form: 'curly', seed: 7 }), rounds: 25 },
  { name: 'generated 3000-line set config', text: () => generateLargeConfig({ lines: 3000, form: 'set', seed: 7 }), rounds: 25 },
  { name: 'generated 3000-line set config, typing', text: () => generateLargeConfig({ lines: 3000, form: 'set', seed: 11 }), rounds: 30, edit: typingEdit, walks: 0.8 },
  { name: 'generated 3000-line curly config, typing', text: () => generateLargeConfig({ lines: 3000, form: 'curly', seed: 11 }), rounds: 30, edit: typingEdit },
  { name: 'a configuration with a row of 80,000 characters, a 70,000-character string and far rows', text: wideText, rounds: 16, idle: 0.6, wide: true },
];

for (const c of CASES) {
  test(`tokens updated row by row after random edits equal tokens from scratch: ${c.name}`, () => {
    const next = prng(c.name.length * 7919 + 17);
    const uri = `file:///rows/${c.name}`;
    const store = new DocumentStore<SyntaxDocument>(
      (text) => new SyntaxDocument(text),
      (syntax) => mirrorTree(syntax.tree),
    );
    let client = TextDocument.create(uri, 'junos', 1, c.text());
    let doc = store.open(uri, 'junos', 1, client.getText());
    // the last "analysis": its version and classes
    let analysed = { version: 1, classes: classesOf(doc.text, doc.syntax, doc.lines, uri) };
    let held = TokenRows.compute(inputOf(1, doc.syntax, doc.lines, analysed.classes));
    if (c.wide) {
      const words = analysed.classes.wordCount;
      assert.equal(analysed.classes.byteLength, words * 9 + (doc.lines.lineCount + 1) * 4, '32-bit offsets');
      assert.ok(held.toArray().some((v) => v > 65535), 'token values past 65,535');
      assert.ok(held.toArray().some((v, i) => i % 5 === 0 && v > 128), 'a token more than 128 rows after the one before');
    }
    // the JSON text kept for full answers: pieces of a few tokens, so that updates keep most of them
    const pieceSize = setJsonPieceElements(5 * (1 + Math.floor(next() * 12)));
    const json = (rows: TokenRows): string => `[${rows.jsonPieces().map((p) => p.toString('utf-8')).join(',')}]`;
    json(held);
    let snapshot = TreeSnapshot.of(doc.syntax.tree);
    let walkSnapshot = TreeSnapshot.of(doc.syntax.tree);
    let updates = 0;
    let walks = 0;
    let version = 1;
    try {
      for (let round = 0; round < c.rounds; round++) {
        // one to three edits, as one or several versions
        const edits = 1 + Math.floor(next() * 3);
        for (let e = 0; e < edits; e++) {
          const text = client.getText();
          const edit = (c.edit ?? randomEdit)(text, next);
          const change = { range: { start: client.positionAt(edit.start), end: client.positionAt(edit.end) }, text: edit.text };
          if (e === 0 || next() < 0.5) version++;
          client = TextDocument.update(client, [change], version);
          doc = store.change(uri, version, [change])!;
        }
        assert.equal(doc.text, client.getText());
        // classes: a fresh analysis half of the time, else the last analysis's moved through the edits
        let classes: ClassRows;
        if (next() < 0.5) {
          classes = classesOf(doc.text, doc.syntax, doc.lines, uri);
          analysed = { version, classes };
        } else {
          const steps = store.editsSince(uri, analysed.version)!;
          classes = analysed.classes.moved(steps, doc.lines);
          // the same as every word moved by the edit map
          const map = new EditMap(steps);
          const expected = analysed.classes.allWords().flatMap((w) => {
            const start = map.movedStart(w.start, w.end);
            return start === undefined ? [] : [{ start, end: start + (w.end - w.start), cls: w.cls }];
          });
          assert.deepEqual(classes.allWords(), expected, `classes moved row-wise, round ${round}`);
        }
        const input = inputOf(version, doc.syntax, doc.lines, classes);
        // from scratch: one query over the whole tree, every class
        const fresh = encodeSemanticTokens(semanticTokens(input.captures(), doc.lines, undefined, classes.allWords()));
        assert.deepEqual(TokenRows.compute(input).toArray(), fresh, `round ${round}: computed block by block = one query over the tree`);
        const steps = store.editsSince(uri, held.version)!;
        const replacements = replacementsOf(steps);
        const treeEdits = treeEditsOf(replacements, held.lines, doc.lines);
        const editedRows = writtenSpans(replacements);
        // both ways of finding the rows the parse tree changed on: tree-sitter's ranges, the top-level walk
        const byRanges = steps.length > 0 ? snapshot!.changedRows(doc.syntax.tree, treeEdits, editedRows, 'ranges') : [];
        const byWalk = steps.length > 0 ? walkSnapshot!.changedRows(doc.syntax.tree, treeEdits, editedRows, 'top-level') : [];
        assert.ok(byRanges, 'tree-sitter gives the changed ranges');
        snapshot = TreeSnapshot.of(doc.syntax.tree);
        walkSnapshot = TreeSnapshot.of(doc.syntax.tree);
        const before = held.toArray();
        // now and then the process went idle in between: the held rows let go of their pieces and spare buffer
        if (next() < (c.idle ?? 0.3)) {
          const bytes = held.heldBytes();
          held.releaseCaches();
          assert.ok(held.heldBytes() <= bytes, 'packed or left as it was');
        }
        const updated = held.update(input, steps, byRanges);
        const walked = byWalk ? held.update(input, steps, byWalk) : undefined;
        if (walked) {
          walks++;
          assert.deepEqual(walked.rows.toArray(), fresh, `round ${round}: updated after the top-level walk = from scratch (edits ${JSON.stringify(steps)})`);
        }
        if (updated) {
          updates++;
          const data = updated.rows.toArray();
          assert.deepEqual(data, fresh, `round ${round}: updated = from scratch (edits ${JSON.stringify(steps)})`);
          // asked for after some updates only: pieces left to encode are carried through several
          if (next() < 0.5) assert.equal(json(updated.rows), JSON.stringify(fresh), `round ${round}: the JSON pieces kept through the updates = the fresh data's JSON`);
          if (updated.window) assert.deepEqual(applyWindow(before, updated.window, data), data, `round ${round}: the window turns the old data into the new`);
          else assert.deepEqual(before, data, `round ${round}: no window, no change`);
          held = updated.rows;
        } else {
          held = TokenRows.compute(input);
          assert.equal(json(held), JSON.stringify(fresh), `round ${round}: the JSON pieces of a fresh computation`);
        }
      }
    } finally {
      setJsonPieceElements(pieceSize);
      snapshot?.dispose();
      walkSnapshot?.dispose();
      store.close(uri);
    }
    // the fallback is for large changes only
    assert.ok(updates >= c.rounds * 0.6, `${updates} of ${c.rounds} rounds were updates`);
    if (c.walks !== undefined) assert.ok(walks >= c.rounds * c.walks, `${walks} of ${c.rounds} rounds were updates after the top-level walk`);
  });
}

test('before an idle collection the held tokens let go of their JSON pieces and spare buffer, and give the same after', () => {
  const uri = 'file:///rows/idle.set';
  const store = new DocumentStore<SyntaxDocument>(
    (text) => new SyntaxDocument(text),
    (syntax) => mirrorTree(syntax.tree),
  );
  const text = generateLargeConfig({ lines: 400, form: 'set', seed: 3 });
  let doc = store.open(uri, 'junos', 1, text);
  const classes = classesOf(doc.text, doc.syntax, doc.lines, uri);
  const first = TokenRows.compute(inputOf(1, doc.syntax, doc.lines, classes));
  const snapshot = TreeSnapshot.of(doc.syntax.tree)!;
  try {
    first.jsonPieces();
    // an edit inside a row: the update takes the first rows' data as its spare
    const at = doc.text.indexOf('description "') + 'description "'.length;
    const position = doc.lines.positionAt(at);
    doc = store.change(uri, 2, [{ range: { start: position, end: position }, text: 'x' }])!;
    const input = inputOf(2, doc.syntax, doc.lines, classes.moved(store.editsSince(uri, 1)!, doc.lines));
    const steps = store.editsSince(uri, 1)!;
    const changed = snapshot.changedRows(doc.syntax.tree, treeEditsOf(replacementsOf(steps), first.lines, doc.lines), writtenSpans(replacementsOf(steps)))!;
    const second = first.update(input, steps, changed)!.rows;
    second.jsonPieces();
    assert.ok(second.cachedBytes() > first.cachedBytes() * 0.5, `pieces and a spare are held (${second.cachedBytes()} bytes)`);
    const cache = new SemanticTokenCache();
    cache.advance(uri, second, undefined, undefined);
    const data = second.toArray();
    const held = second.heldBytes();
    const cached = second.cachedBytes();
    const released = releaseIdleMemory();
    assert.ok(released.told >= 1, 'the cache registered itself');
    assert.ok(released.bytes >= cached + held * 0.6, `the bytes let go are told (${released.bytes} of ${cached} cached + ${held} held)`);
    assert.equal(second.cachedBytes(), 0, 'let go');
    assert.ok(second.heldBytes() < held * 0.4, `the data packed (${held} -> ${second.heldBytes()} bytes)`);
    assert.equal(`[${second.jsonPieces().map((p) => p.toString('utf-8')).join(',')}]`, JSON.stringify(data), 'the pieces made again');
    assert.deepEqual(second.toArray(), data);
    cache.forget(uri);
  } finally {
    snapshot.dispose();
    store.close(uri);
  }
});

test('the JSON pieces are 128 KB or more each but the last (glibc maps them on their own and unmaps them when let go)', () => {
  const uri = 'file:///rows/pieces.set';
  const store = new DocumentStore<SyntaxDocument>(
    (text) => new SyntaxDocument(text),
    (syntax) => mirrorTree(syntax.tree),
  );
  const doc = store.open(uri, 'junos', 1, generateLargeConfig({ lines: 12_000, form: 'set', seed: 5 }));
  try {
    const rows = TokenRows.compute(inputOf(1, doc.syntax, doc.lines, classesOf(doc.text, doc.syntax, doc.lines, uri)));
    const pieces = rows.jsonPieces();
    assert.ok(pieces.length >= 3, `${pieces.length} pieces of ${rows.tokenCount * 5} elements`);
    for (const [i, piece] of pieces.slice(0, -1).entries()) assert.ok(piece.byteLength >= 128 * 1024, `piece ${i}: ${piece.byteLength} bytes`);
  } finally {
    store.close(uri);
  }
});

test('varints give back every 32-bit integer, each and as differences, at every length', () => {
  const next = prng(977);
  const edges = [0, 1, 127, 128, 16383, 16384, 2097151, 2097152, 268435455, 268435456, 2147483647, -1, -128, -2147483648, 65535, 65536];
  for (let round = 0; round < 300; round++) {
    const n = Math.floor(next() * 60);
    const values = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const kind = next();
      values[i] = kind < 0.3 ? edges[Math.floor(next() * edges.length)]! : kind < 0.6 ? Math.floor(next() * 200) : kind < 0.8 ? Math.floor(next() * 2 ** (1 + Math.floor(next() * 31))) : Math.floor((next() - 0.5) * 2 ** 32);
    }
    // a growing run too (a row index): small differences
    if (round % 2 === 0) for (let i = 1; i < n; i++) values[i] = values[i - 1]! + Math.floor(next() * (next() < 0.1 ? 100000 : 40));
    for (const deltas of [false, true]) {
      const size = varintBytes(values, deltas);
      const out = new Uint8Array(size + 3);
      out[0] = 0xaa;
      const end = packVarints(values, 1, out, deltas);
      assert.equal(end, size + 1, 'the size counted is the size written');
      const back = new Int32Array(n);
      assert.equal(unpackVarints(out, 1, back, deltas), end, 'read to where it was written');
      assert.deepEqual(Array.from(back), Array.from(values), `deltas ${deltas}: ${Array.from(values).join(',')}`);
    }
  }
});

test('the span of a sequence of edits holds every change, and windows compose the same way', () => {
  const next = prng(4242);
  for (let round = 0; round < 2000; round++) {
    // elements are unique ids, so that an unchanged prefix or suffix cannot match by chance
    let fresh = 1000;
    const before = Array.from({ length: 1 + Math.floor(next() * 30) }, (_, i) => i);
    let now = [...before];
    const steps: { start: number; end: number; newLength: number }[] = [];
    for (let k = 0, n = 1 + Math.floor(next() * 4); k < n; k++) {
      const start = Math.floor(next() * (now.length + 1));
      const end = Math.min(now.length, start + Math.floor(next() * 4));
      const inserted = Array.from({ length: Math.floor(next() * 4) }, () => fresh++);
      now = [...now.slice(0, start), ...inserted, ...now.slice(end)];
      steps.push({ start, end, newLength: inserted.length });
    }
    const span = composeSteps(steps)!;
    assert.deepEqual(now.slice(0, span.start), before.slice(0, span.start), `prefix, ${JSON.stringify(steps)}`);
    assert.deepEqual(now.slice(span.newEnd), before.slice(span.oldEnd), `suffix, ${JSON.stringify(steps)}`);
    assert.ok(span.start <= span.oldEnd && span.start <= span.newEnd && span.oldEnd <= before.length && span.newEnd <= now.length);
    // disjoint replacements: sorted, and the text between two of them is the same text
    const replacements = replacementsOf(steps);
    let oldAt = 0;
    let newAt = 0;
    for (const r of [...replacements, { oldStart: before.length, oldEnd: before.length, newStart: now.length, newEnd: now.length }]) {
      assert.ok(r.oldStart >= oldAt && r.newStart >= newAt && r.oldEnd >= r.oldStart && r.newEnd >= r.newStart, `sorted, ${JSON.stringify(steps)}`);
      assert.deepEqual(now.slice(newAt, r.newStart), before.slice(oldAt, r.oldStart), `gap before ${JSON.stringify(r)}, ${JSON.stringify(steps)}`);
      oldAt = r.oldEnd;
      newAt = r.newEnd;
    }
    assert.equal(oldAt, before.length);
    assert.equal(newAt, now.length);
    if (steps.length === 2) {
      const w = composeWindows(
        { start: steps[0]!.start, oldEnd: steps[0]!.end, newEnd: steps[0]!.start + steps[0]!.newLength },
        { start: steps[1]!.start, oldEnd: steps[1]!.end, newEnd: steps[1]!.start + steps[1]!.newLength },
      );
      assert.deepEqual(w, span);
    }
  }
});

test('the JSON encoder writes a pre-encoded array from its pieces, and anything else as JSON.stringify does', async () => {
  const data = [0, 4, 12, 3, 0, 1, 0, 7, 2, 1, 0, 9, 100000, 10, 2];
  const pieces = [Buffer.from('0,4,12,3,0,1'), Buffer.from('0,7,2,1,0,9'), Buffer.from('100000,10,2')];
  const array = new PreEncodedArray(() => data, () => pieces);
  const options = { charset: 'utf-8' as const };
  const response = { jsonrpc: '2.0', id: 7, result: { resultId: '12', data: array } };
  const written = Buffer.from(await jsonEncoder.encode(response, options)).toString('utf-8');
  assert.equal(written, JSON.stringify({ ...response, result: { resultId: '12', data } }));
  assert.equal(JSON.stringify(response), written, 'any other JSON path (IPC, traces) gives the same text through toJSON');
  const empty = new PreEncodedArray(() => [], () => []);
  const emptyResponse = { jsonrpc: '2.0', id: 'a"b', result: { data: empty, resultId: 'x\u0000' } };
  assert.equal(Buffer.from(await jsonEncoder.encode(emptyResponse, options)).toString('utf-8'), JSON.stringify(emptyResponse));
  for (const other of [{ jsonrpc: '2.0', id: 1, result: null }, { jsonrpc: '2.0', method: 'x', params: { data: [1, 2] } }, { jsonrpc: '2.0', id: 2, result: [1, 'é'] }]) {
    assert.equal(Buffer.from(await jsonEncoder.encode(other, options)).toString('utf-8'), JSON.stringify(other));
  }
});
