// IKEv1 negotiations between the seed's R2 and R3 through negotiate(): Main Mode + Quick Mode with the
// seed's settings and Aggressive Mode, each with R2 and with R3 initiating. Checks the outcome, the
// message sequence on the wire, SPIs crossed between the sides, equal keys, the IKE SA summary,
// reproducibility with a seed, and that no secret reaches the log or the JSON form of the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedClock } from '../../../engine/src/net/clock';
import { InMemoryNetwork } from '../../../engine/src/net/network';
import { negotiate, type NegotiationResult } from '../../../engine/src/sa/index';
import { R2_ADDRESS, R3_ADDRESS, SEED_PSK, seedTunnel } from './sa-fixtures';

function messages(result: NegotiationResult): string[] {
  return result.log.flatMap((e) => (e.kind === 'message' ? [`${e.from}>${e.to} ${e.exchange} ${e.messageNumber}${e.encrypted ? ' enc' : ''}: ${e.payloads.join(',')}`] : []));
}

function assertCrossed(result: NegotiationResult): void {
  const a = result.initiator.ipsecSas, b = result.responder.ipsecSas;
  assert.equal(a.length, 2);
  assert.equal(b.length, 2);
  const inA = a.find((s) => s.direction === 'inbound')!, outA = a.find((s) => s.direction === 'outbound')!;
  const inB = b.find((s) => s.direction === 'inbound')!, outB = b.find((s) => s.direction === 'outbound')!;
  assert.notEqual(inA.spi, outA.spi);
  assert.equal(inA.spi, outB.spi, 'initiator inbound = responder outbound');
  assert.equal(outA.spi, inB.spi, 'initiator outbound = responder inbound');
  assert.deepEqual(inA.esp.encryptionKey, outB.esp.encryptionKey);
  assert.deepEqual(inA.esp.integrityKey, outB.esp.integrityKey);
  assert.deepEqual(outA.esp.encryptionKey, inB.esp.encryptionKey);
  assert.notDeepEqual(inA.esp.encryptionKey, outA.esp.encryptionKey, 'each direction has its own KEYMAT');
  for (const sa of [...a, ...b]) assert.ok(sa.spi >= 256);
}

