// PRFs and prf+: RFC 2202 / RFC 4231 HMAC known answers; prf+ against a hand-unrolled version and the
// NIST CAVS IKEv2 prf+ sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { prf, prfPlus, digest } from '../../../engine/src/crypto/prf';

const hex = (s: string) => Buffer.from(s, 'hex');

test('HMAC known answers (RFC 2202 test cases 1 and 2, RFC 4231 test cases 1 and 2)', () => {
  const k1 = Buffer.alloc(16, 0x0b), k1b = Buffer.alloc(20, 0x0b);
  const hiThere = Buffer.from('Hi There');
  const jefe = Buffer.from('Jefe'), want = Buffer.from('what do ya want for nothing?');
  assert.equal(prf('md5', k1, hiThere).toString('hex'), '9294727a3638bb1c13f48ef8158bfc9d');
  assert.equal(prf('md5', jefe, want).toString('hex'), '750c783e6ab0b503eaa86e310a5db738');
  assert.equal(prf('sha1', k1b, hiThere).toString('hex'), 'b617318655057264e28bc0b6fb378c8ef146be00');
  assert.equal(prf('sha1', jefe, want).toString('hex'), 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  assert.equal(prf('sha256', k1b, hiThere).toString('hex'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
  assert.equal(prf('sha256', jefe, want).toString('hex'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  assert.equal(prf('sha384', k1b, hiThere).toString('hex'), 'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6');
  assert.equal(prf('sha512', k1b, hiThere).toString('hex'),
    '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854');
});

test('prf with several data parts equals prf of their concatenation; digest is a plain hash', () => {
  const key = Buffer.from('k');
  assert.deepEqual(prf('sha256', key, Buffer.from('ab'), Buffer.from('cd')), prf('sha256', key, Buffer.from('abcd')));
  assert.equal(digest('sha1', Buffer.from('abc')).toString('hex'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
});

test('prf+ equals a hand-unrolled T1 | T2 | T3', () => {
  const key = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  const seed = Buffer.from('seed material for prf+');
  const h = (k: Buffer, d: Buffer) => createHmac('sha1', k).update(d).digest();
  const t1 = h(key, Buffer.concat([seed, Buffer.from([1])]));
  const t2 = h(key, Buffer.concat([t1, seed, Buffer.from([2])]));
  const t3 = h(key, Buffer.concat([t2, seed, Buffer.from([3])]));
  assert.deepEqual(prfPlus('sha1', key, seed, 55), Buffer.concat([t1, t2, t3]).subarray(0, 55));
  assert.deepEqual(prfPlus('sha1', key, seed, 20), t1);
});

test('prf+ NIST CAVS IKEv2 sample (HMAC-SHA1, 132 bytes from SKEYSEED and Ni|Nr|SPIi|SPIr)', () => {
  const out = prfPlus('sha1', hex('a9a7b222b59f8f48645f28a1db5b5f5d7479cba7'), hex('32b50d5f4a3763f3' + '9206a04b26564cb1' + '34c9e7c188868785' + '3ff77d760d2b2199'), 132);
  assert.equal(out.toString('hex'),
    'a14293677cc80ff8f9cc0eee30d895da9d8f405666e30ef0dfcb63c634a46002a2a63080e514a062768b76606f9fa5e992204fc5a670bde3f10d6b027113936a5c55b648a194ae587b0088d52204b702c979fa280870d2ed41efa9c549fd11198af1670b143d384bd275c5f594cf266b05ebadca855e4249520a441a81157435a7a56cc4');
});

test('prf+ refuses more than 255 blocks', () => {
  assert.throws(() => prfPlus('md5', Buffer.alloc(16), Buffer.alloc(0), 16 * 256), RangeError);
});
