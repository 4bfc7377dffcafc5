// IKEv2 negotiations (IKE policy `version 2`) between R2 and R3 through negotiate(): IKE_SA_INIT +
// IKE_AUTH with pre-shared keys and the first CHILD_SA (aes-256-cbc / sha-256 / group14 IKE SA, AES-GCM
// ESP), both directions; the INVALID_KE_PAYLOAD retry; traffic selector narrowing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { negotiate, type NegotiationResult } from '../../../engine/src/sa/index';
import { IKEV2_CHANGES, seedTunnel, type EndChanges } from './sa-fixtures';

const messages = (result: NegotiationResult) =>
  result.log.flatMap((e) => (e.kind === 'message' ? [`${e.exchange} ${e.messageNumber} ${e.direction}${e.encrypted ? ' enc' : ''}: ${e.payloads.join(',')}`] : []));

for (const initiatorName of ['R2', 'R3'] as const) {
  test(`IKEv2 with aes-256-cbc/sha-256/group14 and an AES-GCM child, ${initiatorName} initiating -> ESTABLISHED`, () => {
    const { r2, r3 } = seedTunnel(IKEV2_CHANGES, IKEV2_CHANGES);
    const [first, second] = initiatorName === 'R2' ? [r2, r3] : [r3, r2];
    const result = negotiate(first, second, { seed: 'v2' });
    assert.equal(result.outcome, 'ESTABLISHED', result.reason);
    assert.deepEqual(messages(result), [
      'IKE_SA_INIT 0 request: sa,keyExchange,nonce,notify,notify',
      'IKE_SA_INIT 0 response: sa,keyExchange,nonce,notify,notify',
      'IKE_AUTH 1 request enc: idInitiator,authentication,sa,tsInitiator,tsResponder',
      'IKE_AUTH 1 response enc: idResponder,authentication,sa,tsInitiator,tsResponder',
    ]);
    assert.deepEqual(result.ikeAlgorithms, { encryption: 'aes-256-cbc', authentication: 'sha-256', dhGroup: 'group14', lifetimeSeconds: 3600 });
    assert.equal(result.ipsecAlgorithms?.encryption, 'aes-256-gcm');
    assert.equal(result.ipsecAlgorithms?.authentication, undefined);
    const i = result.initiator, r = result.responder;
    assert.equal(i.ikeSa?.exchangeType, 'IKEv2');
    assert.equal(i.ikeSa?.initiatorCookie, r.ikeSa?.initiatorCookie);
    assert.equal(i.ikeSa?.responderCookie, r.ikeSa?.responderCookie);
    const inI = i.ipsecSas.find((s) => s.direction === 'inbound')!, outI = i.ipsecSas.find((s) => s.direction === 'outbound')!;
    const inR = r.ipsecSas.find((s) => s.direction === 'inbound')!, outR = r.ipsecSas.find((s) => s.direction === 'outbound')!;
    assert.equal(inI.spi, outR.spi);
    assert.equal(outI.spi, inR.spi);
    assert.deepEqual(inI.esp.encryptionKey, outR.esp.encryptionKey);
    assert.deepEqual(outI.esp.encryptionKey, inR.esp.encryptionKey);
    assert.equal(inI.esp.encryptionKey.length, 36, 'AES-256 key + 4-byte salt');
    assert.notDeepEqual(inI.esp.encryptionKey, outI.esp.encryptionKey);
  });
}

test('INVALID_KE_PAYLOAD: the responder asks for group14, the initiator retries with it (it is in its list)', () => {
  const group14 = IKEV2_CHANGES.ike!.proposals![0]!;
  const group2 = { ...group14, name: 'first', dhGroup: 'group2' };
  const r2: EndChanges = { ...IKEV2_CHANGES, ike: { ...IKEV2_CHANGES.ike, proposals: [group2, group14] } };
  const { r2: a, r3: b } = seedTunnel(r2, IKEV2_CHANGES);
  // The responder has only group14; the initiator's first proposal (and so its KE) is group2.
  const result = negotiate(a, b, { seed: 'invalid-ke' });
  assert.equal(result.outcome, 'ESTABLISHED', result.reason);
  const log = messages(result);
  assert.equal(log[0], 'IKE_SA_INIT 0 request: sa,keyExchange,nonce,notify,notify');
  assert.equal(log[1], 'IKE_SA_INIT 0 response: notify');
  assert.equal(log[2], 'IKE_SA_INIT 0 request: sa,keyExchange,nonce,notify,notify');
  const summaries = result.log.flatMap((e) => (e.kind === 'message' ? [e.summary.join('; ')] : []));
  assert.match(summaries[0]!, /KE: group 2, 128 bytes/);
  assert.match(summaries[1]!, /INVALID_KE_PAYLOAD/);
  assert.match(summaries[2]!, /KE: group 14, 256 bytes/);
  assert.equal(result.ikeAlgorithms?.dhGroup, 'group14');
});

test('INVALID_KE_PAYLOAD for a group the initiator does not have -> IKE_NO_PROPOSAL', () => {
  // R2 has only group14, R3 only group2 (same ciphers): R3 finds no common proposal.
  const r3: EndChanges = { ...IKEV2_CHANGES, ike: { ...IKEV2_CHANGES.ike, proposals: [{ ...IKEV2_CHANGES.ike!.proposals![0]!, dhGroup: 'group2' }] } };
  const { r2, r3: b } = seedTunnel(IKEV2_CHANGES, r3);
  const result = negotiate(r2, b, { seed: 1 });
  assert.equal(result.outcome, 'IKE_NO_PROPOSAL');
  assert.equal(result.detectedBy?.deviceName, 'R3');
  assert.match(result.reason, /R2 offers \[aes-256-cbc\/sha-256\/group14\], R3 accepts \[aes-256-cbc\/sha-256\/group2\]/);
});

test('traffic selectors: R3 narrows R2\'s wider proposal to its own term; R2 installs the narrowed ones', () => {
  const { r2, r3 } = seedTunnel({ ...IKEV2_CHANGES, ipsec: { ...IKEV2_CHANGES.ipsec, localPrefix: '10.1.0.0/16', remotePrefix: '0.0.0.0/0' } }, IKEV2_CHANGES);
  const result = negotiate(r2, r3, { seed: 2 });
  assert.equal(result.outcome, 'ESTABLISHED', result.reason);
  const response = result.log.filter((e) => e.kind === 'message').at(-1)!;
  assert.ok(response.kind === 'message');
  assert.ok(response.summary.includes('TSi: 10.1.12.0/24'), response.summary.join('; '));
  assert.ok(response.summary.includes('TSr: 10.1.56.0/24'));
  assert.equal(result.initiator.ipsecSas[0]!.localIdentity, '10.1.12.0/24');
  assert.equal(result.initiator.ipsecSas[0]!.remoteIdentity, '10.1.56.0/24');
});
