// IKEv1 key derivation: NIST CAVS IKEv1 SHA-1 samples (SKEYID, SKEYID_d/a/e), RFC 2409 appendix B key
// expansion and Quick Mode KEYMAT expansion (NSS self-generated vectors), hashes and IVs against
// hand-written formulas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import {
  deriveIkev1KeysFromSkeyid, deriveIkev1Phase1Keys, ikev1EncryptionKey, ikev1HashI, ikev1HashR, ikev1Phase1Iv,
  ikev1Phase2Iv, ikev1SkeyidPreSharedKey, ikev1SkeyidSignature, quickModeHash1, quickModeHash2, quickModeHash3,
  quickModeKeymat,
} from '../../../engine/src/crypto/ikev1-keys';

const hex = (s: string) => Buffer.from(s, 'hex');
const hmac = (alg: string, key: Buffer, ...parts: Buffer[]) => { const m = createHmac(alg, key); parts.forEach((p) => m.update(p)); return m.digest(); };

test('NIST CAVS IKEv1 (HMAC-SHA1): SKEYID, SKEYID_d, SKEYID_a, SKEYID_e', () => {
  const gxy = hex('8ba4cbc73c0187301dc19a975823854dbd641c597f637f8d053a83b9514673eb');
  const skeyid = ikev1SkeyidSignature('sha1', hex('69a62284195f1680'), hex('80c94ba25c8abda5'), gxy);
  assert.equal(skeyid.toString('hex'), '707197817fb2d90cf54d1842606bdea59b9f4823');
  const keys = deriveIkev1KeysFromSkeyid({ hash: 'sha1', skeyid, sharedSecret: gxy, cookieI: hex('8c3bcd3a69831d7f'), cookieR: hex('d2d9a7ff4fbe95a7'), encryptionKeyLength: 16 });
  assert.equal(keys.skeyidD.toString('hex'), '384be709a8a5e63c3ed160cfe3921c4b37d5b32d');
  assert.equal(keys.skeyidA.toString('hex'), '48b327575abe3adba0f279849e289022a13e2b47');
  assert.equal(keys.skeyidE.toString('hex'), 'a4a415c8e0c38c0da847c356cc61c24df8025560');
  assert.deepEqual(keys.encryptionKey, keys.skeyidE.subarray(0, 16));
});

test('NIST CAVS IKEv1 pre-shared key SKEYID', () => {
  assert.equal(ikev1SkeyidPreSharedKey('sha1', hex('c0'), hex('03a6f25a83c8c2a3'), hex('9d958a6618f77e7f')).toString('hex'), 'ab3be41bc62f2ef0c41a3076d58768be77fadd2e');
});

test('appendix B expansion: 40 bytes from a 20-byte SKEYID_e, and truncation when long enough', () => {
  const skeyidE = hex('63e81194946ebd05df7df5ebf5d8750056bf1f1d');
  assert.equal(ikev1EncryptionKey('sha1', skeyidE, 40).toString('hex'), '933347a07de5782247dd36d1562ffe0eecade1eb4134165257e3af1000af8ae3f165063828cbb60d');
  assert.equal(ikev1EncryptionKey('sha1', skeyidE, 15).toString('hex'), '63e81194946ebd05df7df5ebf5d875');
  // 3DES with MD5 (16-byte SKEYID_e) needs 24 bytes: K1 | K2 cut.
  const k1 = hmac('md5', hex('00112233445566778899aabbccddeeff'), Buffer.from([0]));
  const k2 = hmac('md5', hex('00112233445566778899aabbccddeeff'), k1);
  assert.deepEqual(ikev1EncryptionKey('md5', hex('00112233445566778899aabbccddeeff'), 24), Buffer.concat([k1, k2]).subarray(0, 24));
});

