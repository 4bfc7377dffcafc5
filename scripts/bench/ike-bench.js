#!/usr/bin/env node
// scripts/bench/ike-bench.js: how long the SA layer takes to bring tunnels up, and how much of that is
// Diffie-Hellman arithmetic.
//   - one tunnel: R2 <-> R3 with the seed's settings (IKEv1 Main Mode + Quick Mode, 3des-cbc/sha1/group2,
//     PFS group2), median of repeated runs, fresh network each time;
//   - hub and spokes: one hub (10.0.0.1) negotiating with N spokes (default 1000) in turn on one shared
//     network and simulated clock (packet recording off), seed settings, then the same with IKEv2
//     (aes-256-cbc/sha-256/group14, AES-GCM child);
//   - DH share: the real run's time spent in key pair generation and g^xy (the crypto module's
//     createKeyExchange and computeSharedSecret, wrapped with a timer), divided by the total.
// Not a test: prints numbers only. Needs `tsc -b` output (out/engine, out/test for the fixtures).
// Usage: node scripts/bench/ike-bench.js [spokes]
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '../..');
const dh = require(path.join(root, 'out/engine/src/crypto/diffie-hellman.js'));
const { negotiate } = require(path.join(root, 'out/engine/src/sa/index.js'));
const { SimulatedClock } = require(path.join(root, 'out/engine/src/net/clock.js'));
const { InMemoryNetwork } = require(path.join(root, 'out/engine/src/net/network.js'));
const { seedTunnel, IKEV2_CHANGES } = require(path.join(root, 'out/test/src/engine/sa-fixtures.js'));

const spokes = Number(process.argv[2] ?? 1000);

// Time every DH operation the negotiations perform.
let dhMs = 0;
let dhOps = 0;
const originalCreate = dh.createKeyExchange;
dh.createKeyExchange = (group, random) => {
  const start = performance.now();
  const pair = originalCreate(group, random);
  dhMs += performance.now() - start;
  dhOps++;
  const compute = pair.computeSharedSecret.bind(pair);
  return {
    group: pair.group,
    publicValue: pair.publicValue,
    computeSharedSecret(peer) {
      const t = performance.now();
      const result = compute(peer);
      dhMs += performance.now() - t;
      dhOps++;
      return result;
    },
  };
};

function hubAndSpokes(count, changes, label) {
  const clock = new SimulatedClock();
  const network = new InMemoryNetwork(clock, { recordPackets: false });
  dhMs = 0; dhOps = 0;
  let established = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const spoke = `10.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
    const base = seedTunnel(changes, changes);
    const hub = { ...base.r3, ike: { ...base.r3.ike, deviceName: 'hub', localAddress: '10.0.0.1', remoteAddress: spoke } };
    const end = { ...base.r2, ike: { ...base.r2.ike, deviceName: `spoke${i}`, localAddress: spoke, remoteAddress: '10.0.0.1' } };
    const result = negotiate(end, hub, { seed: i, clock, network });
    if (result.outcome === 'ESTABLISHED') established++;
  }
  const total = performance.now() - start;
  console.log(`${label}: ${count} tunnels (hub and spokes) in ${total.toFixed(0)} ms = ${(total / count).toFixed(2)} ms/tunnel, `
    + `${established} established; DH ${dhOps} ops, ${dhMs.toFixed(0)} ms = ${(100 * dhMs / total).toFixed(1)}% of the time (ratio ${(dhMs / total).toFixed(3)})`);
}

function oneTunnel(changes, label, runs = 21) {
  const times = [];
  let dhShare = 0;
  for (let i = 0; i < runs; i++) {
    const { r2, r3 } = seedTunnel(changes, changes);
    dhMs = 0;
    const start = performance.now();
    const result = negotiate(r2, r3, { seed: i });
    const elapsed = performance.now() - start;
    if (result.outcome !== 'ESTABLISHED') throw new Error(`${label}: ${result.reason}`);
    if (i > 0) { times.push(elapsed); dhShare += dhMs / elapsed; }
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: one tunnel median ${times[Math.floor(times.length / 2)].toFixed(2)} ms (min ${times[0].toFixed(2)}, ${runs - 1} runs after a warm-up), DH ratio ${(dhShare / times.length).toFixed(3)}`);
}

oneTunnel({}, 'IKEv1 seed settings (group2 + PFS group2)');
oneTunnel(IKEV2_CHANGES, 'IKEv2 aes-256-cbc/sha-256/group14, aes-256-gcm');
hubAndSpokes(spokes, {}, 'IKEv1 seed settings');
hubAndSpokes(spokes, IKEV2_CHANGES, 'IKEv2 group14');
