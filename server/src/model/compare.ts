/**
 * model/compare.ts: value equality of configuration words as Junos means it.
 * Owns: comparing two words' values, with `$9$` secrets compared by their decoded key.
 * Must not know: the tree, the schema, LSP; it never returns or logs a decoded secret.
 * Invariants: never throws; symmetric; plain words compare by their unquoted text.
 * Tests: test/src/model/compare.test.ts
 */
import { isNineSecret, sameSecret } from './secrets';
import type { Word } from './source';

/** True when two words hold the same value (`"$9$..."` encodings of one key are equal). */
export function sameValue(a: Word, b: Word): boolean {
  if (a.kind === 'secret' || b.kind === 'secret' || isNineSecret(a.text) || isNineSecret(b.text)) return sameSecret(a.text, b.text);
  return a.text === b.text;
}

/** True when two lists of words hold the same values in the same order. */
export function sameValues(a: readonly Word[], b: readonly Word[]): boolean {
  return a.length === b.length && a.every((w, i) => sameValue(w, b[i]!));
}
