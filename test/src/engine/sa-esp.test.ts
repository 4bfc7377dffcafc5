// The IPsec SAs a negotiation installs really carry traffic: R1's ping to R4 (10.1.12.2 -> 10.1.56.2)
// is encapsulated with the initiator's outbound SA and opened with the responder's inbound SA, and
// the reply goes the other way, for the seed's 3DES / HMAC-SHA1-96 tunnel (IKEv1) and an AES-GCM child
// (IKEv2). A packet sealed for one direction does not open with the other direction's SA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../../engine/src/crypto/random';
import { negotiate, type IpsecSaRecord, type NegotiationResult } from '../../../engine/src/sa/index';
import { espDecapsulate, espEncapsulate } from '../../../engine/src/wire/esp';
import { ReplayWindow } from '../../../engine/src/wire/replay-window';
import { innerPing } from './fixtures';
import { IKEV2_CHANGES, seedTunnel } from './sa-fixtures';

const sa = (records: readonly IpsecSaRecord[], direction: 'inbound' | 'outbound') => records.find((r) => r.direction === direction)!;

function carriesPings(result: NegotiationResult): void {
  assert.equal(result.outcome, 'ESTABLISHED', result.reason);
  const random = seededRandom('esp');
  const i = result.initiator.ipsecSas, r = result.responder.ipsecSas;
  const windowAtResponder = new ReplayWindow(sa(r, 'inbound').antiReplayWindow);
  const windowAtInitiator = new ReplayWindow(sa(i, 'inbound').antiReplayWindow);
  for (let sequence = 1; sequence <= 3; sequence++) {
    const there = espEncapsulate(sa(i, 'outbound').esp, sequence, innerPing(sequence), random);
    assert.equal(there.readUInt32BE(0), sa(r, 'inbound').spi);
    const opened = espDecapsulate(sa(r, 'inbound').esp, there, windowAtResponder);
    assert.ok(opened.ok, opened.ok ? '' : opened.detail);
    assert.deepEqual(opened.payload, innerPing(sequence));
    const back = espEncapsulate(sa(r, 'outbound').esp, sequence, innerPing(100 + sequence), random);
    const returned = espDecapsulate(sa(i, 'inbound').esp, back, windowAtInitiator);
    assert.ok(returned.ok);
    assert.deepEqual(returned.payload, innerPing(100 + sequence));
  }
  // Wrong direction: the initiator's own inbound SA has another SPI and other keys.
  const misrouted = espEncapsulate(sa(i, 'outbound').esp, 9, innerPing(9), random);
  const wrong = espDecapsulate({ ...sa(i, 'inbound').esp, spi: sa(i, 'outbound').spi }, misrouted);
  assert.equal(wrong.ok, false);
  assert.equal(!wrong.ok && wrong.failure, 'auth-failure');
  // Replay of an accepted packet is refused by the window.
  const replayed = espEncapsulate(sa(i, 'outbound').esp, 2, innerPing(2), random);
  const again = espDecapsulate(sa(r, 'inbound').esp, replayed, windowAtResponder);
  assert.equal(!again.ok && again.failure, 'replay');
}

test('IKEv1 (seed settings): ESP 3des-cbc / hmac-sha1-96 keys from Quick Mode carry pings both ways', () => {
  const { r2, r3 } = seedTunnel();
  const result = negotiate(r2, r3, { seed: 'esp-v1' });
  assert.equal(sa(result.initiator.ipsecSas, 'outbound').esp.cipher.name, '3des-cbc');
  assert.equal(sa(result.initiator.ipsecSas, 'outbound').esp.integrity?.name, 'hmac-sha1-96');
  carriesPings(result);
});

test('IKEv1 aggressive mode with R3 initiating, aes-128-cbc / hmac-sha-256-128 ESP', () => {
  const ipsec = { proposals: [{ name: 'aes', protocol: 'esp' as const, authenticationAlgorithm: 'hmac-sha-256-128', encryptionAlgorithm: 'aes-128-cbc', lifetimeSeconds: 3600 }] };
  const { r2, r3 } = seedTunnel({ ike: { mode: 'aggressive' }, ipsec }, { ike: { mode: 'aggressive' }, ipsec });
  carriesPings(negotiate(r3, r2, { seed: 'esp-aggr' }));
});

test('IKEv2: the AES-GCM child SA keys (key + salt) carry pings both ways', () => {
  const { r2, r3 } = seedTunnel(IKEV2_CHANGES, IKEV2_CHANGES);
  const result = negotiate(r2, r3, { seed: 'esp-v2' });
  assert.equal(sa(result.initiator.ipsecSas, 'outbound').esp.cipher.name, 'aes-256-gcm');
  carriesPings(result);
});
