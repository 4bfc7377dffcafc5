/**
 * Word kinds: the grammar lexes words with regexes (tree-sitter-junos/grammar.js, "word shapes") that must
 * give every whole word the kind the scanner's reference `classify_bare` gives it. This file ports that
 * reference to TypeScript (`referenceKind`) and checks the parser against it with fast-check over words
 * built from the pieces that make the shapes differ (octets, hex groups, `::`, `/`, media names, `$9$`,
 * `<`/`>`, quotes and escapes, non-ASCII letters, blanks that are not blanks for Junos, long runs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { initSyntax, parseText } from '../../../server/src/syntax/parser';

/** Characters the scanner treats as blanks (is_space). */
const BLANKS = new Set([' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\ufeff', '\u2028', '\u2029']);
const WORD_ENDS = new Set([';', '{', '}', '[', ']', '"']);
const WORD_BUFFER_SIZE = 64;

function readDecimal(s: string, i: number, maxDigits: number): { value: number; next: number } | undefined {
  let j = i;
  while (j < s.length && /[0-9]/.test(s[j]!) && j - i < maxDigits + 1) j++;
  const count = j - i;
  if (count === 0 || count > maxDigits) return undefined;
  return { value: Number(s.slice(i, j)), next: j };
}

function isIpv4(s: string): boolean {
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (s[i] !== '.') return false;
      i++;
    }
    const octet = readDecimal(s, i, 3);
    if (!octet || octet.value > 255) return false;
    i = octet.next;
  }
  return i === s.length;
}

function isIpv6(s: string): boolean {
  const n = s.length;
  let i = 0;
  let groups = 0;
  let compressed = false;
  if (n < 2) return false;
  if (s[0] === ':') {
    if (s[1] !== ':') return false;
    compressed = true;
    i = 2;
    if (i === n) return true;
  }
  while (i < n) {
    const start = i;
    while (i < n && /[0-9a-fA-F]/.test(s[i]!)) i++;
    if (s[i] === '.') {
      if (!isIpv4(s.slice(start))) return false;
      groups += 2;
      break;
    }
    if (i === start || i - start > 4) return false;
    groups++;
    if (i === n) break;
    if (s[i] !== ':') return false;
    i++;
    if (s[i] === ':') {
      if (compressed) return false;
      compressed = true;
      i++;
    } else if (i === n) {
      return false;
    }
  }
  return compressed ? groups <= 7 : groups === 8;
}

function prefixOf(s: string, maxLength: number, isAddress: (a: string) => boolean): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const length = readDecimal(s, slash + 1, 3);
  return !!length && length.next === s.length && length.value <= maxLength && isAddress(s.slice(0, slash));
}

const NUMBERED_MEDIA = ['ae', 'lo', 'fxp', 'em', 'me', 'st', 'reth', 'fab', 'pp', 'dl', 'ps', 'bme', 'ams', 'swfab', 'rlsq', 'vtep'];
const UNIT_ONLY_MEDIA = ['irb', 'vlan', 'vme', 'dsc', 'tap', 'gre', 'ipip', 'lsi', 'mtun', 'pimd', 'pime', 'jsrv', 'esi', 'cbp', 'pip'];
const BARE_MEDIA = ['irb', 'vme', 'jsrv', 'dsc'];

function isInterface(s: string): boolean {
  if (/^[a-z][a-z0-9]*-[0-9]{1,4}\/[0-9]{1,4}\/[0-9]{1,4}(:[0-9]{1,4})?(\.[0-9]{1,5})?$/.test(s)) return true;
  for (const media of NUMBERED_MEDIA) if (new RegExp(`^${media}[0-9]{1,5}(\\.[0-9]{1,5})?$`).test(s)) return true;
  for (const media of UNIT_ONLY_MEDIA) if (new RegExp(`^${media}\\.[0-9]{1,5}$`).test(s)) return true;
  return BARE_MEDIA.includes(s);
}

