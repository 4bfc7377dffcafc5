// $9$ secrets: known vectors, round trips, comparison by value, malformed input, masking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeNineSecret,
  encodeNineSecret,
  isNineSecret,
  maskSecret,
  maskSecretsInText,
  nineAlphabet,
  paddingLength,
  sameSecret,
} from '../../../server/src/model/secrets';

// Known vectors. Each row is (secret, plaintext, padding). They come from the public test data of the
// jumation/crypt project (t/crypts_interactive.t), whose script decoded every secret with a Junos device's own
// op script and re-encoded the plaintext on the device with the same salt, splicing in the same padding: they
// are device-checked, not produced by this codec. Encoding them back with the same salt + padding must give the
// identical string, which checks the encoder too.
const DEVICE_VECTORS: readonly [string, string, string][] = [
  ['$9$P5T3', 'a', ''],
  ['$9$0PbyB1hvMX', 'ag', 'Pby'],
  ['$9$reLeK8Xxd', 'aa', 'eL'],
  ['$9$BGTIRSrlM8LN', 'aaa', 'GT'],
  ['$9$Fd6pn6Apu1REyk.', 'aaaa', 'd6p'],
  ['$9$z3Edn6Au0IhclmfQn9CB1', 'bbbbbb', '3Ed'],
  ['$9$uj8VB1hyrv8LN/CpBREeKWLx', 'bbbbbbb', 'j8V'],
  ['$9$eraMWx-dsg4ZhSlMLXbw24a', 'bbbbbbb', 'ra'],
  ['$9$RcvSyKxNb', 'cv', 'cv'],
];

test('device-checked vectors decode to their plaintext and re-encode identically', () => {
  for (const [secret, plaintext, padding] of DEVICE_VECTORS) {
    assert.deepEqual(decodeNineSecret(secret), { ok: true, plaintext }, secret);
    const encoded = encodeNineSecret(plaintext, { salt: secret[3]!, padding });
    assert.deepEqual(encoded, { ok: true, text: secret }, `encode ${plaintext}`);
    assert.equal(isNineSecret(secret), true);
  }
});

test('hand computation of $9$P5T3 = "a" agrees with the decoder', () => {
  // Worked by hand, independently of the code: the alphabet is the four families
  // "QzF3n6/9CAtpu0O" "B1IREhcSyrleKvMW8LXx" "7N-dVbwsY2g4oaJZGUDj" "iHkq.mPf5T" in that order, so
  // P = 61, 5 = 63, T = 64, 3 = 3. Salt P is in the fourth family: 3 - 3 = 0 padding characters.
  // Character 1 uses weights [1, 4, 32]; gaps are (next - prev) mod 65 - 1:
  //   P->5: (63 - 61) - 1 = 1;  5->T: (64 - 63) - 1 = 0;  T->3: (3 - 64 + 65) - 1 = 3.
  //   1*1 + 0*4 + 3*32 = 97 = "a".
  const alphabet = nineAlphabet();
  assert.equal(alphabet.length, 65);
  assert.deepEqual([alphabet.indexOf('P'), alphabet.indexOf('5'), alphabet.indexOf('T'), alphabet.indexOf('3')], [61, 63, 64, 3]);
  assert.equal(paddingLength('P'), 0);
  assert.deepEqual(decodeNineSecret('$9$P5T3'), { ok: true, plaintext: 'a' });
  // Second hand check, salt with padding: "$9$LbHX-wg4Z" = "lc" (the Crypt::Juniper synopsis example).
  // L is in the second family -> 2 padding characters "bH"; groups "X-w" [1,4,32] and "g4Z" [1,16,32].
  // L=32 X=33 -=37 w=41: gaps 0,3,3 -> 0 + 12 + 96 = 108 "l"; w=41 g=45 4=46 Z=50: gaps 3,0,3 -> 3 + 0 + 96 = 99 "c".
  assert.deepEqual(decodeNineSecret('$9$LbHX-wg4Z'), { ok: true, plaintext: 'lc' });
});

test('the example keys: two different encodings of keyfordemo compare equal', () => {
  const r2 = encodeNineSecret('keyfordemo', { salt: 'A', padding: 'p0I' });
  const r3 = encodeNineSecret('keyfordemo', { salt: 'h', padding: 'Sy' });
  assert.ok(r2.ok && r3.ok);
  assert.notEqual(r2.text, r3.text);
  assert.equal(sameSecret(r2.text, r3.text), true);
  assert.equal(sameSecret(`"${r2.text}"`, 'keyfordemo'), true, 'quoted $9$ vs plain ascii-text');
  assert.equal(sameSecret(r2.text, 'keyfordemO'), false);
  assert.equal(sameSecret('keyfordemo', 'keyfordemo '), false);
  assert.equal(sameSecret('$ABC123', '$ABC123'), true, 'plain values compare as written');
});

