// The three IKEv2 error notifications of RFC 7296 3.10.1 the issue names, each produced by a real exchange
// and seen on the wire: NO_PROPOSAL_CHOSEN (IKE_SA_INIT, and for the child SA inside IKE_AUTH),
// AUTHENTICATION_FAILED (IKE_AUTH) and TS_UNACCEPTABLE (IKE_AUTH). The wire check decodes the logged
// message summaries, which are written from the decoded payloads of the bytes that were sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { negotiate, type NegotiationResult } from '../../../engine/src/sa/index';
import { IKEV2_CHANGES, seedTunnel, type EndChanges } from './sa-fixtures';

const wire = (result: NegotiationResult) =>
  result.log.flatMap((e) => (e.kind === 'message' ? [`${e.from} ${e.exchange} #${e.messageNumber}: ${e.summary.join('; ')}`] : []));

function run(r2: EndChanges, r3: EndChanges): NegotiationResult {
  const t = seedTunnel(r2, r3);
  return negotiate(t.r2, t.r3, { seed: 'ikev2-notify' });
}

const v2 = (changes: EndChanges): EndChanges => ({
  ike: { ...IKEV2_CHANGES.ike, ...changes.ike },
  ipsec: { ...IKEV2_CHANGES.ipsec, ...changes.ipsec },
  ...(changes.psk === undefined ? {} : { psk: changes.psk }),
});

test('IKEv2 IKE_SA_INIT with no common IKE proposal: R3 answers NO_PROPOSAL_CHOSEN, both lists in the reason', () => {
  const other = { name: 'ike-other', authenticationMethod: 'pre-shared-keys' as const, dhGroup: 'group14', authenticationAlgorithm: 'sha-384', encryptionAlgorithm: 'aes-128-cbc', lifetimeSeconds: 3600 };
  const result = run(v2({}), v2({ ike: { proposals: [other] } }));
  assert.equal(result.outcome, 'IKE_NO_PROPOSAL', result.reason);
  assert.equal(result.detectedBy?.deviceName, 'R3');
  assert.match(result.reason, /aes-256-cbc\/sha-256\/group14/);
  assert.match(result.reason, /aes-128-cbc\/sha-384\/group14/);
  const lines = wire(result);
  assert.match(lines.at(-1)!, /^R3 IKE_SA_INIT #0: .*Notify: NO_PROPOSAL_CHOSEN/);
  assert.equal(result.initiator.ikeSa, undefined, 'no IKE SA without a proposal');
});

test('IKEv2 child SA with no common ESP proposal: NO_PROPOSAL_CHOSEN inside IKE_AUTH, the IKE SA itself matures', () => {
  const cbc = { name: 'esp-cbc', protocol: 'esp' as const, authenticationAlgorithm: 'hmac-sha-256-128', encryptionAlgorithm: 'aes-128-cbc', lifetimeSeconds: 28800 };
  const result = run(v2({}), v2({ ipsec: { proposals: [cbc] } }));
  assert.equal(result.outcome, 'IPSEC_NO_PROPOSAL', result.reason);
  assert.match(wire(result).at(-1)!, /^R3 IKE_AUTH #.*Notify: NO_PROPOSAL_CHOSEN/);
  assert.deepEqual([result.initiator.ipsecSas.length, result.responder.ipsecSas.length], [0, 0]);
});

test('IKEv2 different pre-shared keys: AUTHENTICATION_FAILED in the IKE_AUTH response, no SA on either side', () => {
  const result = run(v2({}), v2({ psk: 'not-the-same' }));
  assert.equal(result.outcome, 'IKE_AUTH_FAILED');
  assert.match(result.reason, /pre-shared keys differ/);
  assert.ok(!result.reason.includes('keyfordemo') && !result.reason.includes('not-the-same'), 'no key in the reason');
  assert.match(wire(result).at(-1)!, /^R3 IKE_AUTH #.*Notify: AUTHENTICATION_FAILED/);
  assert.equal(result.responder.ikeSa, undefined);
});

test('IKEv2 disjoint traffic selectors: TS_UNACCEPTABLE in the IKE_AUTH response', () => {
  const result = run(v2({}), v2({ ipsec: { localPrefix: '10.1.57.0/24' } }));
  assert.equal(result.outcome, 'TS_UNACCEPTABLE', result.reason);
  assert.match(result.reason, /10\.1\.56\.0\/24/);
  assert.match(wire(result).at(-1)!, /^R3 IKE_AUTH #.*Notify: TS_UNACCEPTABLE/);
});
