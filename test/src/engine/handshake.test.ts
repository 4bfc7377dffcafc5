// The foundations composed by hand, the way the SA layer will drive them: R2 and R3 (the seed's IKE peers)
// run IKEv2 IKE_SA_INIT + IKE_AUTH and IKEv1 Main Mode over the in-memory network with real DH, keys,
// AUTH/HASH and encryption, then carry a ping in ESP with the child SA keys. Different pre-shared keys
// must show up exactly where a router sees them: the AUTH (IKEv2) or message 5 (IKEv1) does not verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cipherSpec } from '../../../engine/src/crypto/ciphers';
import { dhGroup } from '../../../engine/src/crypto/dh-groups';
import { createKeyExchange } from '../../../engine/src/crypto/diffie-hellman';
import { deriveIkev1Phase1Keys, ikev1HashI, ikev1Phase1Iv } from '../../../engine/src/crypto/ikev1-keys';
import { deriveIkev2ChildKeys, deriveIkev2SaKeys, ikev2PskAuth } from '../../../engine/src/crypto/ikev2-keys';
import { integritySpec } from '../../../engine/src/crypto/integrity';
import { seededRandom } from '../../../engine/src/crypto/random';
import { SimulatedClock } from '../../../engine/src/net/clock';
import { InMemoryNetwork, type ReceivedUdp } from '../../../engine/src/net/network';
import { espDecapsulate, espEncapsulate, espKeymatLength, espSaFromKeymat } from '../../../engine/src/wire/esp';
import { Ikev1IdType } from '../../../engine/src/wire/ikev1/constants';
import { decodeIkev1Message, decryptIkev1Message, encryptIkev1Message, payloadBody } from '../../../engine/src/wire/ikev1/message';
import { IKEV2_MESSAGE_RULES } from '../../../engine/src/wire/ikev2/exchange-rules';
import { decodeIkev2Message, decryptIkev2Message, encodeIkev2Message, encryptIkev2Message, ikev2PayloadBody, skKeysForSender, type Ikev2Message } from '../../../engine/src/wire/ikev2/message';
import type { Ikev2Payload } from '../../../engine/src/wire/ikev2/payloads';
import { ikev2IdFromAddress, trafficSelectorFromPrefix } from '../../../engine/src/wire/ikev2/traffic-selectors';
import { checkMessageRule } from '../../../engine/src/wire/message-rules';
import { ReplayWindow } from '../../../engine/src/wire/replay-window';
import { ikeSaInitRequest, innerPing, mainModeMessage1 } from './fixtures';

const R2 = '10.1.15.1';
const R3 = '10.1.15.2';
const find = <K extends Ikev2Payload['kind']>(message: Ikev2Message, kind: K) => message.payloads.find((p) => p.kind === kind) as Extract<Ikev2Payload, { kind: K }>;

