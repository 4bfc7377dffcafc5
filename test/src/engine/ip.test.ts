// IPv4 / UDP / ICMP codecs: the textbook header checksum, round trips, checksums verified by an
// independent sum, DF refusal, fragmentation + reassembly (fast-check), garbage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { internetChecksum } from '../../../engine/src/wire/checksum';
import { decodeIcmp, encodeIcmp, IcmpCode, icmpError, IcmpType } from '../../../engine/src/wire/icmp';
import { clearDontFragment, decodeIpv4, encodeIpv4, fragmentIpv4, IpProtocol, parseIpv4Address, reassembleIpv4, type Ipv4Packet } from '../../../engine/src/wire/ipv4';
import { classifyNatTraversalPayload, decodeUdp, encodeUdp, ikeOnNatTraversalPort } from '../../../engine/src/wire/udp';

const packet = (payload: Buffer, extra: Partial<Ipv4Packet> = {}): Ipv4Packet => ({
  tos: 0, identification: 0x1c46, dontFragment: false, moreFragments: false, fragmentOffset: 0, ttl: 64,
  protocol: IpProtocol.udp, source: '10.1.15.1', destination: '10.1.15.2', options: Buffer.alloc(0), payload, ...extra,
});

test('the classic header example sums to 0xb861', () => {
  const header = Buffer.from('450000730000400040110000c0a80001c0a800c7', 'hex');
  assert.equal(internetChecksum(header), 0xb861);
  const encoded = encodeIpv4({ ...packet(Buffer.alloc(0x73 - 20)), identification: 0, dontFragment: true, ttl: 64, source: '192.168.0.1', destination: '192.168.0.199' });
  assert.equal(encoded.readUInt16BE(10), 0xb861);
});

test('IPv4 round trip; a corrupted header is a checksum problem', () => {
  const original = packet(Buffer.from('payload bytes'), { dontFragment: true, ttl: 3, tos: 0x10 });
  const bytes = encodeIpv4(original);
  const decoded = decodeIpv4(bytes);
  assert.ok(decoded.ok);
  assert.deepEqual(decoded.value, original);
  const bad = Buffer.from(bytes); bad[8] = 99;
  const result = decodeIpv4(bad);
  assert.equal(result.ok ? '' : result.problem.code, 'bad-checksum');
  assert.equal(parseIpv4Address('10.1.256.1'), undefined);
  assert.equal(parseIpv4Address('10.1.2'), undefined);
});

test('UDP checksum covers the pseudo-header: a sum over pseudo-header + datagram is 0', () => {
  const udp = encodeUdp({ sourcePort: 500, destinationPort: 500, payload: Buffer.from('ike bytes') }, '10.1.15.1', '10.1.15.2');
  const pseudo = Buffer.from('0a010f010a010f02' + '0011' + udp.length.toString(16).padStart(4, '0'), 'hex');
  assert.equal(internetChecksum(pseudo, udp), 0);
  const decoded = decodeUdp(udp, '10.1.15.1', '10.1.15.2');
  assert.ok(decoded.ok && decoded.value.payload.toString() === 'ike bytes');
  assert.equal(decodeUdp(udp, '10.1.15.1', '10.1.15.3').ok, false, 'wrong destination breaks the checksum');
});

test('port 4500 payloads: keepalive, IKE behind the zero marker, ESP otherwise (RFC 3948)', () => {
  assert.deepEqual(classifyNatTraversalPayload(Buffer.from([0xff])), { kind: 'keepalive' });
  const ike = Buffer.from('1122334455667788', 'hex');
  assert.deepEqual(classifyNatTraversalPayload(ikeOnNatTraversalPort(ike)), { kind: 'ike', message: ike });
  const esp = Buffer.from('8606894f00000001aabbccdd', 'hex');
  assert.deepEqual(classifyNatTraversalPayload(esp), { kind: 'esp', packet: esp });
  assert.deepEqual(classifyNatTraversalPayload(Buffer.from([1, 2])), { kind: 'invalid' });
});

test('ICMP echo round trip with checksum', () => {
  const echo = { type: IcmpType.echoRequest, code: 0, identifier: 7, sequence: 1, data: Buffer.alloc(56, 0x61) };
  const bytes = encodeIcmp(echo);
  assert.equal(internetChecksum(bytes), 0);
  const decoded = decodeIcmp(bytes);
  assert.ok(decoded.ok);
  assert.deepEqual(decoded.value, echo);
  bytes[9]! ^= 1;
  assert.equal(decodeIcmp(bytes).ok, false);
});

test('DF set and too big for the MTU is refused; otherwise fragments fit and reassemble (fast-check)', () => {
  const big = packet(Buffer.alloc(1600, 1), { dontFragment: true });
  assert.deepEqual(fragmentIpv4(big, 1500), { ok: false, reason: 'dont-fragment', mtu: 1500 });
  const cleared = fragmentIpv4(clearDontFragment(big), 1500);
  assert.ok(cleared.ok && cleared.fragments.length === 2, 'clear-dont-fragment-bit lets it through in two pieces');
  fc.assert(fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 68, max: 1500 }), fc.boolean(), (length, mtu, shuffle) => {
    const payload = Buffer.alloc(length);
    for (let i = 0; i < length; i++) payload[i] = i & 0xff;
    const original = packet(payload);
    const result = fragmentIpv4(original, mtu);
    assert.ok(result.ok);
    for (const fragment of result.fragments) {
      const bytes = encodeIpv4(fragment);
      assert.ok(bytes.length <= mtu);
      const back = decodeIpv4(bytes);
      assert.ok(back.ok);
      assert.deepEqual(back.value, fragment);
    }
    const pieces = shuffle ? [...result.fragments].reverse() : result.fragments;
    assert.deepEqual(reassembleIpv4(pieces), original);
    if (result.fragments.length > 1) assert.equal(reassembleIpv4(result.fragments.slice(1)), undefined);
  }), { numRuns: 200 });
});

test('ICMP errors quote the offending header and 8 bytes; fragmentation-needed carries the MTU', () => {
  const offending = encodeIpv4(packet(Buffer.alloc(100, 7), { dontFragment: true }));
  const error = icmpError(IcmpType.destinationUnreachable, IcmpCode.fragmentationNeeded, offending, 1400);
  assert.equal(error.data.length, 28);
  assert.deepEqual(error.data, offending.subarray(0, 28));
  const decoded = decodeIcmp(encodeIcmp(error));
  assert.ok(decoded.ok);
  assert.equal(decoded.value.sequence, 1400);
  assert.equal(icmpError(IcmpType.timeExceeded, IcmpCode.ttlExceededInTransit, Buffer.alloc(0)).data.length, 0);
});

test('garbage never throws', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
    const b = Buffer.from(data);
    decodeIpv4(b); decodeUdp(b, '1.2.3.4', '5.6.7.8'); decodeIcmp(b);
  }), { numRuns: 500 });
});
