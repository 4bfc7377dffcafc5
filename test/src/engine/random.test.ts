// Seeded randomness: HMAC-DRBG against a hand-unrolled SP 800-90A computation, reproducibility.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { BlockedRandom, HmacDrbg, seededRandom, systemRandom } from '../../../engine/src/crypto/random';

const hmac = (key: Buffer, ...parts: Buffer[]): Buffer => {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
};

test('HMAC-DRBG output equals a hand-unrolled SP 800-90A instantiate + two generates', () => {
  const seed = Buffer.from('junos-ipsec test seed 42');
  // Instantiate: K = 0^32, V = 1^32, update(seed).
  let k: Buffer = Buffer.alloc(32, 0);
  let v: Buffer = Buffer.alloc(32, 1);
  k = hmac(k, v, Buffer.from([0]), seed); v = hmac(k, v);
  k = hmac(k, v, Buffer.from([1]), seed); v = hmac(k, v);
  // Generate 40 bytes: two V blocks, then update() with no input.
  v = hmac(k, v); const first = v;
  v = hmac(k, v); const second = v;
  const expected1 = Buffer.concat([first, second]).subarray(0, 40);
  k = hmac(k, v, Buffer.from([0])); v = hmac(k, v);
  v = hmac(k, v); const expected2 = v.subarray(0, 16);

  const drbg = new HmacDrbg(seed);
  assert.equal(drbg.bytes(40).toString('hex'), expected1.toString('hex'));
  assert.equal(drbg.bytes(16).toString('hex'), expected2.toString('hex'));
});

test('the same seed reproduces the stream, another seed does not', () => {
  const a = seededRandom(7), b = seededRandom(7), c = seededRandom(8);
  const streamA = Buffer.concat([a.bytes(8), a.bytes(32), a.bytes(3)]);
  const streamB = Buffer.concat([b.bytes(8), b.bytes(32), b.bytes(3)]);
  assert.deepEqual(streamA, streamB);
  assert.notDeepEqual(c.bytes(43), streamA);
  assert.equal(seededRandom('x').bytes(0).length, 0);
});

test('the seeded stream does not depend on how requests are split, and is the DRBG output', () => {
  const whole = seededRandom('split').bytes(10_000);
  const pieces = seededRandom('split');
  const parts = [1, 15, 4096, 3, 5000, 885].map((n) => pieces.bytes(n));
  assert.deepEqual(Buffer.concat(parts), whole);
  const direct = new HmacDrbg(Buffer.from('junos-ipsec seed:split')).bytes(4096);
  assert.deepEqual(whole.subarray(0, 4096), direct);
  // Block size 8: 3 bytes then 9 bytes = two DRBG calls of 8 bytes each, cut at 12.
  const small = new BlockedRandom(new HmacDrbg(Buffer.from('x')), 8);
  const reference = new HmacDrbg(Buffer.from('x'));
  assert.deepEqual(Buffer.concat([small.bytes(3), small.bytes(9)]), Buffer.concat([reference.bytes(8), reference.bytes(8)]).subarray(0, 12));
});

test('system random gives the requested length and differs between calls', () => {
  assert.equal(systemRandom.bytes(24).length, 24);
  assert.notDeepEqual(systemRandom.bytes(16), systemRandom.bytes(16));
});
