/**
 * test/model/long-session.test.ts: incremental model updates (model/incremental.ts) over long editing
 * sessions and the layout paths the shorter randomized tests rarely reach, each step compared with a fresh
 * build of the same text (written and effective trees with every word's range, problems, scope records):
 * - a node the re-read unit created but other statements write too gets the new key and keyword words, and
 *   so does its copy in a separate effective tree (inactive statements, no group), found out by a later
 *   edit before it that moves the record those words were anchored on;
 * - hundreds of random edits at a few places (whole `set` lines and curly statements inserted and deleted,
 *   characters typed into them), which grow the chunk those places are in past its bound: it is cut up
 *   (model/anchors.ts `splitChunk`) and every chunk's count of items stays true;
 * - random edits at two places far apart in a text whose chunks span more than a record's place holds in
 *   one integer (long lines): records and notes there keep far places (model/anchors.ts `FAR`).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Chunk, MAX_CHUNK_ITEMS, Scope } from '../../../server/src/model/anchors';
import type { ScopeRecord } from '../../../server/src/model/build';
import { buildConfig, nodePath, updateConfig, type ConfigModel } from '../../../server/src/model/index';
import type { IncrementalState } from '../../../server/src/model/incremental';
import { AnchoredSource, type WordSource } from '../../../server/src/model/source';
import { mirrorTree, remirrorTree, type MirrorNode } from '../../../server/src/ide/tree-mirror';
import { loadSchema } from '../../../server/src/schema/index';
import type { Schema } from '../../../server/src/schema/types';
import { initSyntax, SyntaxDocument } from '../../../server/src/syntax/parser';
import { generateLargeConfig, prng as random } from '../fixtures/large-config';
import { describeTree, word } from './support/describe';

let schema: Schema;

before(async () => {
  await initSyntax();
  schema = loadSchema('mx');
});

/** A document edited one change at a time, its model updated from the one before (a full build when the
 *  update declines), as the language server does. */
class Session {
  readonly doc: SyntaxDocument;
  private root: MirrorNode;
  model: ConfigModel;
  updated = 0;
  built = 0;

  constructor(text: string) {
    this.doc = new SyntaxDocument(text);
    this.root = mirrorTree(this.doc.tree);
    this.model = buildConfig(this.source(), schema);
  }

  source(): { id: string; text: string; tree: { rootNode: MirrorNode } } {
    return { id: 'doc', text: this.doc.text, tree: { rootNode: this.root } };
  }

  edit(start: number, end: number, inserted: string): void {
    this.doc.applyEdit(start, end, inserted);
    const delta = inserted.length - (end - start);
    this.root = remirrorTree(this.doc.tree, this.root, (s, e) => (e <= start ? s : s >= end ? s + delta : undefined), (o) => (o <= start ? o : o >= end ? o + delta : undefined));
    const next = updateConfig(this.model, this.source(), { start, oldEnd: end, newEnd: start + inserted.length });
    if (next) this.updated++;
    else this.built++;
    this.model = next ?? buildConfig(this.source(), schema);
  }

  get state(): IncrementalState | undefined {
    return (this.model as unknown as { incremental?: IncrementalState }).incremental;
  }
}

const scopesOf = (m: ConfigModel): readonly ScopeRecord[] => (m as unknown as { scopes: readonly ScopeRecord[] }).scopes;
const describeRecords = (m: ConfigModel): string[] =>
  scopesOf(m).map((s) => `${s.kind} ${s.start}-${s.end} ${s.verb ?? ''} ${s.words.map(word).join(',')} ${s.node ? `${s.node.role} ${nodePath(s.node).join(' ')}` : 'no node'}`);

/** The model equals a fresh build's: trees (effective too), problems, records. */
function assertFresh(s: Session, what: string): void {
  const expected = buildConfig(s.source(), schema);
  assert.deepEqual(describeTree(s.model.root), describeTree(expected.root), `written tree after ${what}`);
  assert.deepEqual(s.model.problems, expected.problems, `problems after ${what}`);
  assert.deepEqual(describeRecords(s.model), describeRecords(expected), `scope records after ${what}`);
  assert.deepEqual(describeTree(s.model.effective()), describeTree(expected.effective()), `effective tree after ${what}`);
}

