// IKEv1 and IKEv2 codecs: a realistic Main Mode message 1 and IKE_SA_INIT byte-checked, round trips of
// every payload (decode(encode(x)) deep-equal, length == encodingLength) by example and by fast-check,
// encrypted messages both ways, tampering, verify rules, garbage never throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cipherSpec } from '../../../engine/src/crypto/ciphers';
import { integritySpec } from '../../../engine/src/crypto/integrity';
import { attributeNumber, numericAttribute, type Attribute, type Codec } from '../../../engine/src/wire/layout';
import { Ikev1Attribute, Ikev1IdType, Ikev1NotifyType } from '../../../engine/src/wire/ikev1/constants';
import { IKEV1_PAYLOADS, type Ikev1Payload } from '../../../engine/src/wire/ikev1/payloads';
import { decodeIkev1Message, decryptIkev1Message, encodeIkev1Message, encryptIkev1Message, payloadBody, verifyIkev1Message, type Ikev1Message } from '../../../engine/src/wire/ikev1/message';
import { Ikev2ExchangeType, Ikev2Flag, Ikev2PayloadType } from '../../../engine/src/wire/ikev2/constants';
import { IKEV2_PAYLOADS, type Ikev2Payload } from '../../../engine/src/wire/ikev2/payloads';
import { ikeSaInitRequest, mainModeMessage1 } from './fixtures';
import { decodeIkev2Message, decryptIkev2Message, encodeIkev2Message, encryptIkev2Message, verifyIkev2Message, type Ikev2Message } from '../../../engine/src/wire/ikev2/message';

const hex = (s: string) => Buffer.from(s, 'hex');

test('Main Mode message 1 has the RFC 2408 layout byte for byte', () => {
  const bytes = encodeIkev1Message(mainModeMessage1());
  assert.equal(bytes.readUInt32BE(24), bytes.length);
  assert.equal(bytes[16], 1, 'first payload SA');
  assert.equal(bytes[17], 0x10, 'version 1.0');
  assert.equal(bytes[18], 2, 'identity protection');
  // SA payload: generic header (next = VID 13), DOI 1, situation 1, proposal (next 0, length, #1, ISAKMP, SPI size 0, 1 transform).
  assert.equal(bytes.subarray(28, 30).toString('hex'), '0d00');
  assert.equal(bytes.subarray(32, 40).toString('hex'), '0000000100000001');
  assert.equal(bytes[40], 0);
  assert.equal(bytes.subarray(44, 48).toString('hex'), '01010001');
  // Transform: next 0, reserved, length 32 (8 + 6 TV attributes), #1, KEY_IKE, then TV 3DES.
  assert.equal(bytes.subarray(48, 60).toString('hex'), '000000200101000080010005');
  const decoded = decodeIkev1Message(bytes);
  assert.ok(decoded.ok);
  assert.deepEqual(decoded.value.message, mainModeMessage1());
  assert.deepEqual(verifyIkev1Message(decoded.value.message), []);
});

test('IKE_SA_INIT has the RFC 7296 layout and decodes back', () => {
  const bytes = encodeIkev2Message(ikeSaInitRequest());
  assert.equal(bytes[16], Ikev2PayloadType.sa);
  assert.equal(bytes[17], 0x20);
  assert.equal(bytes[18], 34);
  assert.equal(bytes[19], 0x08);
  const decoded = decodeIkev2Message(bytes);
  assert.ok(decoded.ok);
  assert.deepEqual(decoded.value.message, ikeSaInitRequest());
  assert.equal(decoded.value.encrypted, undefined);
  assert.deepEqual(verifyIkev2Message(decoded.value.message), []);
});

// ---------------------------------------------------------------- arbitraries

/** fc.record, as a plain object (decoded values have Object.prototype; deepStrictEqual compares it). */
const rec = <T extends Record<string, unknown>>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> => fc.record(model).map((r) => ({ ...r }) as T);
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((u) => Buffer.from(u));
const u8 = fc.integer({ min: 0, max: 255 });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const attribute: fc.Arbitrary<Attribute> = rec({ type: fc.integer({ min: 0, max: 0x7fff }), value: fc.oneof(u16, bytes(0, 12)) });
const attributes = fc.array(attribute, { maxLength: 6 });
const spiBytes = fc.constantFrom(0, 4, 8).chain((n) => bytes(n, n));