/** The node kind classify_bare (src/scanner.c) gives a bare word. */
function bareKind(word: string): string {
  if (/^\$[1569]\$/.test(word)) return 'secret';
  if (word.length >= 2 && word.startsWith('<') && word.endsWith('>')) return 'wildcard';
  // the scanner counts characters (code points) and needs all of them ASCII
  if ([...word].length >= WORD_BUFFER_SIZE || /[^\x00-\x7f]/.test(word)) return 'identifier';
  if (/^[0-9]+$/.test(word)) return 'number';
  if (isIpv4(word)) return 'ipv4_address';
  if (prefixOf(word, 32, isIpv4)) return 'ipv4_prefix';
  if (isIpv6(word)) return 'ipv6_address';
  if (prefixOf(word, 128, isIpv6)) return 'ipv6_prefix';
  if (isInterface(word)) return 'interface_name';
  return 'identifier';
}

/** The node kind of a quoted word from what its quotes hold (escapes kept, as the scanner pushes them). */
function quotedKind(content: string): string {
  if (/^\$[1569]\$/.test(content)) return 'secret';
  if (content.length >= 2 && content.startsWith('<') && content.endsWith('>')) return 'wildcard';
  return 'string';
}

/** The kind of a whole word as written in a statement. */
function referenceKind(written: string): string {
  return written.startsWith('"') ? quotedKind(written.slice(1, -1)) : bareKind(written);
}

/** A bare word: pieces glued together, then cut at the first character that ends a word. */
const PIECES = [
  '0', '1', '7', '25', '255', '256', '300', '01', '001', '.', ':', '::', '/', '24', '32', '33', '128', '129',
  'a', 'f', 'ff', 'ffff', 'A', 'g', 'ge', 'xe', '-', '-0/0/0', ':2', 'ae', 'lo', 'irb', 'vlan', 'fxp', 'swfab', 'st',
  '$', '$9$', '$1$', '<', '>', '*', '#', '/*', '\\', 'é', '\u2000', '\u0085', 'x', '10.0.0.1', '2001:db8', '1.2.3.4',
];
const bareWord = fc
  .oneof(
    { weight: 8, arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 7 }).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 30, max: 70 }), fc.constantFrom('-0/0/0', '-1/2/3:4.5', '', '0')).map(([n, tail]) => 'a'.repeat(n) + tail) },
    { weight: 1, arbitrary: fc.integer({ min: 55, max: 70 }).map((n) => '7'.repeat(n)) },
  )
  .map((w) => {
    let end = 0;
    const chars = [...w];
    while (end < chars.length && !BLANKS.has(chars[end]!) && !WORD_ENDS.has(chars[end]!)) end++;
    return chars.slice(0, end).join('');
  })
  // `#` and `/*` start a comment or an annotation at the start of a word
  .filter((w) => w.length > 0 && !w.startsWith('#') && !w.startsWith('/*'));
const quotedWord = fc
  .array(fc.constantFrom('$9$', '<', '>', 'a', ' ', ';', '\\"', '\\\\', '\\>', 'é', '{', '\n'), { maxLength: 6 })
  .map((p) => `"${p.join('')}"`);

test('every word gets the kind the reference classification gives its whole text', async () => {
  await initSyntax();
  fc.assert(
    fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: bareWord }, { weight: 1, arbitrary: quotedWord }), { minLength: 1, maxLength: 8 }), (words) => {
      const text = `w ${words.join(' ')};\n`;
      const tree = parseText(text);
      try {
        const statement = tree.rootNode.namedChild(0)!;
        const kinds = statement.namedChildren.slice(1).map((n) => n!.type);
        const texts = statement.namedChildren.slice(1).map((n) => n!.text);
        assert.equal(tree.rootNode.hasError, false, text);
        assert.deepEqual(texts, words, text);
        assert.deepEqual(kinds, words.map(referenceKind), text);
      } finally {
        tree.delete();
      }
    }),
    { numRuns: 600, seed: 20261127 },
  );
});