for (const initiatorName of ['R2', 'R3'] as const) {
  test(`Main Mode + Quick Mode with the seed's settings, ${initiatorName} initiating -> ESTABLISHED`, () => {
    const { r2, r3 } = seedTunnel();
    const [first, second] = initiatorName === 'R2' ? [r2, r3] : [r3, r2];
    const result = negotiate(first, second, { seed: 'seed-tunnel' });
    assert.equal(result.outcome, 'ESTABLISHED', result.reason);
    const other = initiatorName === 'R2' ? 'R3' : 'R2';
    assert.deepEqual(messages(result), [
      `${initiatorName}>${other} Main Mode 1: sa,vendorId,vendorId`,
      `${other}>${initiatorName} Main Mode 2: sa,vendorId,vendorId`,
      `${initiatorName}>${other} Main Mode 3: keyExchange,nonce,natDiscovery,natDiscovery`,
      `${other}>${initiatorName} Main Mode 4: keyExchange,nonce,natDiscovery,natDiscovery`,
      `${initiatorName}>${other} Main Mode 5 enc: identification,hash`,
      `${other}>${initiatorName} Main Mode 6 enc: identification,hash`,
      `${initiatorName}>${other} Quick Mode 1 enc: hash,sa,nonce,keyExchange,identification,identification`,
      `${other}>${initiatorName} Quick Mode 2 enc: hash,sa,nonce,keyExchange,identification,identification`,
      `${initiatorName}>${other} Quick Mode 3 enc: hash`,
    ]);
    assert.deepEqual(result.ikeAlgorithms, { encryption: '3des-cbc', authentication: 'sha1', dhGroup: 'group2', lifetimeSeconds: 3600 });
    assert.deepEqual(result.ipsecAlgorithms, { protocol: 'esp', encryption: '3des-cbc', authentication: 'hmac-sha1-96', pfsGroup: 'group2', lifetimeSeconds: 28800 });
    assertCrossed(result);
    const ikeI = result.initiator.ikeSa!, ikeR = result.responder.ikeSa!;
    assert.equal(ikeI.exchangeType, 'Main');
    assert.equal(ikeI.state, 'Matured');
    assert.equal(ikeI.initiatorCookie, ikeR.initiatorCookie);
    assert.equal(ikeI.responderCookie, ikeR.responderCookie);
    assert.match(ikeI.initiatorCookie, /^[0-9a-f]{16}$/);
    assert.deepEqual(ikeI.nat, { localBehindNat: false, remoteBehindNat: false });
    const local = initiatorName === 'R2' ? '10.1.12.0/24' : '10.1.56.0/24';
    const remote = initiatorName === 'R2' ? '10.1.56.0/24' : '10.1.12.0/24';
    for (const sa of result.initiator.ipsecSas) {
      assert.equal(sa.localIdentity, local);
      assert.equal(sa.remoteIdentity, remote);
      assert.equal(sa.hardLifetimeSeconds, 28800);
      assert.ok(sa.softLifetimeSeconds <= 28800 - 90 && sa.softLifetimeSeconds >= 28800 - 135, String(sa.softLifetimeSeconds));
      assert.equal(sa.antiReplayWindow, 64);
    }
    assert.equal(result.initiator.retransmissions, 0);
  });

  test(`Aggressive Mode + Quick Mode, ${initiatorName} initiating -> ESTABLISHED in 3 + 3 messages`, () => {
    const { r2, r3 } = seedTunnel({ ike: { mode: 'aggressive' } }, { ike: { mode: 'aggressive' } });
    const [first, second] = initiatorName === 'R2' ? [r2, r3] : [r3, r2];
    const result = negotiate(first, second, { seed: 7 });
    assert.equal(result.outcome, 'ESTABLISHED', result.reason);
    const kinds = messages(result).map((m) => m.replace(/^\S+ /, ''));
    assert.deepEqual(kinds, [
      'Aggressive Mode 1: sa,keyExchange,nonce,identification,vendorId,vendorId',
      'Aggressive Mode 2: sa,keyExchange,nonce,identification,hash,vendorId,vendorId,natDiscovery,natDiscovery',
      'Aggressive Mode 3: hash,natDiscovery,natDiscovery',
      'Quick Mode 1 enc: hash,sa,nonce,keyExchange,identification,identification',
      'Quick Mode 2 enc: hash,sa,nonce,keyExchange,identification,identification',
      'Quick Mode 3 enc: hash',
    ]);
    assert.equal(result.initiator.ikeSa?.exchangeType, 'Aggressive');
    assertCrossed(result);
  });
}

test('Quick Mode without PFS carries no KE and still establishes', () => {
  const { r2, r3 } = seedTunnel({ ipsec: { pfsGroup: undefined } }, { ipsec: { pfsGroup: undefined } });
  const result = negotiate(r2, r3, { seed: 3 });
  assert.equal(result.outcome, 'ESTABLISHED', result.reason);
  assert.match(messages(result)[6]!, /Quick Mode 1 enc: hash,sa,nonce,identification,identification$/);
  assert.equal(result.ipsecAlgorithms?.pfsGroup, undefined);
  assertCrossed(result);
});

test('the responder picks the first initiator transform it also has; lifetimes never fail, the responder keeps the shorter', () => {
  const aes = { name: 'aes', authenticationMethod: 'pre-shared-keys' as const, dhGroup: 'group14', authenticationAlgorithm: 'sha-256', encryptionAlgorithm: 'aes-128-cbc', lifetimeSeconds: 3600 };
  const tdes = { name: '3des', authenticationMethod: 'pre-shared-keys' as const, dhGroup: 'group2', authenticationAlgorithm: 'sha1', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 86400 };
  const { r2, r3 } = seedTunnel({ ike: { proposals: [tdes, aes] } }, { ike: { proposals: [aes, { ...tdes, lifetimeSeconds: 1200 }] } });
  const result = negotiate(r2, r3, { seed: 11 });
  assert.equal(result.outcome, 'ESTABLISHED', result.reason);
  assert.equal(result.initiator.ikeSa?.algorithms.encryption, '3des-cbc', "the initiator's order wins");
  assert.equal(result.initiator.ikeSa?.lifetimeSeconds, 86400);
  assert.equal(result.responder.ikeSa?.lifetimeSeconds, 1200);
  const sa = result.log.find((e) => e.kind === 'message' && e.messageNumber === 1)!;
  assert.ok(sa.kind === 'message' && /2 transform\(s\)/.test(sa.summary[0]!), 'both proposals travel as transforms of one proposal');
});