test('Quick Mode KEYMAT expansion (K1 | K2 ...) matches the NSS sample and the RFC formula with PFS', () => {
  const skeyidD = hex('63e81194946ebd05df7df5ebf5d8750056bf1f1d');
  // protocol byte 0, empty SPI and nonces: the seed is a single 0 octet, as in the sample.
  const sample = quickModeKeymat({ hash: 'sha1', skeyidD, protocol: 0, spi: Buffer.alloc(0), nonceI: Buffer.alloc(0), nonceR: Buffer.alloc(0), length: 40 });
  assert.equal(sample.toString('hex'), '933347a07de5782247dd36d1562ffe0eecade1ebaeaa476a5f578c34a9b2b7101a621202f61db924');
  const spi = hex('8606894f'), ni = Buffer.alloc(16, 1), nr = Buffer.alloc(16, 2), pfs = Buffer.alloc(128, 3);
  const k1 = hmac('sha1', skeyidD, pfs, Buffer.from([3]), spi, ni, nr);
  const k2 = hmac('sha1', skeyidD, k1, pfs, Buffer.from([3]), spi, ni, nr);
  const k3 = hmac('sha1', skeyidD, k2, pfs, Buffer.from([3]), spi, ni, nr);
  const keymat = quickModeKeymat({ hash: 'sha1', skeyidD, protocol: 3, spi, nonceI: ni, nonceR: nr, pfsSharedSecret: pfs, length: 44 });
  assert.deepEqual(keymat, Buffer.concat([k1, k2, k3]).subarray(0, 44));
});

test('PSK phase-1 keys, HASH_I/HASH_R, IVs and Quick Mode hashes follow RFC 2409 byte for byte', () => {
  const input = {
    hash: 'sha1' as const, preSharedKey: Buffer.from('juniper123'), nonceI: Buffer.alloc(20, 0xa1), nonceR: Buffer.alloc(20, 0xb2),
    sharedSecret: Buffer.alloc(128, 0x33), cookieI: hex('0102030405060708'), cookieR: hex('1112131415161718'), encryptionKeyLength: 24,
  };
  const keys = deriveIkev1Phase1Keys(input);
  const skeyid = hmac('sha1', input.preSharedKey, input.nonceI, input.nonceR);
  assert.deepEqual(keys.skeyid, skeyid);
  assert.deepEqual(keys.skeyidD, hmac('sha1', skeyid, input.sharedSecret, input.cookieI, input.cookieR, Buffer.from([0])));
  assert.equal(keys.encryptionKey.length, 24);

  const gxi = Buffer.alloc(128, 0x44), gxr = Buffer.alloc(128, 0x55), sa = Buffer.from('sa body'), id = Buffer.from('id body');
  const auth = { hash: 'sha1' as const, skeyid, publicI: gxi, publicR: gxr, cookieI: input.cookieI, cookieR: input.cookieR, saBodyI: sa, idBody: id };
  assert.deepEqual(ikev1HashI(auth), hmac('sha1', skeyid, gxi, gxr, input.cookieI, input.cookieR, sa, id));
  assert.deepEqual(ikev1HashR(auth), hmac('sha1', skeyid, gxr, gxi, input.cookieR, input.cookieI, sa, id));
  assert.notDeepEqual(ikev1HashI(auth), ikev1HashR(auth));

  assert.deepEqual(ikev1Phase1Iv('sha1', gxi, gxr, 8), createHash('sha1').update(gxi).update(gxr).digest().subarray(0, 8));
  const last = Buffer.alloc(16, 9);
  assert.deepEqual(ikev1Phase2Iv('md5', last, 0x01020304, 16), createHash('md5').update(last).update(hex('01020304')).digest());

  const mid = 0xdeadbeef, after = Buffer.from('payloads after hash');
  assert.deepEqual(quickModeHash1('sha1', keys.skeyidA, mid, after), hmac('sha1', keys.skeyidA, hex('deadbeef'), after));
  assert.deepEqual(quickModeHash2('sha1', keys.skeyidA, mid, input.nonceI, after), hmac('sha1', keys.skeyidA, hex('deadbeef'), input.nonceI, after));
  assert.deepEqual(quickModeHash3('sha1', keys.skeyidA, mid, input.nonceI, input.nonceR), hmac('sha1', keys.skeyidA, Buffer.from([0]), hex('deadbeef'), input.nonceI, input.nonceR));
});

test('different pre-shared keys give different SKEYIDs (how "pre-shared keys differ" shows up)', () => {
  const base = { hash: 'sha1' as const, nonceI: Buffer.alloc(16, 1), nonceR: Buffer.alloc(16, 2), sharedSecret: Buffer.alloc(128, 3), cookieI: Buffer.alloc(8, 4), cookieR: Buffer.alloc(8, 5), encryptionKeyLength: 24 };
  const a = deriveIkev1Phase1Keys({ ...base, preSharedKey: Buffer.from('juniper123') });
  const b = deriveIkev1Phase1Keys({ ...base, preSharedKey: Buffer.from('juniper124') });
  assert.notDeepEqual(a.skeyid, b.skeyid);
  assert.notDeepEqual(a.encryptionKey, b.encryptionKey);
});
