/**
 * text/detached.ts: copies of short strings cut from a large text that do not keep that text alive.
 * Owns: `detached`, and `WordNumbers` (one detached copy per distinct word, numbered, for caches that keep
 *   many repeated words across versions in typed arrays, renumbered over the words they still hold).
 *   V8 makes a slice of 13 characters or more (`text.slice`, `substring`, a regex match) a view into the
 *   string it was cut from, so one word kept from a document's text keeps the whole text (7 MB
 *   at 100,000 set lines) alive; kept across versions by an incremental model, each version's text stays.
 * Must not know: what the strings are.
 * Invariants: `detached(s) === s` as a value (same characters), always; it never holds a reference to
 *   the string `s` was cut from (it is a fresh flat string, or a view of one only as long as itself
 *   and a character).
 * Tests: test/src/text/detached.test.ts
 */

/** Strings shorter than this are never views into another string (V8's minimum slice length is 13). */
const VIEW_FROM = 13;

/** `s` as a string of its own (see the header); short strings are returned as they are. */
export function detached(s: string): string {
  if (s.length < VIEW_FROM) return s;
  // concatenating makes a pair of strings, which slicing flattens into a fresh string first: the result is
  // a view of that fresh string (one character longer than `s`), not of the text `s` came from
  return (' ' + s).slice(1);
}

/**
 * Distinct words numbered in the order first seen (detached copies kept), for caches that keep a word per
 * item as a number in typed-array columns. Holds at most `limit` words; past it a new word gets no number
 * (the caller keeps nothing for it and reads it again) until the caller renumbers (`renumber`) with the
 * columns it still holds: the words no column holds any more (a document's words changed, a document was
 * dropped) are forgotten, so the numbering does not fill up with the words of older versions.
 */
export class WordNumbers {
  private words: string[] = [];
  private numbers = new Map<string, number>();
  /** a word was refused since the last renumbering */
  private refused = false;

  constructor(private readonly limit: number) {}

  /** The number of `word`, given one when first seen; -1 when the limit is reached. */
  numberOf(word: string): number {
    let n = this.numbers.get(word);
    if (n === undefined) {
      if (this.words.length >= this.limit) {
        this.refused = true;
        return -1;
      }
      n = this.words.length;
      const kept = detached(word);
      this.words.push(kept);
      this.numbers.set(kept, n);
    }
    return n;
  }

  /** The word numbered `n` (a number `numberOf` gave). */
  wordOf(n: number): string {
    return this.words[n]!;
  }

  /** How many words are numbered. */
  get size(): number {
    return this.words.length;
  }

  /** True when a word got no number since the last renumbering (the limit was reached). */
  get full(): boolean {
    return this.refused;
  }

  /**
   * Numbers again only the words `columns` hold (every column that holds numbers this numbering gave; each
   * entry at or past `size` is the caller's own mark, e.g. "not kept", and stays as it is), rewriting the
   * columns in place: the words no column holds are forgotten. The caller must not keep a number anywhere
   * else across this call.
   */
  renumber(columns: readonly Uint16Array[]): void {
    const oldWords = this.words;
    const remap = new Int32Array(oldWords.length).fill(-1);
    const words: string[] = [];
    const numbers = new Map<string, number>();
    for (const column of columns) {
      for (let i = 0; i < column.length; i++) {
        const n = column[i]!;
        if (n >= oldWords.length) continue;
        let m = remap[n]!;
        if (m < 0) {
          m = remap[n] = words.length;
          words.push(oldWords[n]!);
          numbers.set(oldWords[n]!, m);
        }
        column[i] = m;
      }
    }
    this.words = words;
    this.numbers = numbers;
    this.refused = false;
  }
}