test('a seed reproduces cookies, SPIs, nonces and every byte; another seed does not', () => {
  const run = (seed: string) => {
    const clock = new SimulatedClock();
    const network = new InMemoryNetwork(clock);
    const { r2, r3 } = seedTunnel();
    const result = negotiate(r2, r3, { seed, clock, network });
    return { result, bytes: network.records.map((r) => r.bytes.toString('hex')) };
  };
  const a = run('repro'), b = run('repro'), c = run('other');
  assert.deepEqual(a.bytes, b.bytes);
  assert.equal(a.bytes.length, 9);
  assert.equal(a.result.initiator.ikeSa?.initiatorCookie, b.result.initiator.ikeSa?.initiatorCookie);
  assert.deepEqual(a.result.initiator.ipsecSas.map((s) => s.spi), b.result.initiator.ipsecSas.map((s) => s.spi));
  assert.notEqual(a.result.initiator.ikeSa?.initiatorCookie, c.result.initiator.ikeSa?.initiatorCookie);
  assert.notDeepEqual(a.bytes, c.bytes);
});

test('no pre-shared key, SA key or hash value appears in the log or the JSON result', () => {
  const { r2, r3 } = seedTunnel();
  const result = negotiate(r2, r3, { seed: 'secrets' });
  assert.equal(result.outcome, 'ESTABLISHED');
  const json = JSON.stringify(result);
  assert.ok(!json.includes(SEED_PSK));
  assert.ok(!json.includes(Buffer.from(SEED_PSK).toString('hex')));
  for (const sa of [...result.initiator.ipsecSas, ...result.responder.ipsecSas]) {
    assert.ok(!json.includes(sa.esp.encryptionKey.toString('hex')));
    assert.ok(!json.includes(sa.esp.integrityKey!.toString('hex')));
    assert.equal(Object.keys(sa).includes('esp'), false);
  }
  assert.ok(json.includes(R2_ADDRESS) && json.includes(R3_ADDRESS));
});

test('lifetimes run as timers on the simulated clock: soft expiry then hard expiry', () => {
  const clock = new SimulatedClock();
  const { r2, r3 } = seedTunnel({ ipsec: { proposals: [{ name: 'short', protocol: 'esp', authenticationAlgorithm: 'hmac-sha1-96', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 600 }] } },
    { ipsec: { proposals: [{ name: 'short', protocol: 'esp', authenticationAlgorithm: 'hmac-sha1-96', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 600 }] } });
  const result = negotiate(r2, r3, { seed: 5, clock });
  assert.equal(result.outcome, 'ESTABLISHED');
  const sa = result.initiator.ipsecSas[0]!;
  assert.equal(sa.state, 'Installed');
  clock.advance(sa.softLifetimeSeconds * 1000);
  assert.equal(sa.state, 'Soft-expired');
  clock.advance((sa.hardLifetimeSeconds - sa.softLifetimeSeconds) * 1000);
  assert.equal(sa.state, 'Expired');
  assert.equal(result.initiator.ikeSa?.state, 'Matured');
  clock.advance(3600 * 1000);
  assert.equal(result.initiator.ikeSa?.state, 'Expired');
  assert.ok(result.log.some((e) => e.kind === 'event' && /reached its soft lifetime/.test(e.text)));
});

test('Quick Mode lifetimes: a responder with a shorter lifetime says so (RESPONDER-LIFETIME) and both sides install it', () => {
  const short = { name: 'short', protocol: 'esp' as const, authenticationAlgorithm: 'hmac-sha1-96', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 3600 };
  for (const [r2Life, r3Life, expected, notified] of [[28800, 3600, 3600, true], [3600, 28800, 3600, false]] as const) {
    const { r2, r3 } = seedTunnel({ ipsec: { proposals: [{ ...short, lifetimeSeconds: r2Life }] } }, { ipsec: { proposals: [{ ...short, lifetimeSeconds: r3Life }] } });
    const result = negotiate(r2, r3, { seed: 'life' });
    assert.equal(result.outcome, 'ESTABLISHED', result.reason);
    for (const sa of [...result.initiator.ipsecSas, ...result.responder.ipsecSas]) assert.equal(sa.hardLifetimeSeconds, expected);
    const qm2 = result.log.find((e) => e.kind === 'message' && e.exchange === 'Quick Mode' && e.messageNumber === 2)!;
    assert.equal(qm2.kind === 'message' && qm2.summary.includes('Notify: RESPONDER-LIFETIME'), notified);
  }
});
