/**
 * model/anchors.ts: where the model's offsets are stored so that an edit moves everything after it in a
 *   few hundred steps instead of one step per word.
 * Owns: `Chunk` (a run of consecutive scope records and notes sharing one movable base offset),
 *   `ChunkList` (hands chunks out in document order while a document is read), `Scope` (a scope record
 *   whose `start`/`end` are relative to its chunk). Words are relative to their statement's or command's
 *   `Scope` (model/source.ts `AnchoredSource`), notes between statements to a chunk: moving a chunk moves
 *   its records, their words and its notes; moving one record moves its words. Records are one class per
 *   kind (`StatementScope`, `BlockScope`, `CommandScope`, and `SetScope` for a `set` command, which keeps
 *   neither verb nor level: 72 bytes); a full build's records keep their words in `WordPool` arrays (a
 *   copy is read), an update's records arrays of their own, and a record an update replaced drops its
 *   words (`dropWords`) so the pool does not keep them alive.
 * Must not know: syntax trees, the schema, how records are found or used.
 * Invariants: chunk indexes increase with document position: every record or note of a chunk lies after
 *   those of the chunks before it (model/incremental.ts relies on it to move "everything after").
 * Tests: test/src/model/incremental.test.ts (offsets and records' words after random edits equal a fresh
 *   build's), test/src/model/compact-layout.test.ts (pools, `set` records)
 */
import type { ConfigNode } from './tree';
import type { Word } from './source';
import type { WalkContext } from './walk';

/** A movable base offset shared by a run of records and notes of one document. */
export class Chunk {
  constructor(
    readonly docId: string,
    /** the base offset: what every position in the chunk is relative to */
    public start: number,
    /** its place in its list (document order) */
    readonly index: number,
  ) {}
}

/** How many records and notes share a chunk: an edit moves at most this many one by one. */
const CHUNK_SIZE = 256;

/** Words per pool array, and the longest run a pool takes (longer word lists stay arrays of their own). */
const POOL_SIZE = 2 ** 14;
const RUN_UNIT = 2 ** 12;
const RUN_MASK = RUN_UNIT - 1;

/** The words of many records (a full build's) in arrays of POOL_SIZE made in advance: a record keeps
 *  where its run is instead of an array of its own (48 bytes less a record). */
export class WordPool {
  array: (Word | undefined)[] = new Array<Word | undefined>(POOL_SIZE);
  private used = 0;

  /** Copies `list` into the pool and returns where it starts in `array` (read after the call), or -1 when
   *  it is empty or too long for a run. */
  place(list: readonly Word[]): number {
    const n = list.length;
    if (n === 0 || n > RUN_MASK) return -1;
    if (this.used + n > POOL_SIZE) {
      this.array = new Array<Word | undefined>(POOL_SIZE);
      this.used = 0;
    }
    const from = this.used;
    for (let i = 0; i < n; i++) this.array[from + i] = list[i];
    this.used += n;
    return from;
  }
}

/** Chunks in document order, a new one every CHUNK_SIZE items (and for each document); the records of
 *  the build keep their words in `pool`. */
export class ChunkList {
  readonly chunks: Chunk[] = [];
  readonly pool = new WordPool();
  private used = 0;

  /** The chunk the next item (in document order) goes in. */
  next(docId: string): Chunk {
    let last = this.chunks[this.chunks.length - 1];
    if (!last || last.docId !== docId || this.used >= CHUNK_SIZE) {
      last = new Chunk(docId, 0, this.chunks.length);
      this.chunks.push(last);
      this.used = 0;
    }
    this.used++;
    return last;
  }
}

export type ScopeKind = 'block' | 'statement' | 'command';

/** A scope record (model/build.ts `ScopeRecord`), stored relative to its chunk; each kind is a subclass
 *  with the fields only it uses (`kind` on the prototype; a large file has a hundred thousand records). */
export abstract class Scope {
  private relStart: number;
  private relEnd: number;
  /** the words' array: the record's own (`run` -1) or a pool's (model/anchors.ts `WordPool`) */
  private wordArray: readonly (Word | undefined)[];
  /** where the words are in a pool's array: first index * RUN_UNIT + count; -1: all of `wordArray` */
  private run: number;

  constructor(
    readonly chunk: Chunk,
    start: number,
    end: number,
    readonly node: ConfigNode,
  ) {
    this.relStart = start - chunk.start;
    this.relEnd = end - chunk.start;
    this.wordArray = NO_WORDS;
    this.run = -1;
  }

  /** the statement's or command's words (after the verb; value lists flattened); a copy when they are
   *  kept in a pool */
  get words(): readonly Word[] {
    const run = this.run;
    if (run < 0) return this.wordArray as readonly Word[];
    const from = Math.floor(run / RUN_UNIT);
    return this.wordArray.slice(from, from + (run & RUN_MASK)) as Word[];
  }
  set words(list: readonly Word[]) {
    this.wordArray = list;
    this.run = -1;
  }

  /** Keeps `list` as the words, in `pool` when there is one. */
  keepWords(list: readonly Word[], pool: WordPool | undefined): void {
    const from = pool ? pool.place(list) : -1;
    if (from < 0) {
      this.words = list;
      return;
    }
    this.wordArray = pool!.array;
    this.run = from * RUN_UNIT + list.length;
  }

  /** Forgets the words (a record an update replaced): the pool they are in keeps none of them alive. */
  dropWords(): void {
    const run = this.run;
    if (run >= 0) {
      const from = Math.floor(run / RUN_UNIT);
      (this.wordArray as (Word | undefined)[]).fill(undefined, from, from + (run & RUN_MASK));
    }
    this.words = NO_WORDS;
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
    this.relStart += delta;
    this.relEnd += delta;
  }

  /** Moves the end alone (an edit inside the record). */
  grow(delta: number): void {
    this.relEnd += delta;
  }
}

/** A hierarchical statement's record. */
export class StatementScope extends Scope {
  constructor(chunk: Chunk, start: number, end: number, node: ConfigNode, readonly pendingList: WalkContext['pendingList']) {
    super(chunk, start, end, node);
  }

  get kind(): 'statement' {
    return 'statement';
  }
}

/** A command's or banner's record: its verb and the edit level it leaves. */
export class CommandScope extends Scope {
  verb: string | undefined = undefined;
  levelAfter: ConfigNode | undefined = undefined;

  get kind(): 'command' {
    return 'command';
  }

  get pendingList(): undefined {
    return undefined;
  }
}

/** A `set` command's record (most records of a set-form file): its verb is `set` and it leaves the edit
 *  level it ran at, so it keeps neither. */
export class SetScope extends Scope {
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

/** A block's record: the walk context of the statements inside. */
export class BlockScope extends Scope {
  /** kept with a path array exactly as long as its words (a walk grows its path by pushes, which reserve 17
   *  slots; a large file has tens of thousands of blocks) */
  readonly context: WalkContext;

  constructor(chunk: Chunk, start: number, end: number, node: ConfigNode, readonly pendingList: WalkContext['pendingList'], context: WalkContext) {
    super(chunk, start, end, node);
    this.context = { ...context, path: context.path.slice() };
  }

  get kind(): 'block' {
    return 'block';
  }
}

const NO_WORDS: readonly Word[] = Object.freeze([]);