/** Every chunk of the state: indexed by its place, counting the records and notes anchored on it, in
 *  document order (no item of a chunk before one of an earlier chunk). Returns the largest count. */
function assertChunks(state: IncrementalState, what: string): number {
  const counts = new Map<Chunk, number>();
  const chunkOf = (x: ScopeRecord | WordSource): Chunk | undefined =>
    x instanceof Scope ? x.chunk : x instanceof AnchoredSource && x.anchor instanceof Chunk ? x.anchor : undefined;
  const items = [...state.scopes, ...state.loose].sort((a, b) => a.start - b.start);
  let last = -1;
  for (const x of items) {
    const c = chunkOf(x);
    assert.ok(c, `an anchored item after ${what}`);
    assert.ok(c.index >= last, `chunks in document order after ${what}`);
    last = c.index;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  state.chunks.forEach((c, i) => assert.equal(c.index, i, `chunk index after ${what}`));
  let most = 0;
  for (const [c, n] of counts) {
    assert.ok(state.chunks[c.index] === c, `a listed chunk after ${what}`);
    assert.equal(c.items, n, `the chunk's count after ${what}`);
    most = Math.max(most, n);
  }
  return most;
}

test('a node the re-read unit created and other statements write too gets its new key and keyword words, in a separate effective tree too', () => {
  const text = [
    'interfaces {',
    '    lo0 description "z";',
    '    ge-0/0/0 unit 0 description "a";',
    '    ge-0/0/0 unit 0 family inet;',
    '    inactive: ge-0/0/9 description "off";',
    '}',
    'system {',
    '    host-name r1;',
    '}',
    'protocols {',
    '    ospf area 0.0.0.0 interface lo0.0 passive;',
    '    ospf reference-bandwidth 10g;',
    '}',
    '',
  ].join('\n');
  for (const [edited, before] of [['"a"', '"z"'], ['passive', 'r1']] as const) {
    const s = new Session(text);
    const effective = s.model.effective();
    assert.notEqual(effective, s.model.root, 'the inactive statement makes the effective tree a copy');
    // typed into the unit: it created `ge-0/0/0` (its key), `unit 0` (keyword word and key) or `ospf` (its
    // keyword word), written by the statement after it too: the unit is read again, those nodes kept with
    // the words read again
    const at = s.doc.text.indexOf(edited) + 2;
    s.edit(at, at, 'x');
    assert.equal(s.updated, 1, `${edited}: updated in place`);
    assert.equal(s.model.change?.effectiveKept, true, `${edited}: the effective tree kept`);
    assertFresh(s, `typing into ${edited}`);
    // an edit before it moves the records after it one by one: a word still anchored on the replaced
    // record would stay where it was
    const earlier = s.doc.text.indexOf(before) + 1;
    s.edit(earlier, earlier, 'yy');
    assert.equal(s.updated, 2, `${edited}: the edit before it updated in place`);
    assert.equal(s.model.change?.effectiveKept, true);
    assertFresh(s, `typing before ${edited}`);
  }
});

/** A new unit for place `p` (its k-th): a `set` line, or a curly statement (one line, or a block of
 *  several) for the block the place is in; each names things no other line names. */
function newUnit(form: 'set' | 'curly', block: 'interfaces' | 'policy-options', p: number, k: number, next: () => number): { token: string; text: string } {
  const token = block === 'interfaces' ? `ge-5/${p}/${k}` : `pl-${p}-${k}`;
  const address = `10.${p}.${k % 250}.${block === 'interfaces' ? '1/24' : '0/24'}`;
  if (form === 'set') {
    const shape = next();
    const line = block === 'policy-options'
      ? `set policy-options prefix-list ${token} ${address}`
      : shape < 0.5 ? `set interfaces ${token} description "n${k}"` : `set interfaces ${token} unit 0 family inet address ${address}`;
    return { token, text: `${line}\n` };
  }
  if (block === 'policy-options') return { token, text: `    prefix-list ${token} {\n        ${address};\n    }\n` };
  if (next() < 0.5) return { token, text: `    ${token} description "n${k}";\n` };
  return { token, text: `    ${token} {\n        description "n${k}";\n        unit 0 {\n            family inet {\n                address ${address};\n            }\n        }\n    }\n` };
}

/** The extent of the unit holding `token` (from its line's start: through its line, or for a curly block
 *  through the line closing it at the same indent). */
function unitExtent(text: string, token: string, form: 'set' | 'curly'): { start: number; end: number } | undefined {
  const at = text.indexOf(` ${token} `);
  if (at < 0) return undefined;
  const start = text.lastIndexOf('\n', at) + 1;
  const lineEnd = text.indexOf('\n', at);
  if (form === 'set' || text[lineEnd - 1] === ';') return { start, end: lineEnd + 1 };
  const close = text.indexOf('\n    }\n', lineEnd);
  return { start, end: close + '\n    }\n'.length };
}

/** `steps` random edits at the places (each an anchor line new units go before): units inserted (set form
 *  sometimes pasted several at once, or typed in pieces), deleted, characters typed into and deleted from
 *  their descriptions and addresses, now and then a character typed elsewhere; the model compared with a
 *  fresh build after each. Returns how many updates cut a chunk up. */
function session(form: 'set' | 'curly', seed: number, steps: number): { splits: number; updated: number; built: number } {
  const next = random(seed);
  let base = generateLargeConfig({ lines: 300, form, seed: 11 });
  const lineAt = (text: string, at: number): string => text.slice(at, text.indexOf('\n', at));
  // anchors: set form, lines after the first `interfaces` and `policy-options` ones (new lines write
  // below nodes created before them); curly, statements of the two blocks
  const places: { anchor: string; block: 'interfaces' | 'policy-options'; weight: number }[] = [];
  if (form === 'set') {
    for (const [f, block, weight] of [[0.62, 'interfaces', 0.7], [0.8, 'policy-options', 0.2], [0.95, 'interfaces', 0.1]] as const) {
      const at = base.indexOf('\nset ', Math.floor(base.length * f)) + 1;
      places.push({ anchor: `${lineAt(base, at)}\n`, block, weight });
    }
    assert.ok(base.indexOf('\nset policy-options ') < base.indexOf(places[0]!.anchor), 'the nodes new lines write below come first');
  } else {
    places.push({ anchor: '    ge-0/0/0 {\n', block: 'interfaces', weight: 0.7 });
    places.push({ anchor: '    lo0 {\n', block: 'interfaces', weight: 0.1 });
    places.push({ anchor: '    prefix-list PL-CUST-0 {\n', block: 'policy-options', weight: 0.2 });
  }
  for (const p of places) assert.equal(base.split(p.anchor).length, 2, `one anchor ${JSON.stringify(p.anchor)}`);
  // a comment after each anchor's statement (a note between statements, anchored on the chunk)
  for (const [k, p] of places.entries()) {
    const after = form === 'set' ? base.indexOf(p.anchor) + p.anchor.length : base.indexOf('\n    }\n', base.indexOf(p.anchor)) + '\n    }\n'.length;
    base = `${base.slice(0, after)}${form === 'set' ? '' : '    '}# note ${k}\n${base.slice(after)}`;
  }
  const s = new Session(base);
  const tokens: string[][] = places.map(() => []);
  let made = 0;
  let splits = 0;
  for (let step = 0; step < steps; step++) {
    const text = s.doc.text;
    let pick = next();
    let p = 0;
    while (p < places.length - 1 && pick >= places[p]!.weight) pick -= places[p++]!.weight;
    const place = places[p]!;
    const mine = tokens[p]!;
    const kind = next();
    const chunksBefore = s.state?.chunks.length;
    const builtBefore = s.built;
    let what: string;
    if (kind < 0.55 || mine.length === 0) {
      // new units before the anchor or before one of the place's units
      const before = mine.length > 0 && next() < 0.7 ? unitExtent(text, mine[Math.floor(next() * mine.length)]!, form)!.start : text.indexOf(place.anchor);
      const count = form === 'set' && next() < 0.5 ? 2 + Math.floor(next() * 20) : 1;
      const units = Array.from({ length: count }, () => newUnit(form, place.block, p, made++, next));
      const inserted = units.map((u) => u.text).join('');
      if (count === 1 && inserted.indexOf('\n') === inserted.length - 1 && !inserted.includes('"') && next() < 0.2) {
        // a line typed in pieces, on a new empty line (not a curly block, whose braces would be unbalanced
        // on the way, nor a quoted string: an open quote runs into the lines after it)
        s.edit(before, before, '\n');
        const line = inserted.slice(0, -1);
        for (let from = 0; from < line.length; ) {
          const to = Math.min(line.length, from + 1 + Math.floor(next() * 4));
          s.edit(before + from, before + from, line.slice(from, to));
          from = to;
        }
      } else s.edit(before, before, inserted);
      mine.push(...units.map((u) => u.token));
      what = `inserting ${JSON.stringify(inserted)}`;
    } else if (kind < 0.7) {
      const k = Math.floor(next() * mine.length);
      const extent = unitExtent(text, mine[k]!, form)!;
      s.edit(extent.start, extent.end, '');
      mine.splice(k, 1);
      what = `deleting ${JSON.stringify(text.slice(extent.start, extent.end))}`;
    } else {
      // a character typed into or deleted from a description or address of a unit, or a quoted text anywhere
      const elsewhere = kind > 0.92;
      const from = elsewhere ? Math.floor(next() * text.length) : unitExtent(text, mine[Math.floor(next() * mine.length)]!, form)!.start;
      // (elsewhere: into a quoted text, e.g. a description; an address there may be a name others use)
      const m = (elsewhere ? /"[A-Za-z][^"\n]+"/ : /"n[a-z0-9]+"|\d+\.\d+\.\d+\.\d+/).exec(text.slice(from));
      if (!m) continue;
      const at = from + m.index + 2 + Math.floor(next() * (m[0].length - 3));
      // (the anchors stay as they are)
      if (places.some((q) => text.indexOf(q.anchor) <= at && at < text.indexOf(q.anchor) + q.anchor.length)) continue;
      if (next() < 0.6) s.edit(at, at, m[0].startsWith('"') ? 'q' : '7');
      else s.edit(at, at + 1, '');
      what = `typing at ${at}`;
    }
    for (const q of places) assert.ok(s.doc.text.includes(q.anchor), `anchor kept after ${what}`);
    const label = `${form} step ${step} (${what})`;
    assertFresh(s, label);
    const state = s.state;
    assert.ok(state, `an incremental state after ${label}`);
    const most = assertChunks(state, label);
    if (s.built === builtBefore) {
      assert.ok(most <= MAX_CHUNK_ITEMS, `no chunk past its bound after ${label}: ${most}`);
      if (chunksBefore !== undefined && state.chunks.length > chunksBefore) splits++;
    }
  }
  return { splits, updated: s.updated, built: s.built };
}

for (const form of ['set', 'curly'] as const) {
  test(`hundreds of random edits at a few places (whole units inserted, deleted, typed into) equal a fresh build after each, chunks cut up on the way: ${form}`, () => {
    const { splits, updated, built } = session(form, form === 'set' ? 501 : 502, 400);
    assert.ok(splits > 0, `a chunk was cut up (${splits}; updated in place: ${updated}, built again: ${built})`);
    assert.ok(updated > 10 * built, `updated in place: ${updated}, built again: ${built}`);
  });
}

/** A configuration whose lines are long (descriptions of ~1,000 characters) and a comment now and then:
 *  a chunk's records and notes lie further from its start than one integer of a record's place holds
 *  (2^16) or a note's (2^14); the curly form's `interfaces` block is longer than a place's length holds. */
function longLines(form: 'set' | 'curly', count: number): string {
  const description = (i: number): string => `port ${i} ${'abcdefghij'.repeat(100)}`;
  const out: string[] = [];
  if (form === 'set') {
    out.push('set system host-name r1');
    for (let i = 0; i < count; i++) {
      out.push(`set interfaces ge-1/${i >> 6}/${i & 63} description "${description(i)}"`);
      if (i % 40 === 39) out.push(`# block ${i}`);
    }
  } else {
    out.push('system {', '    host-name r1;', '}', 'interfaces {');
    for (let i = 0; i < count; i++) {
      out.push(`    ge-1/${i >> 6}/${i & 63} {`, `        description "${description(i)}";`, '    }');
      if (i % 40 === 39) out.push(`    # block ${i}`);
    }
    out.push('}');
  }
  return `${out.join('\n')}\n`;
}

for (const form of ['set', 'curly'] as const) {
  test(`random edits at two far places of a text whose records and notes lie far from their chunks' starts equal a fresh build after each: ${form}`, () => {
    const next = random(form === 'set' ? 601 : 602);
    const count = form === 'set' ? 420 : 300;
    const s = new Session(longLines(form, count));
    const far = (): number => {
      const state = s.state!;
      let n = 0;
      for (const r of state.scopes) if (r instanceof Scope && (r.start - r.chunk.start >= 2 ** 16 || r.end - r.start >= 2 ** 14)) n++;
      for (const note of state.loose) if (note instanceof AnchoredSource && note.anchor instanceof Chunk && note.start - note.anchor.start >= 2 ** 14) n++;
      return n;
    };
    assert.ok(s.state && far() > 10, 'records and notes far from their chunks');
    // two places far apart: interfaces near a fifth and near four fifths of the list
    const places = [Math.floor(count / 5), Math.floor((count * 4) / 5)];
    const name = (i: number): string => `ge-1/${i >> 6}/${i & 63}`;
    const added: string[][] = [[], []];
    let made = 0;
    for (let step = 0; step < 160; step++) {
      const p = step % 2;
      const text = s.doc.text;
      // a line near the place (an original one, or one added there)
      const near = added[p]!.length > 0 && next() < 0.4 ? added[p]![Math.floor(next() * added[p]!.length)]! : name(places[p]! + Math.floor(next() * 6) - 3);
      const at = text.indexOf(` ${near} `);
      assert.ok(at >= 0, near);
      const lineStart = text.lastIndexOf('\n', at) + 1;
      const kind = next();
      let what: string;
      if (kind < 0.5) {
        // a character typed into or deleted from the description of that interface
        const quote = text.indexOf('"', at) + 1;
        const where = quote + 1 + Math.floor(next() * 900);
        if (next() < 0.6) s.edit(where, where, 'z');
        else s.edit(where, where + 1, '');
        what = `typing into ${near}'s description at ${where}`;
      } else if (kind < 0.8 || added[p]!.length === 0) {
        const token = `ge-9/${p}/${made++}`;
        const line = form === 'set' ? `set interfaces ${token} description "new ${'k'.repeat(700)}"\n` : `    ${token} description "new ${'k'.repeat(700)}";\n`;
        s.edit(lineStart, lineStart, line);
        added[p]!.push(token);
        what = `inserting ${token} before ${near}`;
      } else {
        const k = Math.floor(next() * added[p]!.length);
        const token = added[p]![k]!;
        const from = text.indexOf(` ${token} `);
        const start = text.lastIndexOf('\n', from) + 1;
        s.edit(start, text.indexOf('\n', from) + 1, '');
        added[p]!.splice(k, 1);
        what = `deleting ${token}`;
      }
      const label = `${form} step ${step} (${what})`;
      assertFresh(s, label);
      assert.ok(s.state, `an incremental state after ${label}`);
      assertChunks(s.state, label);
    }
    assert.ok(far() > 10, 'records and notes still far from their chunks');
    assert.ok(s.updated >= 150, `updated in place: ${s.updated} of 160 (built again: ${s.built})`);
  });
}

test('a whole set line pasted after a line, below a node written before, is read alone, as a fresh build reads it', () => {
  const text = generateLargeConfig({ lines: 600, form: 'set', seed: 4 });
  const line = 'set interfaces ge-7/1/0 unit 3 family inet address 10.7.1.1/24';
  // (after a line of the firewall filters: the pasted line writes below a node none of its neighbours do)
  let middle = text.indexOf('\nset firewall ');
  for (let k = 0; k < 10; k++) middle = text.indexOf('\nset firewall ', middle + 1);
  middle++;
  assert.ok(text.indexOf('\nset interfaces ') < middle && middle > 0);
  // (pasted at a line's start instead, the edit is read moved right over the words it shares with the
  // next line, `slidEdit`, so that line is read again too)
  for (const [at, inserted] of [[middle - 1, `\n${line}`]] as const) {
    const s = new Session(text);
    s.edit(at, at, inserted);
    assert.equal(s.updated, 1, `${JSON.stringify(inserted)} updated in place`);
    assertFresh(s, `pasting ${JSON.stringify(inserted)}`);
    // and deleted again at once
    s.edit(at, at + inserted.length, '');
    assert.equal(s.updated, 2, `${JSON.stringify(inserted)} deleted in place`);
    assertFresh(s, `deleting ${JSON.stringify(inserted)}`);
  }
});
