// ESP tunnel mode: every cipher x integrity pair and AES-GCM round-trips a real IPv4 ICMP packet; the
// CBC output is checked against a decryption written directly with Node crypto; tampering, replay,
// bad trailers, undecryptable lengths and short packets give their own failure codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { cbcEncrypt, cipherSpec, type CipherName } from '../../../engine/src/crypto/ciphers';
import { computeIcv, integritySpec, type IntegrityName } from '../../../engine/src/crypto/integrity';
import { seededRandom } from '../../../engine/src/crypto/random';
import { espDecapsulate, espEncapsulate, espKeymatLength, espOverhead, espSaFromKeymat, espSpi } from '../../../engine/src/wire/esp';
import { decodeIpv4 } from '../../../engine/src/wire/ipv4';
import { ReplayWindow } from '../../../engine/src/wire/replay-window';
import { espSa, innerPing } from './fixtures';

const CBC: CipherName[] = ['des-cbc', '3des-cbc', 'aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc'];
const INTEG: IntegrityName[] = ['hmac-md5-96', 'hmac-sha1-96', 'hmac-sha-256-128', 'hmac-sha-256-96'];
const SUITES: Array<[CipherName, IntegrityName | undefined]> = [
  ...CBC.flatMap((c) => INTEG.map((i) => [c, i] as [CipherName, IntegrityName])),
  ['aes-128-gcm', undefined], ['aes-192-gcm', undefined], ['aes-256-gcm', undefined],
];

test('every cipher/integrity pair and AES-GCM-16 round-trips an IPv4 packet in tunnel mode', () => {
  const random = seededRandom('esp');
  const inner = innerPing();
  for (const [cipher, integrity] of SUITES) {
    const sa = espSa(cipher, integrity);
    const packet = espEncapsulate(sa, 7, inner, random);
    assert.equal(espSpi(packet), 0x8606894f);
    assert.equal(packet.readUInt32BE(4), 7);
    assert.equal(packet.length, inner.length + espOverhead(sa, inner.length), `${cipher}/${integrity}`);
    const opened = espDecapsulate(sa, packet, new ReplayWindow(64));
    assert.ok(opened.ok, `${cipher}/${integrity}: ${opened.ok ? '' : opened.detail}`);
    assert.equal(opened.nextHeader, 4);
    assert.deepEqual(opened.payload, inner);
    const ip = decodeIpv4(opened.payload);
    assert.ok(ip.ok && ip.value.destination === '10.1.56.2');
  }
});

test('AES-CBC + HMAC-SHA-256-128 packet opens with a decryption written directly against RFC 4303', () => {
  const sa = espSa('aes-256-cbc', 'hmac-sha-256-128');
  const inner = innerPing(3);
  const packet = espEncapsulate(sa, 3, inner, seededRandom(3));
  const icv = packet.subarray(packet.length - 16);
  assert.deepEqual(icv, createHmac('sha256', sa.integrityKey!).update(packet.subarray(0, packet.length - 16)).digest().subarray(0, 16));
  const d = createDecipheriv('aes-256-cbc', sa.encryptionKey, packet.subarray(8, 24)).setAutoPadding(false);
  const plain = Buffer.concat([d.update(packet.subarray(24, packet.length - 16)), d.final()]);
  const padLength = plain[plain.length - 2]!;
  assert.equal(plain[plain.length - 1], 4);
  assert.deepEqual(plain.subarray(0, plain.length - 2 - padLength), inner);
  assert.deepEqual([...plain.subarray(plain.length - 2 - padLength, plain.length - 2)], Array.from({ length: padLength }, (_, i) => i + 1));
  assert.equal((plain.length) % 16, 0);
});

test('a flipped bit anywhere after the SPI is an authentication failure (fast-check)', () => {
  for (const [cipher, integrity] of [['3des-cbc', 'hmac-sha1-96'], ['aes-128-cbc', 'hmac-md5-96'], ['aes-256-cbc', 'hmac-sha-256-128'], ['aes-128-gcm', undefined]] as Array<[CipherName, IntegrityName | undefined]>) {
    const sa = espSa(cipher, integrity);
    const packet = espEncapsulate(sa, 1000, innerPing(), seededRandom(cipher));
    fc.assert(fc.property(fc.integer({ min: 32, max: packet.length * 8 - 1 }), (bit) => {
      const tampered = Buffer.from(packet);
      tampered[bit >> 3]! ^= 1 << (bit & 7);
      const result = espDecapsulate(sa, tampered, new ReplayWindow(64));
      assert.equal(result.ok, false);
      assert.equal(result.ok ? '' : result.failure, 'auth-failure', `${cipher} bit ${bit}`);
    }), { numRuns: 150 });
  }
});

