/**
 * model/anchors.ts: where the model's offsets are stored so that an edit moves everything after it in a
 *   few hundred steps instead of one step per word.
 * Owns: `Chunk` (a run of consecutive scope records and notes sharing one movable base offset),
 *   `ChunkList` (hands chunks out in document order while a document is read), `Scope` (a scope record
 *   whose `start`/`end` are relative to its chunk). Words are relative to their statement's or command's
 *   `Scope` (model/source.ts `AnchoredSource`), notes between statements to a chunk: moving a chunk moves
 *   its records, their words and its notes; moving one record moves its words. Records are one class per
 *   kind (`StatementScope`, `BlockScope`, `CommandScope`, and `SetScope` for a `set` command, which keeps
 *   neither verb nor level, nor its node when at its chunk's `top` level: 48 bytes, its place in its chunk
 *   one small integer, its words one field); a
 *   full build's records keep their words in their chunk's array (`WordPool`: a copy is read), an
 *   update's records arrays of their own, and a record an update replaced drops its words (`dropWords`)
 *   so the chunk does not keep them alive. Each chunk counts its items (`items`): an update puts all the
 *   records it reads into one chunk, and one grown past MAX_CHUNK_ITEMS is cut into chunks of CHUNK_SIZE
 *   (`splitChunk`; records and notes `rebase`d, offsets kept), so a long session of edits at one place
 *   does not make every later edit there move its records one by one.
 * Must not know: syntax trees, the schema, how records are found or used.
 * Invariants: chunk indexes increase with document position: every record or note of a chunk lies after
 *   those of the chunks before it (model/incremental.ts relies on it to move "everything after").
 * Tests: test/src/model/incremental.test.ts (offsets and records' words after random edits equal a fresh
 *   build's), test/src/model/compact-layout.test.ts (pools, far places, `set` records),
 *   test/src/model/long-session.test.ts (chunks cut up in long random sessions, far places under random
 *   edits at two places)
 */
import type { ConfigNode } from './tree';
import type { Word } from './source';
import type { WalkContext } from './walk';

/** A movable base offset shared by a run of records and notes of one document. */
export class Chunk {
  /** the words of the chunk's records read by a full build, one run per record (`WordPool`) */
  words: (Word | undefined)[] | undefined = undefined;
  /** the level of its `set` records that keep none of their own (model/anchors.ts `setScope`) */
  top: ConfigNode | undefined = undefined;
  /** how many records and notes it holds (an update adds and takes some out: `splitChunk` cuts it up
   *  once it has grown past MAX_CHUNK_ITEMS) */
  items = 0;

  constructor(
    readonly docId: string,
    /** the base offset: what every position in the chunk is relative to */
    public start: number,
    /** its place in its list (document order; a split renumbers the chunks after it) */
    public index: number,
  ) {}
}

/** How many records and notes share a chunk: an edit moves at most this many one by one. */
export const CHUNK_SIZE = 256;

/** A chunk updates made hold more than this is cut into chunks of CHUNK_SIZE (`splitChunk`): records an
 *  edit inserts all go into one chunk, so a long session typing at one place would grow it without end,
 *  and every later edit there would move its records one by one (and once they lie more than
 *  PLACE_START_LIMIT characters from the chunk's start, allocate a far place for each moved one). */
export const MAX_CHUNK_ITEMS = 2 * CHUNK_SIZE;

/** The longest run a pool takes (longer word lists stay arrays of their own), and how far into a chunk's
 *  array a run may start (a run is one small integer: start * RUN_UNIT + length). */
const RUN_UNIT = 2 ** 12;
const RUN_MASK = RUN_UNIT - 1;
const RUN_START_LIMIT = 2 ** 18;

/** The words of many records (a full build's) in one array per chunk (`Chunk.words`): a record keeps
 *  where its run is instead of an array of its own (48 bytes less a record), and finds the array through
 *  its chunk. `trim` (once the build is done) cuts each chunk's array to its length. */
export class WordPool {
  /** Copies `list` into `chunk`'s array and returns where it starts there, or -1 when it is empty or too
   *  long for a run. */
  place(chunk: Chunk, list: readonly Word[]): number {
    const n = list.length;
    if (n === 0 || n > RUN_MASK) return -1;
    const array = (chunk.words ??= []);
    const from = array.length;
    if (from >= RUN_START_LIMIT) return -1;
    for (let i = 0; i < n; i++) array.push(list[i]);
    return from;
  }

  /** Cuts the chunks' arrays to their length (an array grown by pushes reserves up to half as much again). */
  trim(chunks: readonly Chunk[]): void {
    for (const chunk of chunks) if (chunk.words) chunk.words = chunk.words.slice();
  }
}

/** Chunks in document order, a new one every CHUNK_SIZE items (and for each document); the records of
 *  the build keep their words in `pool`. */
export class ChunkList {
  readonly chunks: Chunk[] = [];
  readonly pool = new WordPool();

