// IKEv2 key derivation: NIST CAVS samples (SKEYSEED, prf+ -> SK_d, rekey SKEYSEED), key split order,
// child SA KEYMAT and PSK AUTH against the RFC 7296 formulas written out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { deriveIkev2ChildKeys, deriveIkev2SaKeys, ikev2PskAuth, ikev2RekeySkeyseed } from '../../../engine/src/crypto/ikev2-keys';
import { prfPlus } from '../../../engine/src/crypto/prf';
import { cipherSpec } from '../../../engine/src/crypto/ciphers';
import { integritySpec } from '../../../engine/src/crypto/integrity';
import { skKeysForSender } from '../../../engine/src/wire/ikev2/message';

const hex = (s: string) => Buffer.from(s, 'hex');
const hmac = (alg: string, key: Buffer, ...parts: Buffer[]) => { const m = createHmac(alg, key); parts.forEach((p) => m.update(p)); return m.digest(); };

test('NIST CAVS IKEv2 (HMAC-SHA1): SKEYSEED, SK_d as the first prf+ bytes, rekeyed SKEYSEED', () => {
  const nonceI = hex('32b50d5f4a3763f3'), nonceR = hex('9206a04b26564cb1');
  const keys = deriveIkev2SaKeys({
    prf: 'sha1', nonceI, nonceR, sharedSecret: hex('4b2c1f971981a8ad8d0abeafabf38cf75fc8349c148142465ed9c8b516b8be52'),
    spiI: hex('34c9e7c188868785'), spiR: hex('3ff77d760d2b2199'), integrityKeyLength: 20, encryptionKeyLength: 16,
  });
  assert.equal(keys.skeyseed.toString('hex'), 'a9a7b222b59f8f48645f28a1db5b5f5d7479cba7');
  assert.equal(keys.skD.toString('hex'), 'a14293677cc80ff8f9cc0eee30d895da9d8f4056');
  assert.equal(keys.skAi.toString('hex'), '66e30ef0dfcb63c634a46002a2a63080e514a062');
  const rekeyed = ikev2RekeySkeyseed('sha1', keys.skD, hex('863f3c9d06efd39d2b907b97f8699e5dd5251ef64a2a176f36ee40c87d4f9330'), nonceI, nonceR);
  assert.equal(rekeyed.toString('hex'), '63e81194946ebd05df7df5ebf5d8750056bf1f1d');
});

test('SK_* are consecutive slices of prf+ in the order d, ai, ar, ei, er, pi, pr', () => {
  const input = { prf: 'sha256' as const, nonceI: Buffer.alloc(32, 1), nonceR: Buffer.alloc(32, 2), sharedSecret: Buffer.alloc(256, 3), spiI: Buffer.alloc(8, 4), spiR: Buffer.alloc(8, 5), integrityKeyLength: 32, encryptionKeyLength: 32 };
  const keys = deriveIkev2SaKeys(input);
  const skeyseed = hmac('sha256', Buffer.concat([input.nonceI, input.nonceR]), input.sharedSecret);
  const stream = prfPlus('sha256', skeyseed, Buffer.concat([input.nonceI, input.nonceR, input.spiI, input.spiR]), 32 * 7);
  assert.deepEqual(Buffer.concat([keys.skD, keys.skAi, keys.skAr, keys.skEi, keys.skEr, keys.skPi, keys.skPr]), stream);
  const fromInitiator = skKeysForSender(keys, 'initiator', cipherSpec('aes-256-cbc'), integritySpec('hmac-sha-256-128'));
  const fromResponder = skKeysForSender(keys, 'responder', cipherSpec('aes-256-cbc'), integritySpec('hmac-sha-256-128'));
  assert.deepEqual([fromInitiator.encryptionKey, fromInitiator.integrityKey], [keys.skEi, keys.skAi]);
  assert.deepEqual([fromResponder.encryptionKey, fromResponder.integrityKey], [keys.skEr, keys.skAr]);
});

test('child SA KEYMAT: encr_i, integ_i, encr_r, integ_r, with and without PFS', () => {
  const skD = Buffer.alloc(32, 7), ni = Buffer.alloc(32, 8), nr = Buffer.alloc(32, 9), gir = Buffer.alloc(256, 10);
  const plain = deriveIkev2ChildKeys({ prf: 'sha256', skD, nonceI: ni, nonceR: nr, encryptionKeyLength: 32, integrityKeyLength: 32 });
  const stream = prfPlus('sha256', skD, Buffer.concat([ni, nr]), 128);
  assert.deepEqual(Buffer.concat([plain.encryptionKeyI, plain.integrityKeyI, plain.encryptionKeyR, plain.integrityKeyR]), stream);
  const pfs = deriveIkev2ChildKeys({ prf: 'sha256', skD, nonceI: ni, nonceR: nr, pfsSharedSecret: gir, encryptionKeyLength: 36, integrityKeyLength: 0 });
  const pfsStream = prfPlus('sha256', skD, Buffer.concat([gir, ni, nr]), 72);
  assert.deepEqual(pfs.encryptionKeyI, pfsStream.subarray(0, 36));
  assert.deepEqual(pfs.encryptionKeyR, pfsStream.subarray(36, 72));
  assert.equal(pfs.integrityKeyI.length, 0);
});

test('PSK AUTH = prf(prf(PSK, "Key Pad for IKEv2"), message | nonce | prf(SK_p, ID body))', () => {
  const input = { prf: 'sha1' as const, preSharedKey: Buffer.from('juniper123'), firstMessage: Buffer.from('IKE_SA_INIT bytes'), peerNonce: Buffer.alloc(32, 6), skP: Buffer.alloc(20, 5), idBody: hex('01000000c0a80101') };
  const expected = hmac('sha1', hmac('sha1', input.preSharedKey, Buffer.from('Key Pad for IKEv2')), input.firstMessage, input.peerNonce, hmac('sha1', input.skP, input.idBody));
  assert.deepEqual(ikev2PskAuth(input), expected);
  assert.notDeepEqual(ikev2PskAuth({ ...input, preSharedKey: Buffer.from('other') }), expected);
});