const v1Transform = rec({ transformNumber: u8, transformId: u8, attributes });
const v1Proposal = rec({ proposalNumber: u8, protocolId: u8, spi: spiBytes, transforms: fc.array(v1Transform, { maxLength: 4 }) });
const v1Payload: fc.Arbitrary<Ikev1Payload> = fc.oneof(
  rec({ kind: fc.constant('sa' as const), doi: u32, situation: u32, proposals: fc.array(v1Proposal, { maxLength: 3 }) }),
  rec({ kind: fc.constantFrom('keyExchange' as const, 'hash' as const, 'signature' as const, 'nonce' as const, 'vendorId' as const, 'natDiscovery' as const), data: bytes(0, 64) }),
  rec({ kind: fc.constant('identification' as const), idType: u8, protocolId: u8, port: u16, data: bytes(0, 32) }),
  rec({ kind: fc.constant('notification' as const), doi: u32, protocolId: u8, notifyType: u16, spi: spiBytes, data: bytes(0, 20) }),
  rec({ kind: fc.constant('delete' as const), doi: u32, protocolId: u8, spis: fc.constantFrom(4, 16).chain((n) => fc.array(bytes(n, n), { minLength: 1, maxLength: 4 })) }),
  rec({ kind: fc.constant('unknown' as const), type: fc.constantFrom(6, 7, 21, 130), body: bytes(0, 30) }),
);

const v2Transform = rec({ transformType: u8, transformId: u16, attributes });
const v2Proposal = rec({ proposalNumber: u8, protocolId: u8, spi: spiBytes, transforms: fc.array(v2Transform, { maxLength: 5 }) });
const selector = fc.constantFrom(4, 16).chain((n) => rec({ tsType: fc.constant(n === 4 ? 7 : 8), ipProtocol: u8, startPort: u16, endPort: u16, startAddress: bytes(n, n), endAddress: bytes(n, n) }));
const v2Payload: fc.Arbitrary<Ikev2Payload> = fc.oneof(
  rec({ kind: fc.constant('sa' as const), proposals: fc.array(v2Proposal, { maxLength: 3 }) }),
  rec({ kind: fc.constant('keyExchange' as const), dhGroup: u16, data: bytes(0, 96) }),
  rec({ kind: fc.constantFrom('idInitiator' as const, 'idResponder' as const), idType: u8, data: bytes(0, 24) }),
  rec({ kind: fc.constant('authentication' as const), authMethod: u8, data: bytes(0, 32) }),
  rec({ kind: fc.constantFrom('nonce' as const, 'vendorId' as const), data: bytes(0, 64) }),
  rec({ kind: fc.constant('notify' as const), protocolId: u8, notifyType: u16, spi: spiBytes, data: bytes(0, 24) }),
  rec({ kind: fc.constant('delete' as const), protocolId: u8, spis: fc.array(bytes(4, 4), { maxLength: 4 }) }),
  rec({ kind: fc.constantFrom('tsInitiator' as const, 'tsResponder' as const), selectors: fc.array(selector, { maxLength: 3 }) }),
  rec({ kind: fc.constant('unknown' as const), type: fc.constantFrom(37, 38, 47, 48, 200), critical: fc.boolean(), body: bytes(0, 30) }),
);

function roundTrip<T>(codec: Codec<T>, value: T): void {
  const encoded = codec.encode(value);
  assert.equal(encoded.length, codec.encodingLength(value), codec.name);
  const decoded = codec.decode(encoded);
  assert.ok(decoded.ok, `${codec.name}: ${decoded.ok ? '' : decoded.problem.message}`);
  assert.deepEqual(decoded.value, value);
  assert.deepEqual(codec.encode(decoded.value), encoded, `${codec.name} re-encode`);
}