const latin1 = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }).map((codes) => String.fromCharCode(...codes));
const choice = fc
  .tuple(fc.constantFrom(...nineAlphabet()), fc.array(fc.constantFrom(...nineAlphabet()), { minLength: 3, maxLength: 3 }))
  .map(([salt, pad]) => ({ salt, padding: pad.slice(0, paddingLength(salt)).join('') }));

test('round trip: decode(encode(p)) = p for random Latin-1 strings and random salts', () => {
  fc.assert(
    fc.property(latin1, choice, (plaintext, how) => {
      const encoded = encodeNineSecret(plaintext, how);
      assert.ok(encoded.ok);
      assert.ok(isNineSecret(encoded.text));
      assert.deepEqual(decodeNineSecret(encoded.text), { ok: true, plaintext });
    }),
    { numRuns: 500 },
  );
});

test('round trip with a random source; two encodings of one key are equal by value', () => {
  fc.assert(
    fc.property(
      // sameSecret reads its plain side as a config word, where `"..."` is quoting: a key that itself starts and
      // ends with a quote would be written escaped in a config, so it is not a plain word here
      fc.string({ unit: 'binary-ascii', maxLength: 40 }).filter((k) => !(k.length >= 2 && k.startsWith('"') && k.endsWith('"'))),
      fc.array(fc.nat(64), { minLength: 8, maxLength: 8 }),
      fc.array(fc.nat(64), { minLength: 8, maxLength: 8 }),
      (key, picksA, picksB) => {
      const source = (picks: number[]) => { let i = 0; return () => picks[i++ % picks.length]!; };
      const a = encodeNineSecret(key, source(picksA));
      const b = encodeNineSecret(key, source(picksB));
      assert.ok(a.ok && b.ok);
      assert.equal(sameSecret(a.text, b.text), true);
      assert.equal(sameSecret(a.text, key), true);
      assert.equal(sameSecret(a.text, key + 'x'), false);
    }),
    { numRuns: 300 },
  );
});

test('malformed secrets give problems, never throws', () => {
  const cases: [string, string][] = [
    ['$ABC123', 'not-nine-secret'],
    ['keyfordemo', 'not-nine-secret'],
    ['', 'not-nine-secret'],
    ['$9$', 'empty-secret'],
    ['$9$P5T', 'truncated'],
    ['$9$Ap0', 'truncated'],
    ['$9$P5T3!', 'bad-character'],
    ['$9$P5 T3', 'bad-character'],
    ['$9$PP5T', 'not-canonical'],
  ];
  for (const [text, code] of cases) {
    const result = decodeNineSecret(text);
    assert.equal(result.ok, false, text);
    if (!result.ok) assert.equal(result.problem.code, code, text);
    assert.equal(isNineSecret(text), false);
  }
  assert.equal(decodeNineSecret(undefined as unknown as string).ok, false);
  assert.equal(encodeNineSecret('ü€', { salt: 'P', padding: '' }).ok, false, 'outside Latin-1');
  assert.equal(encodeNineSecret('x', { salt: '!', padding: '' }).ok, false, 'salt not in alphabet');
  assert.equal(encodeNineSecret('x', { salt: 'Q', padding: 'ab' }).ok, false, 'Q needs 3 padding characters');
  assert.equal(encodeNineSecret('x', () => 99).ok, false, 'random source out of range');
  fc.assert(
    fc.property(fc.string({ maxLength: 30 }), (tail) => {
      const result = decodeNineSecret('$9$' + tail);
      if (!result.ok) assert.ok(result.problem.message.length > 0);
    }),
    { numRuns: 500 },
  );
});

test('masking hides content and length', () => {
  const key = encodeNineSecret('keyfordemo', { salt: 'A', padding: 'p0I' });
  assert.ok(key.ok);
  assert.equal(maskSecret(key.text), '$9$********');
  assert.equal(maskSecret(`"${key.text}"`), '"$9$********"');
  assert.equal(maskSecret('keyfordemo'), '********');
  assert.equal(maskSecret('$6$salt$hash'), '$6$********');
  const line = `pre-shared-key ascii-text "${key.text}"; ## SECRET-DATA`;
  assert.equal(maskSecretsInText(line), 'pre-shared-key ascii-text "$9$********"; ## SECRET-DATA');
  assert.equal(maskSecretsInText('set ... pre-shared-key ascii-text keyfordemo'), 'set ... pre-shared-key ascii-text ********');
  assert.equal(maskSecretsInText('key hexadecimal 0x0123456789abcdef;'), 'key hexadecimal ********;');
  assert.equal(maskSecretsInText('encrypted-password "$6$abc$def"; ## SECRET-DATA'), 'encrypted-password "$6$********"; ## SECRET-DATA');
  assert.equal(maskSecretsInText('remote-gateway 10.1.15.2;'), 'remote-gateway 10.1.15.2;');
});
