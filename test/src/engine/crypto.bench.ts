// Benchmark (not a test; run `node out/test/src/engine/crypto.bench.js`): Diffie-Hellman cost per group
// (key pair + shared secret) and ESP encapsulate/decapsulate throughput per cipher suite on 1400-byte
// inner packets, with `openssl speed -evp` for the same cipher when openssl is on PATH (ratio).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DH_GROUPS } from '../../../engine/src/crypto/dh-groups';
import { createKeyExchange } from '../../../engine/src/crypto/diffie-hellman';
import { seededRandom } from '../../../engine/src/crypto/random';
import { espDecapsulate, espEncapsulate } from '../../../engine/src/wire/esp';
import type { CipherName } from '../../../engine/src/crypto/ciphers';
import type { IntegrityName } from '../../../engine/src/crypto/integrity';
import { ReplayWindow } from '../../../engine/src/wire/replay-window';
import { espSa } from './fixtures';

const random = seededRandom('bench');

function timeIt(budgetMs: number, body: () => void): { perOpMs: number; ops: number } {
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) { body(); ops++; }
  return { perOpMs: (performance.now() - start) / ops, ops };
}

console.log('Diffie-Hellman: one side = key pair + shared secret');
for (const group of DH_GROUPS.values()) {
  const peer = createKeyExchange(group, random);
  const { perOpMs, ops } = timeIt(500, () => { const kx = createKeyExchange(group, random); kx.computeSharedSecret(peer.publicValue); });
  console.log(`  group ${String(group.id).padStart(2)} (${group.kind} ${group.kind === 'modp' ? group.primeHex.length * 4 : group.curve}): ${perOpMs.toFixed(3)} ms/op (${ops} ops)`);
}

function opensslMbps(cipher: string): number | undefined {
  const run = spawnSync('openssl', ['speed', '-evp', cipher, '-bytes', '1408', '-seconds', '1'], { encoding: 'utf8' });
  if (run.status !== 0) return undefined;
  const line = run.stdout.split('\n').find((l) => l.startsWith(cipher) || l.toLowerCase().startsWith(cipher));
  const value = line?.trim().split(/\s+/).pop();
  return value === undefined ? undefined : Number(value.replace(/k$/, '')) / 1000;
}

const suites: Array<[CipherName, IntegrityName | undefined, string]> = [
  ['3des-cbc', 'hmac-sha1-96', 'des-ede3-cbc'], ['aes-128-cbc', 'hmac-sha1-96', 'aes-128-cbc'], ['aes-256-cbc', 'hmac-sha-256-128', 'aes-256-cbc'],
  ['aes-128-cbc', 'hmac-md5-96', 'aes-128-cbc'], ['aes-128-gcm', undefined, 'aes-128-gcm'], ['aes-256-gcm', undefined, 'aes-256-gcm'],
];
const inner = Buffer.alloc(1400, 0x61);
console.log('ESP tunnel mode, 1400-byte inner packets (MB/s of inner bytes)');
for (const [cipher, integrity, opensslName] of suites) {
  const sa = espSa(cipher, integrity);
  let sequence = 0;
  const enc = timeIt(400, () => { espEncapsulate(sa, ++sequence, inner, random); });
  const packets = Array.from({ length: 256 }, (_, i) => espEncapsulate(sa, i + 1, inner, random));
  let index = 0;
  const dec = timeIt(400, () => { espDecapsulate(sa, packets[index++ % packets.length]!, new ReplayWindow(0)); });
  const encMbps = 1400 / enc.perOpMs / 1000;
  const decMbps = 1400 / dec.perOpMs / 1000;
  const reference = opensslMbps(opensslName);
  const ratio = reference === undefined ? '' : `  openssl speed -evp ${opensslName}: ${reference.toFixed(0)} MB/s (encap = ${(100 * encMbps / reference).toFixed(1)}%)`;
  console.log(`  ${cipher} + ${integrity ?? 'GCM ICV'}: encap ${encMbps.toFixed(1)} MB/s, decap ${decMbps.toFixed(1)} MB/s${ratio}`);
}