  /** The chunk the next item (in document order, at `start`) goes in. */
  next(docId: string, start: number): Chunk {
    let last = this.chunks[this.chunks.length - 1];
    if (!last || last.docId !== docId || last.items >= CHUNK_SIZE) {
      // based where its first item is: the places of its items, relative to it, stay small integers
      last = new Chunk(docId, start, this.chunks.length);
      this.chunks.push(last);
    }
    last.items++;
    return last;
  }
}

/** One item of a chunk: a scope record, or a note between statements anchored on the chunk (moved to
 *  another chunk by `rebase`, its offsets kept). */
export interface ChunkItem {
  readonly start: number;
  rebase(chunk: Chunk): void;
}

/**
 * Cuts `chunk` into chunks of about CHUNK_SIZE items: `items` are all its records and notes, in document
 * order; the first run stays in it, each later run goes into a new chunk based where the run's first item
 * is (with the same `top` level, so the `set` records there keep their node). Every item keeps its offsets;
 * words kept in the chunk's pool are placed in the new chunk's. Returns the chunk list with the new chunks
 * right after `chunk` (indexes renumbered; the chunks after it are the same objects), or `chunks` itself
 * when there is nothing to cut.
 */
export function splitChunk(chunks: readonly Chunk[], chunk: Chunk, items: readonly ChunkItem[]): readonly Chunk[] {
  const pieces = Math.ceil(items.length / CHUNK_SIZE);
  if (pieces <= 1 || chunks[chunk.index] !== chunk) return chunks;
  const per = Math.ceil(items.length / pieces);
  const added: Chunk[] = [];
  for (let from = per; from < items.length; from += per) {
    const piece = new Chunk(chunk.docId, items[from]!.start, chunk.index + 1 + added.length);
    piece.top = chunk.top;
    const to = Math.min(items.length, from + per);
    for (let i = from; i < to; i++) items[i]!.rebase(piece);
    piece.items = to - from;
    if (piece.words) piece.words = piece.words.slice();
    added.push(piece);
  }
  chunk.items = per;
  // (the pooled words of the records moved out were the last ones placed: their emptied slots go)
  const words = chunk.words;
  if (words) {
    let length = words.length;
    while (length > 0 && words[length - 1] === undefined) length--;
    chunk.words = length === 0 ? undefined : length < words.length ? words.slice(0, length) : words;
  }
  const out = [...chunks.slice(0, chunk.index + 1), ...added, ...chunks.slice(chunk.index + 1)];
  for (let i = chunk.index + 1 + added.length; i < out.length; i++) out[i]!.index = i;
  return out;
}

export type ScopeKind = 'block' | 'statement' | 'command';

/** A scope record (model/build.ts `ScopeRecord`), stored relative to its chunk; each kind is a subclass
 *  with the fields only it uses (`kind` on the prototype; a large file has a hundred thousand records). */
export abstract class Scope {
  /** where the record is in its chunk: start * PLACE_UNIT + length (one small integer), or FAR: its
   *  start and end relative to the chunk are in `farPlaces` (a long block, a chunk grown long) */
  private place: number;
  /** the words: an array of the record's own, or their run in the chunk's array (`WordPool`): first
   *  index * RUN_UNIT + count */
  private held: readonly Word[] | number;

  /** the node the words are relative to */
  abstract readonly node: ConfigNode;

  /** the chunk it is relative to (another one after a split: `rebase`) */
  chunk: Chunk;

  constructor(
    chunk: Chunk,
    start: number,
    end: number,
  ) {
    this.chunk = chunk;
    this.place = 0;
    this.held = NO_WORDS;
    this.placeAt(start - chunk.start, end - chunk.start);
  }

  private placeAt(relStart: number, relEnd: number): void {
    const length = relEnd - relStart;
    const wasFar = this.place === FAR;
    if (relStart >= 0 && relStart < PLACE_START_LIMIT && length >= 0 && length < PLACE_UNIT) {
      this.place = relStart * PLACE_UNIT + length;
      if (wasFar) farPlaces.delete(this);
    } else {
      this.place = FAR;
      farPlaces.set(this, { start: relStart, end: relEnd });
    }
  }

  private get relStart(): number {
    const place = this.place;
    return place === FAR ? farPlaces.get(this)!.start : Math.floor(place / PLACE_UNIT);
  }

  private get relEnd(): number {
    const place = this.place;
    return place === FAR ? farPlaces.get(this)!.end : Math.floor(place / PLACE_UNIT) + (place & (PLACE_UNIT - 1));
  }

  /** the statement's or command's words (after the verb; value lists flattened); a copy when they are
   *  kept in a pool */
  get words(): readonly Word[] {
    const held = this.held;
    if (typeof held !== 'number') return held;
    const from = Math.floor(held / RUN_UNIT);
    return (this.chunk.words ?? NO_WORDS).slice(from, from + (held & RUN_MASK)) as Word[];
  }
  set words(list: readonly Word[]) {
    this.held = list;
  }

