// Two things of issue 5 checked on whole exchanges: every DH group the issue lists (1, 2, 5, 14, 19, 20 and
// 24) negotiates for real, in IKEv1 Main Mode with PFS in Quick Mode and in IKEv2; and the NAT-T detection
// payloads (RFC 3947 NAT-D, RFC 7296 NAT_DETECTION_*_IP) find a NAT that rewrites one side's address, while
// finding none on the direct path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedClock } from '../../../engine/src/net/clock';
import { InMemoryNetwork, type UdpHandler, type UdpSend, type UdpTransport } from '../../../engine/src/net/network';
import { negotiate } from '../../../engine/src/sa/index';
import { IKEV2_CHANGES, R2_ADDRESS, seedTunnel } from './sa-fixtures';

const GROUPS = ['group1', 'group2', 'group5', 'group14', 'group19', 'group20', 'group24'];

for (const group of GROUPS) {
  test(`${group}: IKEv1 Main Mode with PFS ${group} and IKEv2 both establish, each side naming the group`, () => {
    const v1Proposal = { name: 'p', authenticationMethod: 'pre-shared-keys' as const, dhGroup: group, authenticationAlgorithm: 'sha-256', encryptionAlgorithm: 'aes-128-cbc', lifetimeSeconds: 3600 };
    const v1 = seedTunnel({ ike: { proposals: [v1Proposal] }, ipsec: { pfsGroup: group } }, { ike: { proposals: [v1Proposal] }, ipsec: { pfsGroup: group } });
    const r1 = negotiate(v1.r2, v1.r3, { seed: group });
    assert.equal(r1.outcome, 'ESTABLISHED', r1.reason);
    assert.equal(r1.ikeAlgorithms?.dhGroup, group);
    assert.equal(r1.ipsecAlgorithms?.pfsGroup, group);
    const v2Changes = { ike: { ...IKEV2_CHANGES.ike, proposals: [{ ...v1Proposal }] }, ipsec: IKEV2_CHANGES.ipsec };
    const v2 = seedTunnel(v2Changes, v2Changes);
    const r2 = negotiate(v2.r2, v2.r3, { seed: group });
    assert.equal(r2.outcome, 'ESTABLISHED', r2.reason);
    assert.equal(r2.ikeAlgorithms?.dhGroup, group);
  });
}

/** A source NAT in front of R2: its datagrams leave with `publicAddress`, replies to it are sent back to R2. */
function natInFrontOfR2(network: InMemoryNetwork, publicAddress: string): UdpTransport {
  return {
    bindUdp: (address: string, port: number, handler: UdpHandler) => network.bindUdp(address, port, handler),
    sendUdp: (send: UdpSend) => {
      if (send.source === R2_ADDRESS) network.sendUdp({ ...send, source: publicAddress });
      else if (send.destination === publicAddress) network.sendUdp({ ...send, destination: R2_ADDRESS });
      else network.sendUdp(send);
    },
  };
}

test('NAT-T detection: no NAT on the direct path; a NAT rewriting R2\'s address is seen by both sides (IKEv1 NAT-D)', () => {
  const direct = seedTunnel();
  const plain = negotiate(direct.r2, direct.r3, { seed: 'nat' });
  assert.equal(plain.outcome, 'ESTABLISHED');
  assert.deepEqual([plain.initiator.ikeSa?.nat, plain.responder.ikeSa?.nat], [
    { localBehindNat: false, remoteBehindNat: false }, { localBehindNat: false, remoteBehindNat: false },
  ]);

  const publicAddress = '198.51.100.77';
  const t = seedTunnel({}, { ike: { remoteAddress: publicAddress } });
  const clock = new SimulatedClock();
  const wire = new InMemoryNetwork(clock);
  const natted = negotiate(t.r2, t.r3, { network: natInFrontOfR2(wire, publicAddress), clock, seed: 'nat' });
  const payloads = natted.log.flatMap((e) => (e.kind === 'message' && e.exchange === 'Main Mode' && (e.messageNumber === 3 || e.messageNumber === 4) ? [e.payloads.filter((p) => p === 'natDiscovery').length] : []));
  assert.deepEqual(payloads, [2, 2], 'messages 3 and 4 carry two NAT-D payloads each');
  assert.equal(natted.initiator.ikeSa?.nat.localBehindNat, true, 'R2 learns it is behind a NAT');
  assert.equal(natted.responder.ikeSa?.nat.remoteBehindNat, true, 'R3 learns its peer is behind a NAT');
  assert.equal(natted.responder.ikeSa?.nat.localBehindNat, false);
});