const strip = <T extends { kind: string }>(payload: T) => { const { kind: _kind, ...rest } = payload; return rest; };

test('every IKEv1 payload round-trips (fast-check), alone and in a message', () => {
  fc.assert(fc.property(v1Payload, (payload) => {
    if (payload.kind !== 'unknown') roundTrip(IKEV1_PAYLOADS[payload.kind].codec as Codec<unknown>, strip(payload));
  }), { numRuns: 400 });
  fc.assert(fc.property(fc.array(v1Payload, { maxLength: 6 }), u32, (payloads, messageId) => {
    const message: Ikev1Message = { initiatorCookie: Buffer.alloc(8, 1), responderCookie: Buffer.alloc(8, 2), exchangeType: 32, flags: 0, messageId, payloads };
    const decoded = decodeIkev1Message(encodeIkev1Message(message));
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value.message, message);
  }), { numRuns: 200 });
});

test('every IKEv2 payload round-trips (fast-check), alone and in a message', () => {
  fc.assert(fc.property(v2Payload, (payload) => {
    if (payload.kind !== 'unknown') roundTrip(IKEV2_PAYLOADS[payload.kind].codec as Codec<unknown>, strip(payload));
  }), { numRuns: 400 });
  fc.assert(fc.property(fc.array(v2Payload, { maxLength: 6 }), u32, (payloads, messageId) => {
    const message: Ikev2Message = { initiatorSpi: Buffer.alloc(8, 1), responderSpi: Buffer.alloc(8, 2), exchangeType: 37, flags: Ikev2Flag.response, messageId, payloads };
    const decoded = decodeIkev2Message(encodeIkev2Message(message));
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value.message, message);
  }), { numRuns: 200 });
});

test('TV/TLV attributes: numbers above 16 bits go as TLV and read back', () => {
  const life = numericAttribute(Ikev1Attribute.lifeDuration, 86400);
  assert.ok(Buffer.isBuffer(life.value));
  assert.equal(attributeNumber(life), 86400);
  assert.equal(attributeNumber(numericAttribute(12, 3600)), 3600);
  const transform = { transformNumber: 1, transformId: 1, attributes: [life, { type: 1, value: 7 }, { type: 14, value: 256 }] };
  const sa = { doi: 1, situation: 1, proposals: [{ proposalNumber: 1, protocolId: 1, spi: Buffer.alloc(0), transforms: [transform] }] };
  roundTrip(IKEV1_PAYLOADS.sa.codec as Codec<unknown>, sa);
  // TLV header: AF=0, type 12, length 4, value 0x00015180
  assert.ok(IKEV1_PAYLOADS.sa.codec.encode(sa as never).includes(hex('000c000400015180')));
});

test('IKEv1 encrypted messages: 3DES and AES-CBC round trip with IV chaining; wrong key never throws', () => {
  for (const name of ['3des-cbc', 'aes-128-cbc', 'aes-256-cbc'] as const) {
    const cipher = cipherSpec(name);
    const key = Buffer.alloc(cipher.keyLength, 0x3c), iv = Buffer.alloc(cipher.blockSize, 0x11);
    const message: Ikev1Message = { ...mainModeMessage1(), responderCookie: Buffer.alloc(8, 9), payloads: [
      { kind: 'identification', idType: Ikev1IdType.ipv4Address, protocolId: 17, port: 500, data: hex('0a010f01') },
      { kind: 'hash', data: Buffer.alloc(20, 0x77) },
    ] };
    const sealed = encryptIkev1Message(message, { cipher, key, iv });
    assert.ok(sealed.ok);
    assert.equal(sealed.value.bytes[19]! & 1, 1, 'E flag');
    assert.equal((sealed.value.bytes.length - 28) % cipher.blockSize, 0);
    assert.deepEqual(sealed.value.lastBlock, sealed.value.bytes.subarray(sealed.value.bytes.length - cipher.blockSize));
    const received = decodeIkev1Message(sealed.value.bytes);
    assert.ok(received.ok && received.value.ciphertext !== undefined);
    const opened = decryptIkev1Message(received.value, { cipher, key, iv });
    assert.ok(opened.ok, name);
    assert.deepEqual(opened.value.message.payloads, message.payloads);
    assert.deepEqual(opened.value.lastBlock, sealed.value.lastBlock);
    const body = payloadBody(message.payloads[0]!);
    assert.equal(body.toString('hex'), '011101f40a010f01');
    const wrong = decryptIkev1Message(received.value, { cipher, key: Buffer.alloc(cipher.keyLength, 0xa5), iv }); // (0x3d would be the same DES key: parity bits)
    assert.ok(!wrong.ok || JSON.stringify(wrong.value.message.payloads) !== JSON.stringify(message.payloads));
  }
});

