/**
 * model/secrets.ts: Junos `$9$` reversible secrets (decode, encode, validate), comparison by value, masking.
 * Owns: the `$9$` alphabet and weight table, the result-or-problem decoder, the encoder (salt and padding are
 *   chosen by the caller so output is reproducible), `sameSecret`, `maskSecret`, `maskSecretsInText`.
 * Must not know: the config tree, the schema, LSP, the engine (the engine calls `decodeNineSecret` itself).
 * Invariants: never throws, whatever the input; `decodeNineSecret(encodeNineSecret(p, c).text)` gives back `p`
 *   for every Latin-1 `p` and every valid choice `c`; plain text never appears in a problem message or in
 *   anything `maskSecret*` returns.
 * Format: `$9$` + salt character + padding (0..3 characters, the count fixed by the salt's family) + one group
 *   of 2..4 characters per plaintext character. Each group spells the character as "gaps": distances (minus
 *   one) between consecutive characters in a 65-character alphabet, weighted by a 7-entry table that repeats.
 *   Decoding needs no key; the format hides text from casual eyes only.
 * Tests: test/src/model/secrets.test.ts
 */

/** The alphabet, written as its four families; a salt from family i is followed by 3 - i padding characters. */
const FAMILIES = ['QzF3n6/9CAtpu0O', 'B1IREhcSyrleKvMW8LXx', '7N-dVbwsY2g4oaJZGUDj', 'iHkq.mPf5T'] as const;
const ALPHABET = FAMILIES.join('');
const ALPHABET_SIZE = ALPHABET.length; // 65

/** Weights of the gaps in one group, by plaintext position modulo 7. */
const GROUP_WEIGHTS: readonly (readonly number[])[] = [
  [1, 4, 32],
  [1, 16, 32],
  [1, 8, 32],
  [1, 64],
  [1, 32],
  [1, 4, 16, 128],
  [1, 32, 64],
];

const PREFIX = '$9$';

const indexOfChar = new Map<string, number>();
const paddingOfChar = new Map<string, number>();
FAMILIES.forEach((family, familyIndex) => {
  for (const ch of family) paddingOfChar.set(ch, 3 - familyIndex);
});
for (let i = 0; i < ALPHABET.length; i++) indexOfChar.set(ALPHABET[i]!, i);

export type SecretProblemCode =
  | 'not-nine-secret' // does not start with `$9$`
  | 'empty-secret' // `$9$` with nothing after it
  | 'bad-character' // a character outside the alphabet
  | 'truncated' // padding or the last group is incomplete
  | 'not-canonical' // decodes, but no encoder would have produced it (repeated character, value above 255)
  | 'bad-salt' // encode: salt not one alphabet character
  | 'bad-padding' // encode: padding of the wrong length or with characters outside the alphabet
  | 'not-encodable'; // encode: plaintext holds a character above U+00FF

/** What is wrong with a secret. `offset` is into the text given (after stripping quotes), when known. */
export interface SecretProblem {
  code: SecretProblemCode;
  message: string;
  offset?: number;
}

export type DecodeResult = { ok: true; plaintext: string } | { ok: false; problem: SecretProblem };
export type EncodeResult = { ok: true; text: string } | { ok: false; problem: SecretProblem };

/**
 * How to encode: the salt character and the padding characters that follow it. `paddingLength(salt)` says how
 * many padding characters the salt needs. A function instead picks each character: it is called with the
 * alphabet size and must return an index below it (e.g. a seeded PRNG in tests, `crypto.randomInt` in tools).
 */
export type NineEncodingChoice = { salt: string; padding: string } | ((bound: number) => number);

