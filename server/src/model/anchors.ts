/**
 * model/anchors.ts: where the model's offsets are stored so that an edit moves everything after it in a
 *   few hundred steps instead of one step per word.
 * Owns: `Chunk` (a run of consecutive scope records and notes sharing one movable base offset),
 *   `ChunkList` (hands chunks out in document order while a document is read), `Scope` (a scope record
 *   whose `start`/`end` are relative to its chunk). Words are relative to their statement's or command's
 *   `Scope` (model/source.ts `AnchoredSource`), notes between statements to a chunk: moving a chunk moves
 *   its records, their words and its notes; moving one record moves its words.
 * Must not know: syntax trees, the schema, how records are found or used.
 * Invariants: chunk indexes increase with document position: every record or note of a chunk lies after
 *   those of the chunks before it (model/incremental.ts relies on it to move "everything after").
 * Tests: test/src/model/incremental.test.ts (offsets after random edits equal a fresh build's)
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

/** Chunks in document order, a new one every CHUNK_SIZE items (and for each document). */
export class ChunkList {
  readonly chunks: Chunk[] = [];
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

/** A scope record (model/build.ts `ScopeRecord`) of a statement, stored relative to its chunk; commands
 *  and blocks have the fields only they use in subclasses (a large file has a hundred thousand records). */
export class Scope {
  private relStart: number;
  private relEnd: number;
  /** the statement's or command's words (after the verb; value lists flattened) */
  words: readonly Word[];

  constructor(
    readonly chunk: Chunk,
    start: number,
    end: number,
    readonly kind: ScopeKind,
    readonly node: ConfigNode,
    readonly pendingList: WalkContext['pendingList'],
  ) {
    this.relStart = start - chunk.start;
    this.relEnd = end - chunk.start;
    this.words = NO_WORDS;
  }

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

/** A command's or banner's record: its verb and the edit level it leaves. */
export class CommandScope extends Scope {
  verb: string | undefined = undefined;
  levelAfter: ConfigNode | undefined = undefined;
}

/** A block's record: the walk context of the statements inside. */
export class BlockScope extends Scope {
  /** kept with a path array exactly as long as its words (a walk grows its path by pushes, which reserve 17
   *  slots; a large file has tens of thousands of blocks) */
  readonly context: WalkContext;

  constructor(chunk: Chunk, start: number, end: number, node: ConfigNode, pendingList: WalkContext['pendingList'], context: WalkContext) {
    super(chunk, start, end, 'block', node, pendingList);
    this.context = { ...context, path: context.path.slice() };
  }
}

const NO_WORDS: readonly Word[] = Object.freeze([]);