test('IKEv2 SK payload: CBC+HMAC and AES-GCM round trip; a flipped bit fails the checksum', () => {
  const inner: Ikev2Payload[] = [
    { kind: 'idInitiator', idType: 1, data: hex('0a010f01') },
    { kind: 'authentication', authMethod: 2, data: Buffer.alloc(32, 0x42) },
    { kind: 'tsInitiator', selectors: [{ tsType: 7, ipProtocol: 0, startPort: 0, endPort: 65535, startAddress: hex('0a010c00'), endAddress: hex('0a010cff') }] },
  ];
  const message: Ikev2Message = { initiatorSpi: Buffer.alloc(8, 1), responderSpi: Buffer.alloc(8, 2), exchangeType: Ikev2ExchangeType.ikeAuth, flags: Ikev2Flag.initiator, messageId: 1, payloads: inner };
  const suites = [
    { cipher: cipherSpec('aes-256-cbc'), encryptionKey: Buffer.alloc(32, 5), integrity: integritySpec('hmac-sha-256-128'), integrityKey: Buffer.alloc(32, 6), iv: Buffer.alloc(16, 7) },
    { cipher: cipherSpec('3des-cbc'), encryptionKey: Buffer.alloc(24, 5), integrity: integritySpec('hmac-sha1-96'), integrityKey: Buffer.alloc(20, 6), iv: Buffer.alloc(8, 7) },
    { cipher: cipherSpec('aes-256-gcm'), encryptionKey: Buffer.alloc(36, 5), iv: Buffer.alloc(8, 7) },
  ];
  for (const { iv, ...keys } of suites) {
    const sealed = encryptIkev2Message(message, keys, iv);
    assert.ok(sealed.ok, keys.cipher.name);
    assert.equal(sealed.value[16], Ikev2PayloadType.encrypted);
    assert.equal(sealed.value[28], Ikev2PayloadType.idInitiator, 'SK next payload = first inner payload');
    const received = decodeIkev2Message(sealed.value);
    assert.ok(received.ok && received.value.encrypted !== undefined);
    const opened = decryptIkev2Message(received.value, keys);
    assert.ok(opened.ok, keys.cipher.name);
    assert.deepEqual(opened.value.payloads, inner);
    for (const position of [5, 40, sealed.value.length - 1]) {
      const tampered = Buffer.from(sealed.value); tampered[position]! ^= 0x01;
      const again = decodeIkev2Message(tampered);
      if (!again.ok) continue;
      const result = decryptIkev2Message(again.value, keys);
      assert.equal(result.ok, false);
      assert.equal(result.failure, 'integrity', `${keys.cipher.name} byte ${position}`);
    }
  }
});

test('verify rules catch semantic errors that decode accepts', () => {
  assert.equal(IKEV2_PAYLOADS.nonce.codec.verify({ data: Buffer.alloc(8) } as never).length, 1);
  assert.equal(IKEV1_PAYLOADS.identification.codec.verify({ idType: Ikev1IdType.ipv4Address, protocolId: 0, port: 0, data: Buffer.alloc(3) } as never).length, 1);
  assert.equal(IKEV2_PAYLOADS.sa.codec.verify({ proposals: [{ proposalNumber: 2, protocolId: 1, spi: Buffer.alloc(0), transforms: [] }] } as never).length, 2);
  assert.equal(IKEV1_PAYLOADS.notification.codec.verify({ doi: 1, protocolId: 1, notifyType: Ikev1NotifyType.noProposalChosen, spi: Buffer.alloc(0), data: Buffer.alloc(0) } as never).length, 0);
  const ts = { selectors: [{ tsType: 7, ipProtocol: 0, startPort: 9, endPort: 1, startAddress: hex('0a000002'), endAddress: hex('0a000001') }] };
  assert.equal(IKEV2_PAYLOADS.tsInitiator.codec.verify(ts as never).length, 2);
});

