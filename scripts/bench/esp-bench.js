#!/usr/bin/env node
// scripts/bench/esp-bench.js: ESP throughput per cipher, in the same run compared with `openssl speed -evp`
// of the same cipher on the same machine.
//   - forwarding path: the seed network (examples/ike-dynamic-sa) with both ends' IPsec proposal switched
//     to the cipher, R1 pinging R4 with 1400-byte echo requests through the tunnel: every request and
//     reply is encrypted by one router's service set and decrypted by the other's (real packets, routing,
//     classifier, ESP with HMAC or GCM, anti-replay). Throughput = inner bytes encrypted per second of
//     wall time spent on the traffic (a 1-ping run is subtracted to remove compiling and IKE).
//   - ESP codec alone: espEncapsulate + espDecapsulate of a 1428-byte inner packet in a loop.
//   - openssl: `openssl speed -evp CIPHER -bytes 1424 -seconds 1` (encryption only, 1 block size).
// The ratio shows what the simulator's TypeScript/Node layers cost next to raw OpenSSL (which Node's
// crypto also calls). Not a test: prints numbers only. Needs `tsc -b` output.
// Usage: node scripts/bench/esp-bench.js [pings]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '../..');
const { simulate } = require(path.join(root, 'out/engine/src/simulate/index.js'));
const esp = require(path.join(root, 'out/engine/src/wire/esp.js'));
const { ReplayWindow } = require(path.join(root, 'out/engine/src/wire/replay-window.js'));
const { cipherSpec } = require(path.join(root, 'out/engine/src/crypto/ciphers.js'));
const { integritySpec } = require(path.join(root, 'out/engine/src/crypto/integrity.js'));
const { seededRandom } = require(path.join(root, 'out/engine/src/crypto/random.js'));

const pings = Number(process.argv[2] ?? 1500);
const SIZE = 1400;
const CIPHERS = [
  { junos: '3des-cbc', openssl: 'des-ede3-cbc', integrity: 'hmac-sha1-96' },
  { junos: 'aes-128-cbc', openssl: 'aes-128-cbc', integrity: 'hmac-sha1-96' },
  { junos: 'aes-192-cbc', openssl: 'aes-192-cbc', integrity: 'hmac-sha1-96' },
  { junos: 'aes-256-cbc', openssl: 'aes-256-cbc', integrity: 'hmac-sha-256-128' },
  { junos: 'aes-128-gcm', openssl: 'aes-128-gcm', integrity: undefined },
  { junos: 'aes-256-gcm', openssl: 'aes-256-gcm', integrity: undefined },
];

const dir = path.join(root, 'examples/ike-dynamic-sa');
const seedInputs = fs.readdirSync(dir).filter((f) => f.endsWith('.conf')).sort().map((f) => ({ id: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));

function withCipher(c) {
  return seedInputs.map((f) => {
    let text = f.text.replace('encryption-algorithm 3des-cbc;', `encryption-algorithm ${c.junos};`);
    text = c.integrity === undefined ? text.replace(/\n\s*authentication-algorithm hmac-sha1-96;/, '') : text.replace('authentication-algorithm hmac-sha1-96;', `authentication-algorithm ${c.integrity};`);
    return { id: f.id, text };
  });
}

async function forwardingPath(c) {
  const inputs = withCipher(c);
  const time = async (count) => {
    const start = performance.now();
    const r = await simulate(inputs, { seed: 1, ping: [{ from: 'R1', to: '10.1.56.2', count, size: SIZE }] });
    return { ms: performance.now() - start, r };
  };
  await time(1);
  const base = await time(1);
  const full = await time(pings);
  const t = full.r.traffic;
  if (full.r.tunnels[0].verdict !== 'ESTABLISHED' || t.pings[0].received !== pings) throw new Error(`${c.junos}: tunnel ${full.r.tunnels[0].verdict}, ${t.pings[0].received}/${pings} replies`);
  const bytes = t.statistics.reduce((n, s) => n + s.serviceSets.reduce((m, x) => m + x.encryptedBytes, 0), 0);
  return bytes / ((full.ms - base.ms) / 1000);
}

function codecAlone(c) {
  const cipher = cipherSpec(c.junos);
  const integrity = c.integrity === undefined ? undefined : integritySpec(c.integrity);
  const random = seededRandom(1);
  const sa = esp.espSaFromKeymat(0x1000, cipher, integrity, random.bytes(esp.espKeymatLength(cipher, integrity)));
  const inner = random.bytes(SIZE + 28);
  const window = new ReplayWindow(128);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 700) {
    for (let i = 0; i < 200; i++) {
      n++;
      const packet = esp.espEncapsulate(sa, n, inner, random);
      const opened = esp.espDecapsulate(sa, packet, window);
      if (!opened.ok) throw new Error(opened.detail);
    }
  }
  return (n * inner.length) / ((performance.now() - start) / 1000);
}

function opensslSpeed(c) {
  const r = spawnSync('openssl', ['speed', '-evp', c.openssl, '-bytes', String(SIZE + 24), '-seconds', '1'], { encoding: 'utf8' });
  const line = (r.stdout || '').split('\n').find((l) => l.trim().toLowerCase().startsWith(c.openssl.toLowerCase()));
  const value = line ? Number(line.trim().split(/\s+/).pop().replace(/k$/, '')) : NaN;
  return value * 1000; // openssl prints 1000s of bytes per second
}

const mb = (bps) => `${(bps / 1e6).toFixed(1).padStart(8)} MB/s`;

(async () => {
  console.log(`ESP throughput, ${SIZE}-byte echo requests (${SIZE + 28}-byte inner packets), ${pings} pings per cipher; node ${process.version}`);
  console.log(`${'cipher'.padEnd(26)} ${'forwarding'.padStart(13)} ${'codec'.padStart(13)} ${'openssl'.padStart(13)}  fwd/openssl  codec/openssl`);
  for (const c of CIPHERS) {
    const fwd = await forwardingPath(c);
    const codec = codecAlone(c);
    const ossl = opensslSpeed(c);
    const name = `${c.junos}${c.integrity ? `+${c.integrity}` : ''}`;
    console.log(`${name.padEnd(26)} ${mb(fwd)} ${mb(codec)} ${mb(ossl)}  ${(fwd / ossl).toFixed(3).padStart(11)}  ${(codec / ossl).toFixed(3).padStart(13)}`);
  }
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
