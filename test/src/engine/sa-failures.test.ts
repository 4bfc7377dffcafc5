// Every failure negotiate() reports comes from the exchange itself: the responder really fails to verify a
// hash or really finds no proposal, the initiator really times out. Each case runs both ways where the
// roles matter, and checks the verdict, who saw it, the reason a network engineer reads, and what went
// over the wire (the notification, the retransmissions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedClock } from '../../../engine/src/net/clock';
import { InMemoryNetwork } from '../../../engine/src/net/network';
import { negotiate, RETRANSMISSION_SCHEDULE, type NegotiationResult } from '../../../engine/src/sa/index';
import { IKEV2_CHANGES, SEED_PSK, seedTunnel, type EndChanges } from './sa-fixtures';

const summaries = (result: NegotiationResult) => result.log.flatMap((e) => (e.kind === 'message' ? [`${e.from} ${e.exchange}: ${e.summary.join('; ')}`] : []));

function run(r2: EndChanges, r3: EndChanges, initiator: 'R2' | 'R3' = 'R2'): NegotiationResult {
  const t = seedTunnel(r2, r3);
  return initiator === 'R2' ? negotiate(t.r2, t.r3, { seed: 'fail' }) : negotiate(t.r3, t.r2, { seed: 'fail' });
}

for (const initiator of ['R2', 'R3'] as const) {
  const responder = initiator === 'R2' ? 'R3' : 'R2';

  test(`pre-shared keys differ (Main Mode), ${initiator} initiating: the responder cannot verify HASH_I`, () => {
    const result = run({}, { psk: 'keyfordemo2' }, initiator);
    assert.equal(result.outcome, 'IKE_AUTH_FAILED');
    assert.equal(result.detectedBy?.deviceName, responder);
    assert.equal(result.reason.startsWith(`pre-shared keys differ: ${responder} could not verify ${initiator}'s HASH_I`), true, result.reason);
    assert.ok(!result.reason.includes(SEED_PSK) && !result.reason.includes('keyfordemo2'));
    assert.match(summaries(result).at(-1)!, new RegExp(`^${responder} Informational: Notify: PAYLOAD-MALFORMED`));
    assert.equal(result.initiator.failure?.outcome, 'IKE_AUTH_FAILED', 'the initiator learns it from the notification');
    assert.equal(result.initiator.ipsecSas.length, 0);
  });

  test(`pre-shared keys differ (Aggressive Mode), ${initiator} initiating: the initiator cannot verify HASH_R`, () => {
    const result = run({ ike: { mode: 'aggressive' } }, { ike: { mode: 'aggressive' }, psk: 'other' }, initiator);
    assert.equal(result.outcome, 'IKE_AUTH_FAILED');
    assert.equal(result.detectedBy?.deviceName, initiator);
    assert.equal(result.reason, `pre-shared keys differ: ${initiator} could not verify ${responder}'s HASH_R`);
  });

  test(`pre-shared keys differ (IKEv2), ${initiator} initiating: AUTHENTICATION_FAILED inside IKE_AUTH`, () => {
    const result = run(IKEV2_CHANGES, { ...IKEV2_CHANGES, psk: 'other' }, initiator);
    assert.equal(result.outcome, 'IKE_AUTH_FAILED');
    assert.equal(result.detectedBy?.deviceName, responder);
    assert.equal(result.reason, `pre-shared keys differ: ${responder} could not verify ${initiator}'s AUTH payload`);
    assert.match(summaries(result).at(-1)!, /IKE_AUTH: Notify: AUTHENTICATION_FAILED$/);
  });

  test(`no IKE proposal matches, ${initiator} initiating: NO-PROPOSAL-CHOSEN with both lists`, () => {
    const aes = { name: 'aes', authenticationMethod: 'pre-shared-keys' as const, dhGroup: 'group14', authenticationAlgorithm: 'sha-256', encryptionAlgorithm: 'aes-128-cbc', lifetimeSeconds: 3600 };
    const result = run({}, { ike: { proposals: [aes] } }, initiator);
    assert.equal(result.outcome, 'IKE_NO_PROPOSAL');
    assert.equal(result.detectedBy?.deviceName, responder);
    const [offers, accepts] = initiator === 'R2' ? ['3des-cbc/sha1/group2', 'aes-128-cbc/sha-256/group14'] : ['aes-128-cbc/sha-256/group14', '3des-cbc/sha1/group2'];
    assert.equal(result.reason, `no IKE proposal matched: ${initiator} offers [${offers}], ${responder} accepts [${accepts}]`);
    assert.match(summaries(result).at(-1)!, /Informational: Notify: NO-PROPOSAL-CHOSEN/);
    assert.equal(result.initiator.failure?.outcome, 'IKE_NO_PROPOSAL');
  });

  test(`no IPsec proposal matches, ${initiator} initiating: phase 1 up, Quick Mode refused`, () => {
    const result = run({}, { ipsec: { proposals: [{ name: 'aes', protocol: 'esp', authenticationAlgorithm: 'hmac-sha-256-128', encryptionAlgorithm: 'aes-128-cbc', lifetimeSeconds: 3600 }] } }, initiator);
    assert.equal(result.outcome, 'IPSEC_NO_PROPOSAL');
    assert.equal(result.detectedBy?.deviceName, responder);
    assert.match(result.reason, /^no IPsec proposal matched: .* offers \[esp\/.*\], .* accepts \[esp\/.*\]$/);
    assert.equal(result.initiator.ikeSa?.state, 'Matured', 'the IKE SA stays up');
    assert.match(summaries(result).at(-1)!, /Informational: HASH: 20 bytes; Notify: NO-PROPOSAL-CHOSEN/);
  });

  test(`PFS group differs, ${initiator} initiating -> PFS_MISMATCH`, () => {
    const result = run({}, { ipsec: { pfsGroup: 'group5' } }, initiator);
    assert.equal(result.outcome, 'PFS_MISMATCH');
    assert.equal(result.detectedBy?.deviceName, responder);
    const [asks, requires] = initiator === 'R2' ? ['group2', 'group5'] : ['group5', 'group2'];
    assert.equal(result.reason, `perfect-forward-secrecy differs: ${initiator} asks for ${asks}, ${responder} requires ${requires} (Quick Mode refused)`);
  });

  test(`IKE version differs, ${initiator} on IKEv1: the IKEv2 side drops every message, the initiator times out`, () => {
    const v2: EndChanges = { ike: IKEV2_CHANGES.ike! };
    const result = initiator === 'R2' ? run({}, v2, 'R2') : run(v2, {}, 'R3');
    assert.equal(result.outcome, 'IKE_VERSION_MISMATCH');
    assert.equal(result.detectedBy?.deviceName, responder);
    assert.equal(result.reason, `${initiator} sends IKEv1 but ${responder}'s IKE policy uses version 2: ${responder} drops its messages; ${initiator} gave up after 5 retransmissions`);
  });

  test(`main vs aggressive, ${initiator} starts main mode: the responder refuses the exchange type`, () => {
    const [r2, r3]: EndChanges[] = initiator === 'R2' ? [{}, { ike: { mode: 'aggressive' } }] : [{ ike: { mode: 'aggressive' } }, {}];
    const result = run(r2, r3, initiator);
    assert.equal(result.outcome, 'IKE_MODE_MISMATCH');
    assert.equal(result.detectedBy?.deviceName, responder);
    assert.equal(result.reason, `IKE mode differs: ${initiator} starts main mode, ${responder}'s IKE policy is mode aggressive`);
    assert.equal(result.initiator.failure?.outcome, 'IKE_MODE_MISMATCH');
  });
}

