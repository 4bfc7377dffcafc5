// Ciphers and integrity: RFC 3602 AES-CBC, FIPS 81 DES (single DES through 3DES with K1=K2=K3), GCM spec
// test cases 3 and 4 in the RFC 4106 key||salt layout, RFC 2202/4231 truncated HMACs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, getCiphers } from 'node:crypto';
import { cbcDecrypt, cbcEncrypt, cipherSpec, CIPHERS, gcmOpen, gcmSeal } from '../../../engine/src/crypto/ciphers';
import { computeIcv, integritySpec, verifyIcv } from '../../../engine/src/crypto/integrity';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

test('AES-128-CBC RFC 3602 cases 1 and 2', () => {
  const spec = cipherSpec('aes-128-cbc');
  const c1 = cbcEncrypt(spec, hex('06a9214036b8a15b512e03d534120006'), hex('3dafba429d9eb430b422da802c9fac41'), Buffer.from('Single block msg'));
  assert.ok(c1.ok);
  assert.equal(c1.output.toString('hex'), 'e353779c1079aeb82708942dbe77181a');
  const pt2 = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
  const c2 = cbcEncrypt(spec, hex('c286696d887c9aa0611bbb3e2025a45a'), hex('562e17996d093d28ddb3ba695a2e6f58'), pt2);
  assert.ok(c2.ok);
  assert.equal(c2.output.toString('hex'), 'd296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1');
  const back = cbcDecrypt(spec, hex('c286696d887c9aa0611bbb3e2025a45a'), hex('562e17996d093d28ddb3ba695a2e6f58'), c2.output);
  assert.ok(back.ok);
  assert.deepEqual(back.output, pt2);
});

test('des-cbc works without the OpenSSL legacy provider (FIPS 81 CBC example)', () => {
  const out = cbcEncrypt(cipherSpec('des-cbc'), hex('0123456789abcdef'), hex('1234567890abcdef'), Buffer.from('Now is the time for all '));
  assert.ok(out.ok);
  assert.equal(out.output.toString('hex'), 'e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6');
  const k3 = cbcEncrypt(cipherSpec('3des-cbc'), hex('0123456789abcdef'.repeat(3)), hex('1234567890abcdef'), Buffer.from('Now is the time for all '));
  assert.ok(k3.ok);
  assert.deepEqual(k3.output, out.output);
  if (getCiphers().includes('des-cbc')) {
    // Only with the legacy provider loaded (node --openssl-legacy-provider): native single DES agrees.
    const native = createCipheriv('des-cbc', hex('0123456789abcdef'), hex('1234567890abcdef')).setAutoPadding(false);
    assert.deepEqual(Buffer.concat([native.update(Buffer.from('Now is the time for all ')), native.final()]), out.output);
  }
});

test('every cipher round-trips; wrong sizes are problems', () => {
  for (const spec of CIPHERS.values()) {
    const key = Buffer.alloc(spec.keyLength + spec.saltLength, 0x5a);
    const iv = Buffer.alloc(spec.ivLength, 0x11);
    const plain = Buffer.alloc(spec.mode === 'cbc' ? spec.blockSize * 3 : 37, 0x42);
    if (spec.mode === 'cbc') {
      const enc = cbcEncrypt(spec, key, iv, plain);
      assert.ok(enc.ok);
      const dec = cbcDecrypt(spec, key, iv, enc.output);
      assert.ok(dec.ok && dec.output.equals(plain), spec.name);
      assert.equal(cbcEncrypt(spec, key, iv, Buffer.alloc(spec.blockSize + 1)).ok, false);
      assert.equal(cbcEncrypt(spec, Buffer.alloc(3), iv, plain).ok, false);
    } else {
      const sealed = gcmSeal(spec, key, iv, Buffer.from('aad'), plain);
      assert.ok(sealed.ok);
      const opened = gcmOpen(spec, key, iv, Buffer.from('aad'), sealed.output);
      assert.ok(opened.ok && opened.output.equals(plain), spec.name);
      assert.equal(gcmOpen(spec, key, iv, Buffer.from('aaD'), sealed.output).ok, false);
    }
  }
});

test('AES-GCM: GCM spec test cases 3 and 4 (salt = first 4 IV bytes, RFC 4106 layout)', () => {
  const spec = cipherSpec('aes-128-gcm');
  const keyMaterial = hex('feffe9928665731c6d6a8f9467308308' + 'cafebabe');
  const iv = hex('facedbaddecaf888');
  const p = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255');
  const c = '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985';
  const case3 = gcmSeal(spec, keyMaterial, iv, Buffer.alloc(0), p);
  assert.ok(case3.ok);
  assert.equal(case3.output.toString('hex'), c + '4d5c2af327cd64a62cf35abd2ba6fab4');
  const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const case4 = gcmSeal(spec, keyMaterial, iv, aad, p.subarray(0, 60));
  assert.ok(case4.ok);
  assert.equal(case4.output.toString('hex'), c.slice(0, 120) + '5bc94fbc3221a5db94fae95ae7121a47');
  const tampered = Buffer.from(case4.output); tampered[3]! ^= 1;
  assert.equal(gcmOpen(spec, keyMaterial, iv, aad, tampered).ok, false);
});

test('truncated HMAC ICVs: RFC 2202 / RFC 4231 test case 5 ("Test With Truncation")', () => {
  const data = Buffer.from('Test With Truncation');
  assert.equal(computeIcv(integritySpec('hmac-md5-96'), Buffer.alloc(16, 0x0c), data).toString('hex'), '56461ef2342edc00f9bab995');
  assert.equal(computeIcv(integritySpec('hmac-sha1-96'), Buffer.alloc(20, 0x0c), data).toString('hex'), '4c1a03424b55e07fe7f27be1');
  assert.equal(computeIcv(integritySpec('hmac-sha-256-128'), Buffer.alloc(20, 0x0c), data).toString('hex'), 'a3b6167473100ee06e0c796c2955552b');
  assert.equal(computeIcv(integritySpec('hmac-sha-256-96'), Buffer.alloc(20, 0x0c), data).toString('hex'), 'a3b6167473100ee06e0c796c');
  const spec = integritySpec('hmac-sha-256-128');
  const icv = computeIcv(spec, Buffer.alloc(32, 1), data);
  assert.equal(verifyIcv(spec, Buffer.alloc(32, 1), icv, data), true);
  assert.equal(verifyIcv(spec, Buffer.alloc(32, 2), icv, data), false);
  assert.equal(verifyIcv(spec, Buffer.alloc(32, 1), icv.subarray(0, 12), data), false);
});
