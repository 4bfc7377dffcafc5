// AH tunnel mode (RFC 4302): round trip for each integrity algorithm, the ICV computed independently,
// mutable header fields (TTL) may change in transit, anything else fails authentication; replay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { integritySpec, INTEGRITY_ALGORITHMS } from '../../../engine/src/crypto/integrity';
import { ahEncapsulate, ahVerify, type AhSa } from '../../../engine/src/wire/ah';
import { decodeIpv4, encodeIpv4, IpProtocol } from '../../../engine/src/wire/ipv4';
import { ReplayWindow } from '../../../engine/src/wire/replay-window';
import { innerPing } from './fixtures';

const outer = { tos: 0, identification: 77, dontFragment: false, moreFragments: false, fragmentOffset: 0, ttl: 64, source: '10.1.15.1', destination: '10.1.15.2', options: Buffer.alloc(0) };
const sa = (name: Parameters<typeof integritySpec>[0]): AhSa => {
  const integrity = integritySpec(name);
  return { spi: 0x2001, integrity, integrityKey: Buffer.alloc(integrity.keyLength, 0x2b) };
};

test('every integrity algorithm round-trips; the AH length field and ICV padding follow RFC 4302', () => {
  for (const name of INTEGRITY_ALGORITHMS.keys()) {
    const ah = sa(name);
    const packet = ahEncapsulate(ah, 5, innerPing(), outer);
    const ip = decodeIpv4(packet);
    assert.ok(ip.ok && ip.value.protocol === IpProtocol.ah);
    const icvField = Math.ceil(ah.integrity.icvLength / 4) * 4;
    assert.equal(ip.value.payload[1], (12 + icvField) / 4 - 2, name);
    const verified = ahVerify(ah, packet, new ReplayWindow(64));
    assert.ok(verified.ok, name);
    assert.equal(verified.nextHeader, 4);
    assert.deepEqual(verified.payload, innerPing());
  }
});

test('the ICV covers the outer header with mutable fields zeroed, the AH with a zero ICV, and the payload', () => {
  const ah = sa('hmac-sha1-96');
  const packet = ahEncapsulate(ah, 9, innerPing(), outer);
  const header = Buffer.from(packet.subarray(0, 20));
  header[1] = 0; header.writeUInt16BE(0, 6); header[8] = 0; header.writeUInt16BE(0, 10);
  const ahBytes = Buffer.from(packet.subarray(20, 44)); ahBytes.fill(0, 12);
  const expected = createHmac('sha1', ah.integrityKey).update(header).update(ahBytes).update(packet.subarray(44)).digest().subarray(0, 12);
  assert.deepEqual(packet.subarray(32, 44), expected);
});

test('a router decrementing TTL does not break AH; a flipped payload or address bit does', () => {
  const ah = sa('hmac-sha-256-128');
  const packet = ahEncapsulate(ah, 1, innerPing(), outer);
  const decoded = decodeIpv4(packet);
  assert.ok(decoded.ok);
  assert.ok(ahVerify(ah, encodeIpv4({ ...decoded.value, ttl: 60 })).ok, 'TTL is mutable');
  const moved = encodeIpv4({ ...decoded.value, source: '10.1.15.9' });
  assert.equal((ahVerify(ah, moved) as { failure: string }).failure, 'auth-failure');
  fc.assert(fc.property(fc.integer({ min: 20 + 12 + 16, max: packet.length - 1 }), fc.integer({ min: 0, max: 7 }), (at, bit) => {
    const tampered = Buffer.from(packet);
    tampered[at]! ^= 1 << bit;
    assert.equal((ahVerify(ah, tampered) as { failure: string }).failure, 'auth-failure');
  }), { numRuns: 100 });
});

test('replay, foreign SPI and garbage', () => {
  const ah = sa('hmac-md5-96');
  const window = new ReplayWindow(32);
  const packet = ahEncapsulate(ah, 3, innerPing(), outer);
  assert.ok(ahVerify(ah, packet, window).ok);
  assert.equal((ahVerify(ah, packet, window) as { failure: string }).failure, 'replay');
  assert.equal((ahVerify({ ...ah, spi: 1 }, packet) as { failure: string }).failure, 'spi-mismatch');
  fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (data) => { ahVerify(ah, Buffer.from(data), window); }), { numRuns: 300 });
});
