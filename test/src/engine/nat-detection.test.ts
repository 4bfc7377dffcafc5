// NAT discovery hashes against the RFC 3947 / RFC 7296 formulas written out, and the NAT verdict they give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ikev1NatDiscoveryHash, ikev2NatDetectionHash, natHashMatches } from '../../../engine/src/crypto/nat-detection';

const cookieI = Buffer.from('0102030405060708', 'hex');
const cookieR = Buffer.from('1112131415161718', 'hex');

test('IKEv1 NAT-D = HASH(CKY-I | CKY-R | IP | port) with the phase-1 hash', () => {
  const expected = createHash('md5').update(cookieI).update(cookieR).update(Buffer.from('0a010f0201f4', 'hex')).digest();
  assert.deepEqual(ikev1NatDiscoveryHash('md5', cookieI, cookieR, '10.1.15.2', 500), expected);
  assert.equal(ikev1NatDiscoveryHash('sha256', cookieI, cookieR, '10.1.15.2', 500)?.length, 32);
  assert.equal(ikev1NatDiscoveryHash('sha1', cookieI, cookieR, 'not-an-address', 500), undefined);
});

test('IKEv2 NAT_DETECTION = SHA-1(SPIi | SPIr | IP | port); a translated address no longer matches', () => {
  const expected = createHash('sha1').update(cookieI).update(cookieR).update(Buffer.from('0a010f01', 'hex')).update(Buffer.from([0x11, 0x94])).digest();
  const sent = ikev2NatDetectionHash(cookieI, cookieR, '10.1.15.1', 4500);
  assert.deepEqual(sent, expected);
  // The receiver hashes the address it saw: the same when no NAT, different behind a NAT.
  assert.equal(natHashMatches(sent!, [ikev2NatDetectionHash(cookieI, cookieR, '10.1.15.1', 4500)]), true);
  assert.equal(natHashMatches(sent!, [ikev2NatDetectionHash(cookieI, cookieR, '192.0.2.7', 4500)]), false);
  assert.equal(natHashMatches(sent!, [ikev2NatDetectionHash(cookieI, cookieR, '10.1.15.1', 500)]), false);
  assert.equal(natHashMatches(Buffer.alloc(3), [sent]), false);
});
