// Algorithm tables: every Junos name maps to a real crypto implementation with matching key lengths,
// and wire numbers map back to the same entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cipherSpec } from '../../../engine/src/crypto/ciphers';
import { integritySpec } from '../../../engine/src/crypto/integrity';
import { HASH_LENGTH } from '../../../engine/src/crypto/prf';
import {
  ENCRYPTION_ALGORITHMS, encryptionAlgorithm, encryptionFromIkev1Esp, encryptionFromIkev1Phase1, encryptionFromIkev2,
  IKE_AUTHENTICATION_ALGORITHMS, ikeAuthenticationAlgorithm, IPSEC_AUTHENTICATION_ALGORITHMS, ipsecAuthenticationAlgorithm,
} from '../../../engine/src/wire/algorithms';

test('encryption: key length attributes agree with the cipher; wire numbers map back', () => {
  for (const algorithm of ENCRYPTION_ALGORITHMS) {
    const spec = cipherSpec(algorithm.cipher);
    for (const wire of [algorithm.ikev1Phase1, algorithm.ikev1Esp, algorithm.ikev2]) {
      if (wire?.keyLengthBits !== undefined) assert.equal(wire.keyLengthBits, spec.keyLength * 8, algorithm.junosName);
    }
    assert.equal(encryptionFromIkev1Esp(algorithm.ikev1Esp.id, algorithm.ikev1Esp.keyLengthBits), algorithm);
    assert.equal(encryptionFromIkev2(algorithm.ikev2.id, algorithm.ikev2.keyLengthBits), algorithm);
    if (algorithm.ikev1Phase1) assert.equal(encryptionFromIkev1Phase1(algorithm.ikev1Phase1.id, algorithm.ikev1Phase1.keyLengthBits), algorithm);
  }
  assert.deepEqual(encryptionAlgorithm('aes-256-cbc')?.ikev2, { id: 12, keyLengthBits: 256 });
  assert.deepEqual(encryptionAlgorithm('3des-cbc')?.ikev1Phase1, { id: 5 });
  assert.equal(encryptionAlgorithm('aes-128-gcm')?.allowedForIke, false);
  assert.equal(encryptionFromIkev2(12, 64), undefined);
  assert.equal(encryptionAlgorithm('blowfish'), undefined);
});

test('IKE and IPsec authentication algorithms name existing hashes and integrity algorithms', () => {
  for (const algorithm of IKE_AUTHENTICATION_ALGORITHMS) {
    assert.ok(HASH_LENGTH[algorithm.hash] > 0);
    assert.equal(integritySpec(algorithm.ikev2Integrity).hash, algorithm.hash);
  }
  for (const algorithm of IPSEC_AUTHENTICATION_ALGORITHMS) assert.equal(integritySpec(algorithm.integrity).name, algorithm.junosName);
  assert.equal(ikeAuthenticationAlgorithm('sha1')?.ikev1HashId, 2);
  assert.equal(ikeAuthenticationAlgorithm('sha-256')?.ikev2PrfId, 5);
  assert.equal(ipsecAuthenticationAlgorithm('hmac-sha1-96')?.ikev1AuthenticationId, 2);
  assert.equal(ipsecAuthenticationAlgorithm('hmac-sha-256-128')?.ikev2IntegrityId, 12);
});