function problem(code: SecretProblemCode, message: string, offset?: number): { ok: false; problem: SecretProblem } {
  return { ok: false, problem: offset === undefined ? { code, message } : { code, message, offset } };
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

/** The alphabet every `$9$` character comes from (65 characters, in order). */
export function nineAlphabet(): string {
  return ALPHABET;
}

/** Number of padding characters a salt character requires, or undefined when it is not an alphabet character. */
export function paddingLength(salt: string): number | undefined {
  return salt.length === 1 ? paddingOfChar.get(salt) : undefined;
}

/** True when `text` (optionally in double quotes) is a well-formed `$9$` secret that decodes cleanly. */
export function isNineSecret(text: string): boolean {
  return decodeNineSecret(text).ok;
}

/** Distance from `from` to `to` in the alphabet, minus one (so neighbours are gap 0). */
function gapBetween(from: number, to: number): number {
  return ((to - from + ALPHABET_SIZE) % ALPHABET_SIZE) - 1;
}

/** Decodes a `$9$` secret (optionally in double quotes). Never throws; garbage gives a problem. */
export function decodeNineSecret(text: string): DecodeResult {
  if (typeof text !== 'string') return problem('not-nine-secret', 'not a string');
  const body = unquote(text);
  if (!body.startsWith(PREFIX)) return problem('not-nine-secret', 'a $9$ secret starts with "$9$"', 0);
  if (body.length === PREFIX.length) return problem('empty-secret', 'nothing follows "$9$"', PREFIX.length);
  for (let i = PREFIX.length; i < body.length; i++) {
    if (!indexOfChar.has(body[i]!)) {
      return problem('bad-character', `character ${i + 1} is not part of the $9$ alphabet`, i);
    }
  }
  const salt = body[PREFIX.length]!;
  let pos = PREFIX.length + 1 + paddingOfChar.get(salt)!;
  if (pos > body.length) return problem('truncated', 'the padding after the salt is incomplete', body.length);
  let previous = indexOfChar.get(salt)!;
  const out: string[] = [];
  while (pos < body.length) {
    const weights = GROUP_WEIGHTS[out.length % GROUP_WEIGHTS.length]!;
    if (pos + weights.length > body.length) {
      return problem('truncated', `the group for character ${out.length + 1} is incomplete`, pos);
    }
    let value = 0;
    for (let k = 0; k < weights.length; k++) {
      const current = indexOfChar.get(body[pos + k]!)!;
      const gap = gapBetween(previous, current);
      if (gap < 0) return problem('not-canonical', 'a character repeats its predecessor', pos + k);
      value += gap * weights[k]!;
      previous = current;
    }
    if (value > 0xff) return problem('not-canonical', `character ${out.length + 1} decodes above 255`, pos);
    out.push(String.fromCharCode(value));
    pos += weights.length;
  }
  return { ok: true, plaintext: out.join('') };
}

function resolveChoice(choice: NineEncodingChoice): { salt: string; padding: string } | { ok: false; problem: SecretProblem } {
  if (typeof choice === 'function') {
    const pick = (): string | undefined => {
      const n = choice(ALPHABET_SIZE);
      return Number.isInteger(n) && n >= 0 && n < ALPHABET_SIZE ? ALPHABET[n] : undefined;
    };
    const salt = pick();
    if (salt === undefined) return problem('bad-salt', 'the random source returned an index outside the alphabet');
    let padding = '';
    for (let i = 0; i < paddingOfChar.get(salt)!; i++) {
      const ch = pick();
      if (ch === undefined) return problem('bad-padding', 'the random source returned an index outside the alphabet');
      padding += ch;
    }
    return { salt, padding };
  }
  if (choice === null || typeof choice !== 'object') return problem('bad-salt', 'no salt given');
  return { salt: String(choice.salt), padding: String(choice.padding) };
}

/** Encodes `plaintext` as a `$9$` secret with the given salt and padding (or random source). */
export function encodeNineSecret(plaintext: string, choice: NineEncodingChoice): EncodeResult {
  if (typeof plaintext !== 'string') return problem('not-encodable', 'plaintext is not a string');
  const resolved = resolveChoice(choice);
  if ('ok' in resolved) return resolved;
  const { salt, padding } = resolved;
  const need = paddingLength(salt);
  if (need === undefined) return problem('bad-salt', 'the salt must be one character of the $9$ alphabet');
  if (padding.length !== need || [...padding].some((c) => !indexOfChar.has(c))) {
    return problem('bad-padding', `salt needs ${need} padding character(s) from the $9$ alphabet`);
  }
  let previous = indexOfChar.get(salt)!;
  const out: string[] = [PREFIX, salt, padding];
  for (let i = 0; i < plaintext.length; i++) {
    let value = plaintext.charCodeAt(i);
    if (value > 0xff) return problem('not-encodable', `character ${i + 1} is outside Latin-1`);
    const weights = GROUP_WEIGHTS[i % GROUP_WEIGHTS.length]!;
    const gaps: number[] = new Array<number>(weights.length);
    for (let k = weights.length - 1; k >= 0; k--) {
      gaps[k] = Math.floor(value / weights[k]!);
      value %= weights[k]!;
    }
    for (const gap of gaps) {
      previous = (previous + gap + 1) % ALPHABET_SIZE;
      out.push(ALPHABET[previous]!);
    }
  }
  return { ok: true, text: out.join('') };
}

/** The value a configured secret stands for: decoded `$9$` plaintext, or the text itself for plain values. */
function secretValue(text: string): string | undefined {
  const body = unquote(text);
  if (!body.startsWith(PREFIX)) return body;
  const decoded = decodeNineSecret(body);
  return decoded.ok ? decoded.plaintext : undefined;
}

/**
 * True when two configured secrets hold the same key: `$9$` values are compared by their plaintext, plain
 * `ascii-text` values as written. A `$9$` value that does not decode equals nothing but its own exact text.
 * The final comparison touches every character of the longer value whatever the first difference.
 */
export function sameSecret(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const left = secretValue(a);
  const right = secretValue(b);
  if (left === undefined || right === undefined) return unquote(a) === unquote(b) && left === right;
  const length = Math.max(left.length, right.length);
  let diff = left.length ^ right.length;
  for (let i = 0; i < length; i++) diff |= (left.charCodeAt(i) | 0) ^ (right.charCodeAt(i) | 0);
  return diff === 0;
}

/**
 * How a secret is shown to people: its kind and nothing of its content or length.
 * `$9$...` -> `$9$********`, crypt hashes (`$1$`, `$5$`, `$6$`) keep their prefix likewise, anything else
 * -> `********`. Surrounding quotes are kept.
 */
export function maskSecret(text: string): string {
  const str = typeof text === 'string' ? text : '';
  const quoted = str.length >= 2 && str.startsWith('"') && str.endsWith('"');
  const body = quoted ? str.slice(1, -1) : str;
  const kind = /^\$(9|1|5|6)\$/.exec(body);
  const masked = (kind ? kind[0] : '') + '********';
  return quoted ? `"${masked}"` : masked;
}

/** Statement words after which Junos stores a secret value (`... ascii-text VALUE`, `hexadecimal VALUE`). */
const SECRET_LEAD = /\b(ascii-text|hexadecimal|encrypted-password|secret|authentication-key|simple-password)(\s+)("(?:[^"\\]|\\.)*"|\S+?)(?=[\s;]|$)/g;
const NINE_OR_CRYPT = /"?\$(?:9|1|5|6)\$[^\s";]*"?/g;

/**
 * Masks every secret in free text (a config line, a log message): values after `ascii-text`, `hexadecimal`,
 * `encrypted-password`, `secret`, `authentication-key`, `simple-password`, and any `$9$`/`$1$`/`$5$`/`$6$` word.
 */
export function maskSecretsInText(text: string): string {
  if (typeof text !== 'string') return '';
  return text
    .replace(SECRET_LEAD, (_m, lead: string, space: string, value: string) => `${lead}${space}${maskSecret(value)}`)
    .replace(NINE_OR_CRYPT, (word) => (word.includes('********') ? word : maskSecret(word)));
}

/**
 * Masks every secret in one line of configuration text with `*` characters of the same length, so that
 * columns computed on the original line (carets under a diagnostic's words) stay right.
 */
export function maskSecretsKeepingColumns(line: string): string {
  if (typeof line !== 'string') return '';
  const stars = (value: string): string => value.replace(/[^"]/g, '*');
  return line
    .replace(SECRET_LEAD, (_m, lead: string, space: string, value: string) => `${lead}${space}${stars(value)}`)
    .replace(NINE_OR_CRYPT, (word) => stars(word));
}
