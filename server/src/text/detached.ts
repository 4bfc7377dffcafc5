/**
 * text/detached.ts: copies of short strings cut from a large text that do not keep that text alive.
 * Owns: `detached`, and `SharedWords` (one detached copy per distinct word, for structures that keep
 *   many repeated words across versions) and `WordNumbers` (the same words numbered, for caches that keep
 *   them in typed arrays). V8 makes a slice of 13 characters or more (`text.slice`, `substring`, a regex match) a
 *   view into the string it was cut from, so one word kept from a document's text keeps the whole text (7 MB
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
 * One detached copy per distinct word: structures kept across versions (the outline cache, the folding memo)
 * keep the words that repeat on most lines once, and never a slice of a version's text. Holds at most
 * `limit` words, then starts again (sharing only saves memory; a word given out stays valid).
 */
export class SharedWords {
  private readonly words = new Map<string, string>();

  constructor(private readonly limit: number) {}

  /** The kept copy of `word` (equal to it as a value). */
  get(word: string): string {
    let kept = this.words.get(word);
    if (kept === undefined) {
      if (this.words.size >= this.limit) this.words.clear();
      kept = detached(word);
      this.words.set(kept, kept);
    }
    return kept;
  }
}

/**
 * Distinct words numbered in the order first seen (detached copies kept), for caches that keep a word per
 * item as a number in a typed array. Holds at most `limit` words and never starts again (a number given out
 * stays valid): past the limit a new word gets no number and the caller keeps nothing for it.
 */
export class WordNumbers {
  private readonly words: string[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** The number of `word`, given one when first seen; -1 when the limit is reached. */
  numberOf(word: string): number {
    let n = this.numbers.get(word);
    if (n === undefined) {
      if (this.words.length >= this.limit) return -1;
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
}