test('structural errors are problems: bad lengths, counts, truncation, wrong version', () => {
  const good = encodeIkev1Message(mainModeMessage1());
  const short = Buffer.from(good.subarray(0, good.length - 3)); short.writeUInt32BE(short.length, 24);
  assert.equal(decodeIkev1Message(short).ok, false);
  const lengthLie = Buffer.from(good); lengthLie.writeUInt32BE(good.length + 4, 24);
  assert.equal(decodeIkev1Message(lengthLie).ok, false);
  const countLie = Buffer.from(good); countLie[47] = 2; // proposal claims 2 transforms
  const counted = decodeIkev1Message(countLie);
  assert.equal(counted.ok, false);
  assert.equal(counted.ok ? '' : counted.problem.code, 'count-mismatch');
  assert.equal(decodeIkev2Message(good).ok, false, 'IKEv1 bytes are not IKEv2');
  assert.equal(decodeIkev1Message(encodeIkev2Message(ikeSaInitRequest())).ok, false);
});

test('garbage never throws (fast-check over random bytes and mutated real messages)', () => {
  const decoders: Array<(b: Buffer) => unknown> = [
    decodeIkev1Message, decodeIkev2Message,
    ...Object.values(IKEV1_PAYLOADS).map((p) => (b: Buffer) => p.codec.decode(b)),
    ...Object.values(IKEV2_PAYLOADS).map((p) => (b: Buffer) => p.codec.decode(b)),
  ];
  fc.assert(fc.property(bytes(0, 200), (data) => { for (const decode of decoders) decode(data); }), { numRuns: 500 });
  // Random ciphertext behind a valid encrypted IKEv1 header decrypts to garbage: a problem, never a throw.
  fc.assert(fc.property(fc.integer({ min: 0, max: 12 }).chain((blocks) => bytes(blocks * 8, blocks * 8)), u8, (ciphertext, firstType) => {
    const header = Buffer.from(encodeIkev1Message({ ...mainModeMessage1(), flags: 0, payloads: [] }));
    header[16] = firstType; header[19] = 1; header.writeUInt32BE(28 + ciphertext.length, 24);
    const received = decodeIkev1Message(Buffer.concat([header, ciphertext]));
    assert.ok(received.ok);
    decryptIkev1Message(received.value, { cipher: cipherSpec('3des-cbc'), key: Buffer.alloc(24, 7), iv: Buffer.alloc(8) });
  }), { numRuns: 300 });
  const seeds = [encodeIkev1Message(mainModeMessage1()), encodeIkev2Message(ikeSaInitRequest())];
  fc.assert(fc.property(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), u8), { minLength: 1, maxLength: 6 }), (seed, edits) => {
    const mutated = Buffer.from(seed);
    for (const [at, value] of edits) mutated[at % mutated.length] = value;
    const v1 = decodeIkev1Message(mutated);
    if (v1.ok && v1.value.ciphertext !== undefined) decryptIkev1Message(v1.value, { cipher: cipherSpec('3des-cbc'), key: Buffer.alloc(24, 1), iv: Buffer.alloc(8) });
    const received = decodeIkev2Message(mutated);
    if (received.ok && received.value.encrypted) decryptIkev2Message(received.value, { cipher: cipherSpec('aes-128-cbc'), encryptionKey: Buffer.alloc(16), integrity: integritySpec('hmac-sha1-96'), integrityKey: Buffer.alloc(20) });
  }), { numRuns: 500 });
});
