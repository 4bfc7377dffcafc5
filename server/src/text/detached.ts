/**
 * text/detached.ts: copies of short strings cut from a large text that do not keep that text alive.
 * Owns: `detached`. V8 makes a slice of 13 characters or more (`text.slice`, `substring`, a regex match) a
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