function ikev2Exchange(pskR2: string, pskR3: string) {
  const random = seededRandom('handshake');
  const clock = new SimulatedClock();
  const network = new InMemoryNetwork(clock, { latencyMs: 2 });
  const inbox: ReceivedUdp[] = [];
  network.bindUdp(R3, 500, (d) => inbox.push(d));
  network.bindUdp(R2, 500, (d) => inbox.push(d));
  const send = (source: string, destination: string, payload: Buffer) => {
    network.sendUdp({ source, sourcePort: 500, destination, destinationPort: 500, payload });
    clock.runUntilIdle();
    return inbox.shift()!.payload;
  };
  const group = dhGroup(14)!;
  const cipher = cipherSpec('aes-256-cbc'), integrity = integritySpec('hmac-sha-256-128');

  // IKE_SA_INIT: R2 -> R3 and back, each with its own KE and nonce.
  const kxI = createKeyExchange(group, random), nonceI = random.bytes(32), spiI = random.bytes(8);
  const base = ikeSaInitRequest();
  const request: Ikev2Message = { ...base, initiatorSpi: spiI, payloads: [base.payloads[0]!, { kind: 'keyExchange', dhGroup: 14, data: kxI.publicValue }, { kind: 'nonce', data: nonceI }] };
  const requestBytes = encodeIkev2Message(request);
  const atR3 = decodeIkev2Message(send(R2, R3, requestBytes));
  assert.ok(atR3.ok);
  assert.deepEqual(checkMessageRule(IKEV2_MESSAGE_RULES.ikeSaInitRequest, atR3.value.message.payloads.map((p) => p.kind)), []);
  const kxR = createKeyExchange(group, random), nonceR = random.bytes(32), spiR = random.bytes(8);
  const response: Ikev2Message = { ...request, responderSpi: spiR, flags: 0x20, payloads: [base.payloads[0]!, { kind: 'keyExchange', dhGroup: 14, data: kxR.publicValue }, { kind: 'nonce', data: nonceR }] };
  const responseBytes = encodeIkev2Message(response);
  const atR2 = decodeIkev2Message(send(R3, R2, responseBytes));
  assert.ok(atR2.ok);

  // Both sides derive the IKE SA keys from their own view.
  const sharedI = kxI.computeSharedSecret(find(atR2.value.message, 'keyExchange').data);
  const sharedR = kxR.computeSharedSecret(find(atR3.value.message, 'keyExchange').data);
  assert.ok(sharedI.ok && sharedR.ok);
  const derive = (sharedSecret: Buffer) => deriveIkev2SaKeys({ prf: 'sha256', nonceI, nonceR, sharedSecret, spiI, spiR, integrityKeyLength: integrity.keyLength, encryptionKeyLength: cipher.keyLength });
  const keysI = derive(sharedI.sharedSecret), keysR = derive(sharedR.sharedSecret);
  assert.deepEqual(keysI, keysR);

  // IKE_AUTH: R2 proves the PSK; R3 recomputes AUTH with its own PSK.
  const idI = ikev2IdFromAddress(R2)!;
  const authI = ikev2PskAuth({ prf: 'sha256', preSharedKey: Buffer.from(pskR2), firstMessage: requestBytes, peerNonce: nonceR, skP: keysI.skPi, idBody: ikev2PayloadBody({ kind: 'idInitiator', ...idI }) });
  const espSpiI = random.bytes(4);
  const auth: Ikev2Message = { ...request, responderSpi: spiR, exchangeType: 35, messageId: 1, payloads: [
    { kind: 'idInitiator', ...idI }, { kind: 'authentication', authMethod: 2, data: authI },
    { kind: 'sa', proposals: [{ proposalNumber: 1, protocolId: 3, spi: espSpiI, transforms: [{ transformType: 1, transformId: 20, attributes: [{ type: 14, value: 128 }] }, { transformType: 5, transformId: 0, attributes: [] }] }] },
    { kind: 'tsInitiator', selectors: [trafficSelectorFromPrefix('10.1.12.0/24')!] }, { kind: 'tsResponder', selectors: [trafficSelectorFromPrefix('10.1.56.0/24')!] },
  ] };
  const sealed = encryptIkev2Message(auth, skKeysForSender(keysI, 'initiator', cipher, integrity), random.bytes(16));
  assert.ok(sealed.ok);
  const received = decodeIkev2Message(send(R2, R3, sealed.value));
  assert.ok(received.ok);
  const opened = decryptIkev2Message(received.value, skKeysForSender(keysR, 'initiator', cipher, integrity));
  assert.ok(opened.ok);
  assert.deepEqual(checkMessageRule(IKEV2_MESSAGE_RULES.ikeAuthRequest, opened.value.payloads.map((p) => p.kind)), []);
  const expected = ikev2PskAuth({ prf: 'sha256', preSharedKey: Buffer.from(pskR3), firstMessage: requestBytes, peerNonce: nonceR, skP: keysR.skPi, idBody: ikev2PayloadBody(find(opened.value, 'idInitiator')) });
  return { authVerified: expected.equals(find(opened.value, 'authentication').data), keysI, keysR, nonceI, nonceR, random, network };
}

