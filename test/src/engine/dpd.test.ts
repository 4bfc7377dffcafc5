/**
 * Dead peer detection on the seed network with `initiate-dead-peer-detection` on R2 (no backup gateway): an
 * idle tunnel gets an encrypted R-U-THERE at every 10 s poll that R3 acknowledges; when the R2-R3 link fails
 * during a ping, the hello and its two retries 2 s apart go unanswered, R2 declares the peer dead, clears
 * its SAs and the routes through the tunnel disappear (the ping then fails at R1 with no route), and with no
 * backup the watch stops; without the statement nothing is sent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simulate } from '../../../engine/src/simulate/index';
import type { NetworkInput } from '../../../engine/src/index';
import { editFile, exampleFolder } from './routing-fixtures';

function withDpd(extra = ''): NetworkInput[] {
  return editFile(exampleFolder('ike-dynamic-sa'), 'r2.conf', 'remote-gateway 10.1.15.2;', `remote-gateway 10.1.15.2;\n                    initiate-dead-peer-detection;${extra}`);
}

test('an idle tunnel: R2 polls every 10 s, sends R-U-THERE, R3 acknowledges each', async () => {
  // R1 pings R2's own address: traffic, but none through the tunnel.
  const result = await simulate(withDpd(), { seed: 4, ping: [{ from: 'R1', to: '10.1.12.1', count: 25 }] });
  const events = result.traffic!.deadPeerDetection.map((e) => `${e.router} ${e.kind}`);
  assert.deepEqual(events, ['R2 hello', 'R2 ack', 'R2 hello', 'R2 ack'], 'the ACK is IKE traffic: the tunnel stays idle, so every poll sends a hello');
  const [hello, ack] = result.traffic!.deadPeerDetection;
  assert.ok(ack!.time - hello!.time < 10, 'the ack comes back within milliseconds');
  assert.ok(result.traffic!.traces.some((t) => t.router === 'R3' && t.protocol === 17 && t.action === 'deliver' && t.source === '10.1.15.1'), 'the hello is a real UDP packet R3 receives');
  assert.ok(result.traffic!.traces.some((t) => t.router === 'R2' && t.protocol === 17 && t.action === 'deliver' && t.source === '10.1.15.2'), 'and R3 answers with one');
  assert.match(hello!.text, /DPD hello R-U-THERE seq 1$/);
  assert.match(ack!.text, /R-U-THERE-ACK seq 1 from 10\.1\.15\.2/);
});

test('a busy tunnel sends no hello (traffic through it proves the peer alive)', async () => {
  const result = await simulate(withDpd(), { seed: 4, ping: [{ from: 'R1', to: '10.1.56.2', count: 25 }] });
  assert.deepEqual(result.traffic!.deadPeerDetection, []);
  assert.equal(result.traffic!.pings[0]!.received, 25);
});

test('the R2-R3 link fails at 10 s: three unanswered hellos 2 s apart, peer dead, SAs cleared, routes gone', async () => {
  const result = await simulate(withDpd(), { seed: 4, fail: ['R2:ge-0/0/1<->R3:ge-0/0/1@10'], ping: [{ from: 'R1', to: '10.1.56.2', count: 35 }] });
  const failure = result.traffic!.failures[0]!;
  assert.deepEqual([failure.kind, failure.atSeconds], ['link', 10]);
  const all = result.traffic!.deadPeerDetection;
  assert.deepEqual(all.map((e) => e.kind), ['hello', 'no-ack', 'retry', 'no-ack', 'retry', 'no-ack', 'dead', 'sa-cleared', 'stopped']);
  const dpd = all.filter((e) => e.kind === 'hello' || e.kind === 'retry' || e.kind === 'dead');
  const t0 = dpd[0]!.time;
  assert.deepEqual(dpd.map((e) => Math.round(e.time - t0)), [0, 2000, 4000, 6000]);
  assert.match(dpd[3]!.text, /R3 \(10\.1\.15\.2\) did not answer 3 hello\(s\): peer declared dead/);
  assert.match(all[7]!.text, /IKE SA [0-9a-f]{16}\/[0-9a-f]{16} and its IPsec SAs with 10\.1\.15\.2 cleared/);
  assert.match(all[8]!.text, /no backup-remote-gateway/);
  assert.deepEqual(result.traffic!.renegotiations, [], 'no backup: nothing is negotiated');
  const ping = result.traffic!.pings[0]!;
  assert.equal(ping.received, 10, 'the first ten pings, before the failure');
  // Before DPD gives up, R2 still routes into the tunnel (requests lost on the dead link); after, R1 has no route.
  const start = result.traffic!.traces.find((t) => t.packet === ping.packets[0])!.time;
  const firstAfterDead = Math.ceil((dpd[3]!.time - start) / 1000);
  assert.equal(firstAfterDead, 26, 'poll at 20 s finds the tunnel idle since the failure; dead 6 s later');
  assert.deepEqual(ping.sendErrors.map((e) => e.sequence), Array.from({ length: 35 - firstAfterDead }, (_, i) => firstAfterDead + i));
});

test('dead-peer-detection threshold 2: the hello and one retry, then dead', async () => {
  const result = await simulate(withDpd('\n                    dead-peer-detection { interval 10; threshold 2; }'), { seed: 4, fail: ['r3@5'], ping: [{ from: 'R1', to: '10.1.12.1', count: 30 }] });
  assert.equal(result.tunnels[0]?.verdict, 'ESTABLISHED');
  assert.deepEqual(result.traffic!.deadPeerDetection.map((e) => e.kind), ['hello', 'no-ack', 'retry', 'no-ack', 'dead', 'sa-cleared', 'stopped']);
});

test('without initiate-dead-peer-detection no hello is sent', async () => {
  const result = await simulate(exampleFolder('ike-dynamic-sa'), { seed: 4, fail: ['R2:ge-0/0/1<->R3:ge-0/0/1@10'], ping: [{ from: 'R1', to: '10.1.56.2', count: 30 }] });
  assert.deepEqual(result.traffic!.deadPeerDetection, []);
  assert.equal(result.traffic!.pings[0]!.received, 10);
});

test('CLI: --fail LINK@N with DPD prints the failure time and the DPD timeline', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpd-cli-'));
  for (const f of withDpd()) fs.writeFileSync(path.join(dir, f.id), f.text);
  const repoRoot = path.resolve(__dirname, '../../../..');
  const main = path.join(repoRoot, 'bin', 'junos-ipsec.js');
  const r = spawnSync(process.execPath, [main, 'simulate', '--seed', '2', '--show', 'none', '--fail', 'R2:ge-0/0/1<->R3:ge-0/0/1@10', '--ping', 'R1:10.1.56.2', '--count', '30', dir], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /failed at 10 s: link R2:ge-0\/0\/1<->R3:ge-0\/0\/1 is down\n/);
  assert.match(r.stdout, /dead peer detection and failover:\n +time +router +event +what\n +[\d.]+ s +R2 +hello +no traffic from 10\.1\.15\.2 for 10 s: DPD hello R-U-THERE seq \d+\n/);
  assert.match(r.stdout, /\n +[\d.]+ s +R2 +retry +retry 2: R-U-THERE seq \d+\n +[\d.]+ s +R2 +no-ack .*\n +[\d.]+ s +R2 +dead +R3 \(10\.1\.15\.2\) did not answer 3 hello\(s\)/);
  assert.match(r.stdout, /30 packets transmitted, 10 packets received/);
});