  /** Keeps `list` as the words, in `pool` (the chunk's array) when there is one. */
  keepWords(list: readonly Word[], pool: WordPool | undefined): void {
    const from = pool ? pool.place(this.chunk, list) : -1;
    this.held = from < 0 ? list : from * RUN_UNIT + list.length;
  }

  /** Forgets the words (a record an update replaced): the pool they are in keeps none of them alive. */
  dropWords(): void {
    const held = this.held;
    if (typeof held === 'number') {
      const from = Math.floor(held / RUN_UNIT);
      this.chunk.words?.fill(undefined, from, from + (held & RUN_MASK));
    }
    this.held = NO_WORDS;
  }

  abstract readonly kind: ScopeKind;
  abstract readonly pendingList: WalkContext['pendingList'];

  get docId(): string {
    return this.chunk.docId;
  }

  get start(): number {
    return this.chunk.start + this.relStart;
  }

  get end(): number {
    return this.chunk.start + this.relEnd;
  }

  /** Moves the record (and every word anchored on it) by `delta`. */
  move(delta: number): void {
    this.placeAt(this.relStart + delta, this.relEnd + delta);
  }

  /** Moves the end alone (an edit inside the record). */
  grow(delta: number): void {
    this.placeAt(this.relStart, this.relEnd + delta);
  }

  /** Makes the record relative to `chunk` (a split, `splitChunk`), its offsets kept; words kept in the old
   *  chunk's pool go into the new one's. */
  rebase(chunk: Chunk): void {
    const start = this.start;
    const end = this.end;
    const pooled = typeof this.held === 'number' ? this.words : undefined;
    if (pooled) this.dropWords();
    this.chunk = chunk;
    this.placeAt(start - chunk.start, end - chunk.start);
    if (pooled) this.keepWords(pooled, REPOOL);
  }
}

/** A record's place in its chunk as one small integer (start * PLACE_UNIT + length) when its start is
 *  below PLACE_START_LIMIT and its length below PLACE_UNIT; else FAR, the place kept here. */
const PLACE_UNIT = 2 ** 14;
const PLACE_START_LIMIT = 2 ** 16;
const FAR = -1;
const farPlaces = new WeakMap<Scope, { start: number; end: number }>();

/** A hierarchical statement's record. */
export class StatementScope extends Scope {
  constructor(chunk: Chunk, start: number, end: number, readonly node: ConfigNode, readonly pendingList: WalkContext['pendingList']) {
    super(chunk, start, end);
  }

  get kind(): 'statement' {
    return 'statement';
  }
}

/** A command's or banner's record: its verb and the edit level it leaves. */
export class CommandScope extends Scope {
  verb: string | undefined = undefined;
  levelAfter: ConfigNode | undefined = undefined;

  constructor(chunk: Chunk, start: number, end: number, readonly node: ConfigNode) {
    super(chunk, start, end);
  }

  get kind(): 'command' {
    return 'command';
  }

  get pendingList(): undefined {
    return undefined;
  }
}

/** A `set` command's record (most records of a set-form file): its verb is `set` and it leaves the edit
 *  level it ran at, so it keeps neither; one at its chunk's `top` level (`setScope`: most of them, the
 *  root) does not keep that either. */
export abstract class SetScope extends Scope {
  get kind(): 'command' {
    return 'command';
  }

  get pendingList(): undefined {
    return undefined;
  }

  get verb(): string {
    return 'set';
  }

  get levelAfter(): ConfigNode {
    return this.node;
  }
}

/** A `set` command's record at its chunk's `top` level. */
class TopSetScope extends SetScope {
  get node(): ConfigNode {
    return this.chunk.top!;
  }
}

/** A `set` command's record at another level (after an `edit`). */
class LevelSetScope extends SetScope {
  constructor(chunk: Chunk, start: number, end: number, readonly node: ConfigNode) {
    super(chunk, start, end);
  }
}

/** The record of a `set` command run at `node`: the chunk's first one sets its `top` level. */
export function setScope(chunk: Chunk, start: number, end: number, node: ConfigNode): SetScope {
  chunk.top ??= node;
  return chunk.top === node ? new TopSetScope(chunk, start, end) : new LevelSetScope(chunk, start, end, node);
}

/** A block's record: the walk context of the statements inside. */
export class BlockScope extends Scope {
  /** kept with a path array exactly as long as its words (a walk grows its path by pushes, which reserve 17
   *  slots; a large file has tens of thousands of blocks) */
  readonly context: WalkContext;

  constructor(chunk: Chunk, start: number, end: number, readonly node: ConfigNode, readonly pendingList: WalkContext['pendingList'], context: WalkContext) {
    super(chunk, start, end);
    this.context = { ...context, path: context.path.slice() };
  }

  get kind(): 'block' {
    return 'block';
  }
}

// (declared before any record is made: the class bodies above only refer to them)
const NO_WORDS: readonly Word[] = Object.freeze([]);
/** places the pooled words of records a split moved in their new chunk's array (a pool keeps no state) */
const REPOOL = new WordPool();