test('IKEv2: same pre-shared key -> AUTH verifies, child SA keys carry a ping in AES-GCM ESP', () => {
  const run = ikev2Exchange('juniper123', 'juniper123');
  assert.equal(run.authVerified, true);
  const gcm = cipherSpec('aes-128-gcm');
  const childI = deriveIkev2ChildKeys({ prf: 'sha256', skD: run.keysI.skD, nonceI: run.nonceI, nonceR: run.nonceR, encryptionKeyLength: espKeymatLength(gcm), integrityKeyLength: 0 });
  const childR = deriveIkev2ChildKeys({ prf: 'sha256', skD: run.keysR.skD, nonceI: run.nonceI, nonceR: run.nonceR, encryptionKeyLength: espKeymatLength(gcm), integrityKeyLength: 0 });
  const outbound = espSaFromKeymat(0xc0de0001, gcm, undefined, childI.encryptionKeyI)!;
  const inbound = espSaFromKeymat(0xc0de0001, gcm, undefined, childR.encryptionKeyI)!;
  const packet = espEncapsulate(outbound, 1, innerPing(1), run.random);
  const result = espDecapsulate(inbound, packet, new ReplayWindow(128));
  assert.ok(result.ok);
  assert.deepEqual(result.payload, innerPing(1));
  assert.equal(run.network.records.length, 3);
});

test('IKEv2: different pre-shared keys -> the responder\'s AUTH check fails (everything else decrypts)', () => {
  assert.equal(ikev2Exchange('juniper123', 'juniper124').authVerified, false);
});

test('IKEv1 Main Mode: a different pre-shared key on R3 makes message 5 unreadable or its HASH_I wrong', () => {
  for (const [pskR3, expectVerified] of [['juniper123', true], ['juniper999', false]] as const) {
    const random = seededRandom('mm');
    const mm1 = mainModeMessage1();
    const cookieR = random.bytes(8), group = dhGroup(2)!;
    const kxI = createKeyExchange(group, random), kxR = createKeyExchange(group, random);
    const nonceI = random.bytes(16), nonceR = random.bytes(16);
    const sI = kxI.computeSharedSecret(kxR.publicValue), sR = kxR.computeSharedSecret(kxI.publicValue);
    assert.ok(sI.ok && sR.ok);
    const keys = (psk: string, shared: Buffer) => deriveIkev1Phase1Keys({ hash: 'sha1', preSharedKey: Buffer.from(psk), nonceI, nonceR, sharedSecret: shared, cookieI: mm1.initiatorCookie, cookieR, encryptionKeyLength: 24 });
    const kI = keys('juniper123', sI.sharedSecret), kR = keys(pskR3, sR.sharedSecret);
    const id = { kind: 'identification' as const, idType: Ikev1IdType.ipv4Address, protocolId: 17, port: 500, data: Buffer.from([10, 1, 15, 1]) };
    const authInput = (skeyid: Buffer) => ({ hash: 'sha1' as const, skeyid, publicI: kxI.publicValue, publicR: kxR.publicValue, cookieI: mm1.initiatorCookie, cookieR, saBodyI: payloadBody(mm1.payloads[0]!), idBody: payloadBody(id) });
    const iv = ikev1Phase1Iv('sha1', kxI.publicValue, kxR.publicValue, 8);
    const mm5 = encryptIkev1Message({ ...mm1, responderCookie: cookieR, payloads: [id, { kind: 'hash', data: ikev1HashI(authInput(kI.skeyid)) }] }, { cipher: cipherSpec('3des-cbc'), key: kI.encryptionKey, iv });
    assert.ok(mm5.ok);
    const received = decodeIkev1Message(mm5.value.bytes);
    assert.ok(received.ok);
    const opened = decryptIkev1Message(received.value, { cipher: cipherSpec('3des-cbc'), key: kR.encryptionKey, iv });
    const verified = opened.ok && opened.value.message.payloads.some((p) => p.kind === 'hash' && p.data.equals(ikev1HashI(authInput(kR.skeyid))));
    assert.equal(verified, expectVerified, pskR3);
  }
});