test('IKEv2 initiator towards an IKEv1 responder: dropped, IKE_VERSION_MISMATCH', () => {
  const result = run(IKEV2_CHANGES, {});
  assert.equal(result.outcome, 'IKE_VERSION_MISMATCH');
  assert.equal(result.detectedBy?.deviceName, 'R3');
  assert.match(result.reason, /^R2 sends IKEv2 but R3's IKE policy uses version 1/);
});

test('proxy identities differ (IKEv1) -> TS_UNACCEPTABLE with INVALID-ID-INFORMATION', () => {
  const result = run({}, { ipsec: { localPrefix: '10.1.57.0/24' } });
  assert.equal(result.outcome, 'TS_UNACCEPTABLE');
  assert.match(result.reason, /^proxy identities differ: R2 proposes 10.1.12.0\/24 -> 10.1.56.0\/24, R3 expects 10.1.12.0\/24 -> 10.1.57.0\/24$/);
  assert.match(summaries(result).at(-1)!, /INVALID-ID-INFORMATION/);
});

test('disjoint traffic selectors (IKEv2) -> TS_UNACCEPTABLE, IKE SA up on both sides', () => {
  const result = run(IKEV2_CHANGES, { ...IKEV2_CHANGES, ipsec: { ...IKEV2_CHANGES.ipsec, localPrefix: '10.1.57.0/24' } });
  assert.equal(result.outcome, 'TS_UNACCEPTABLE');
  assert.equal(result.initiator.ikeSa?.state, 'Matured');
  assert.equal(result.responder.ikeSa?.state, 'Matured');
});

test('unreachable peer: 5 retransmissions at 2, 4, 8, 16, 32 s, then PEER_UNREACHABLE at 126 s of virtual time', () => {
  const clock = new SimulatedClock();
  const network = new InMemoryNetwork(clock);
  network.setIsolated('10.1.15.2', true);
  const { r2, r3 } = seedTunnel();
  const result = negotiate(r2, r3, { seed: 'down', clock, network });
  assert.equal(result.outcome, 'PEER_UNREACHABLE');
  assert.equal(result.detectedBy?.deviceName, 'R2');
  assert.equal(result.initiator.retransmissions, RETRANSMISSION_SCHEDULE.maxRetransmissions);
  const sends = result.log.filter((e) => e.kind === 'message');
  assert.deepEqual(sends.map((e) => e.time), [0, 2000, 6000, 14000, 30000, 62000]);
  assert.deepEqual(sends.map((e) => (e.kind === 'message' ? e.retransmission : null)), [false, true, true, true, true, true]);
  assert.equal(result.elapsedMs, 126000);
  assert.equal(result.reason, "R3 (10.1.15.2) did not answer R2's Main Mode message 1: 5 retransmissions, no answer 126 s after the first send");
  assert.ok(network.records.every((r) => r.outcome === 'isolated'));
});

test('a lost reply is recovered by retransmission: the responder answers the repeated request from its cache', () => {
  const clock = new SimulatedClock();
  let dropped = 0;
  // Drop the first copy of Main Mode message 4 (the 4th packet) by isolating R3 while it is in flight.
  const network = new InMemoryNetwork(clock, { latencyMs: 1 });
  const { r2, r3 } = seedTunnel();
  const originalSend = network.sendUdp.bind(network);
  network.sendUdp = (send) => {
    const record = originalSend(send);
    if (network.records.length === 4 && dropped === 0) { dropped++; network.setIsolated('10.1.15.2', true); clock.setTimeout(() => network.setIsolated('10.1.15.2', false), 1); }
    return record;
  };
  const result = negotiate(r2, r3, { seed: 'lossy', clock, network });
  assert.equal(result.outcome, 'ESTABLISHED', result.reason);
  assert.equal(result.initiator.retransmissions, 1);
  const repeated = result.log.filter((e) => e.kind === 'message' && e.retransmission);
  assert.equal(repeated.length, 2, 'R2 repeats message 3 and R3 repeats its cached message 4');
});

test('a corrupted datagram never crashes a negotiation: every run ends with a verdict (fast-check)', () => {
  const fc = require('fast-check') as typeof import('fast-check');
  fc.assert(fc.property(
    fc.constantFrom<'v1-main' | 'v1-aggressive' | 'v2'>('v1-main', 'v1-aggressive', 'v2'), fc.nat(8), fc.nat(2000), fc.integer({ min: 1, max: 255 }),
    (variant, target, position, mask) => {
      const clock = new SimulatedClock();
      const network = new InMemoryNetwork(clock);
      const changes: EndChanges = variant === 'v2' ? IKEV2_CHANGES : variant === 'v1-aggressive' ? { ike: { mode: 'aggressive' } } : {};
      const { r2, r3 } = seedTunnel(changes, changes);
      let sent = 0;
      const send = network.sendUdp.bind(network);
      network.sendUdp = (datagram) => {
        if (sent++ !== target) return send(datagram);
        const payload = Buffer.from(datagram.payload);
        payload[position % payload.length]! ^= mask;
        return send({ ...datagram, payload });
      };
      const result = negotiate(r2, r3, { seed: `fuzz-${target}`, clock, network });
      assert.equal(typeof result.outcome, 'string');
      assert.equal(typeof result.reason, 'string');
      if (result.outcome === 'ESTABLISHED') {
        assert.equal(result.initiator.ipsecSas[0]!.spi, result.responder.ipsecSas[1]!.spi);
      }
    },
  ), { numRuns: 60 });
});

test('unusable configuration (unknown algorithm names, AH-only IPsec proposals) gives a verdict and events, never a throw', () => {
  const bogus = { name: 'bogus', authenticationMethod: 'pre-shared-keys' as const, dhGroup: 'group99', authenticationAlgorithm: 'sha1', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 3600 };
  const noIke = run({ ike: { proposals: [bogus] } }, {});
  assert.equal(noIke.outcome, 'IKE_NO_PROPOSAL');
  assert.equal(noIke.detectedBy?.deviceName, 'R2');
  assert.equal(noIke.reason, 'R2 has no usable IKE proposal to offer');
  assert.ok(noIke.log.some((e) => e.kind === 'event' && /dh-group group99 is not implemented/.test(e.text)));
  const ahOnly = run({ ipsec: { proposals: [{ name: 'ah', protocol: 'ah', authenticationAlgorithm: 'hmac-sha1-96', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 3600 }] } }, {});
  assert.equal(ahOnly.outcome, 'IPSEC_NO_PROPOSAL');
  assert.equal(ahOnly.reason, 'R2 has no usable IPsec proposal to offer');
  assert.ok(ahOnly.log.some((e) => e.kind === 'event' && /protocol ah is not simulated/.test(e.text)));
});