test('replayed and too-old packets are refused before the ICV; the window moves only on success', () => {
  const sa = espSa('aes-128-cbc', 'hmac-sha1-96');
  const window = new ReplayWindow(64);
  const random = seededRandom('replay');
  const p1 = espEncapsulate(sa, 1, innerPing(1), random);
  const p100 = espEncapsulate(sa, 100, innerPing(2), random);
  assert.ok(espDecapsulate(sa, p1, window).ok);
  const again = espDecapsulate(sa, p1, window);
  assert.equal(again.ok ? '' : again.failure, 'replay');
  const forged = Buffer.from(p100); forged[forged.length - 1]! ^= 0xff;
  assert.equal((espDecapsulate(sa, forged, window) as { failure: string }).failure, 'auth-failure');
  assert.equal(window.highest, 1, 'a forged packet does not move the window');
  assert.ok(espDecapsulate(sa, p100, window).ok);
  const late = espEncapsulate(sa, 30, innerPing(3), random);
  const tooOld = espDecapsulate(sa, late, window);
  assert.equal(tooOld.ok ? '' : tooOld.failure, 'replay');
  assert.match(tooOld.ok ? '' : tooOld.detail, /too-old/);
  assert.ok(espDecapsulate(sa, p1, new ReplayWindow(0)).ok, 'no-anti-replay accepts a duplicate');
});

test('bad trailer, undecryptable length, short packet and foreign SPI have their own codes', () => {
  const sa = espSa('aes-128-cbc', 'hmac-sha1-96');
  const iv = Buffer.alloc(16, 9);
  const sealWith = (plaintext: Buffer) => {
    const enc = cbcEncrypt(sa.cipher, sa.encryptionKey, iv, plaintext);
    assert.ok(enc.ok);
    const header = Buffer.from('8606894f00000005', 'hex');
    const covered = Buffer.concat([header, iv, enc.output]);
    return Buffer.concat([covered, computeIcv(sa.integrity!, sa.integrityKey!, covered)]);
  };
  const badPadding = Buffer.concat([Buffer.alloc(12, 0x55), Buffer.from([9, 9]), Buffer.from([2, 4])]);
  assert.equal((espDecapsulate(sa, sealWith(badPadding)) as { failure: string }).failure, 'bad-trailer');
  const badPadLength = Buffer.concat([Buffer.alloc(14, 0x55), Buffer.from([200, 4])]);
  assert.equal((espDecapsulate(sa, sealWith(badPadLength)) as { failure: string }).failure, 'bad-trailer');
  const header = Buffer.from('8606894f00000006', 'hex');
  const ragged = Buffer.concat([header, iv, Buffer.alloc(20, 1)]);
  const raggedPacket = Buffer.concat([ragged, computeIcv(sa.integrity!, sa.integrityKey!, ragged)]);
  assert.equal((espDecapsulate(sa, raggedPacket) as { failure: string }).failure, 'decryption-failure');
  assert.equal((espDecapsulate(sa, Buffer.alloc(10)) as { failure: string }).failure, 'bad-header');
  const other = espEncapsulate({ ...sa, spi: 0x1000 }, 1, innerPing(), seededRandom(1));
  assert.equal((espDecapsulate(sa, other) as { failure: string }).failure, 'spi-mismatch');
});

test('random bytes never throw', () => {
  const suites = SUITES.map(([c, i]) => espSa(c, i));
  fc.assert(fc.property(fc.uint8Array({ maxLength: 120 }), (data) => {
    const packet = Buffer.from(data);
    if (packet.length >= 4) packet.writeUInt32BE(0x8606894f, 0);
    for (const sa of suites) espDecapsulate(sa, packet, new ReplayWindow(32));
  }), { numRuns: 300 });
});

test('SA from keying material: cipher key (+ GCM salt) first, then the integrity key', () => {
  const keymat = Buffer.from(Array.from({ length: 60 }, (_, i) => i));
  const cbc = espSaFromKeymat(0x100, cipherSpec('aes-128-cbc'), integritySpec('hmac-sha1-96'), keymat)!;
  assert.equal(espKeymatLength(cipherSpec('aes-128-cbc'), integritySpec('hmac-sha1-96')), 36);
  assert.deepEqual(cbc.encryptionKey, keymat.subarray(0, 16));
  assert.deepEqual(cbc.integrityKey, keymat.subarray(16, 36));
  const gcm = espSaFromKeymat(0x100, cipherSpec('aes-256-gcm'), undefined, keymat)!;
  assert.deepEqual(gcm.encryptionKey, keymat.subarray(0, 36));
  assert.equal(gcm.integrity, undefined);
  assert.equal(espSaFromKeymat(0x100, cipherSpec('3des-cbc'), integritySpec('hmac-sha-256-128'), keymat.subarray(0, 40)), undefined);
});
