/**
 * Traffic outputs and the CLI flags: Junos `ping` and `traceroute` text from outcomes (checked against the
 * seed's own numbers: its five round-trip times must give its min/avg/max/stddev line), and
 * `junos-ipsec simulate --ping/--count/--traceroute/--routes/--fail` run in a child process on the seed
 * network (exit statuses, outputs, usage errors).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatPing, formatTraceroute } from '../../../engine/src/report/index';
import type { PingOutcome, TracerouteOutcome } from '../../../engine/src/traffic/index';
import { simulate } from '../../../engine/src/simulate/index';
import { exampleFolder } from './routing-fixtures';

/** Repository root, computed from out/test/src/engine/. */
const repoRoot = path.resolve(__dirname, '../../../..');
const command = path.join(repoRoot, 'out', 'cli', 'src', 'simulate.js');
const io = path.join(repoRoot, 'out', 'cli', 'src', 'io.js');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script =
    `const { runSimulate } = require(${JSON.stringify(command)}); const { processIo } = require(${JSON.stringify(io)});` +
    'runSimulate(process.argv.slice(1), processIo()).then((s) => { process.exitCode = s; }, (e) => { console.error(e); process.exitCode = 70; });';
  const r = spawnSync(process.execPath, ['-e', script, '--', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('ping output: the seed\'s five times give the seed\'s statistics line', () => {
  const times = [1.351, 1.187, 1.172, 1.154, 1.156];
  const outcome: PingOutcome = {
    from: 'R1', to: '10.1.56.2', source: '10.1.12.2', size: 56, transmitted: 5, received: 5, sendErrors: [], reason: undefined, packets: [],
    replies: times.map((timeMs, sequence) => ({ sequence, from: '10.1.56.2', bytes: 64, ttl: 254, timeMs, error: undefined })),
  };
  assert.equal(
    formatPing(outcome),
    [
      'PING 10.1.56.2 (10.1.56.2): 56 data bytes',
      ...times.map((t, i) => `64 bytes from 10.1.56.2: icmp_seq=${i} ttl=254 time=${t.toFixed(3)} ms`),
      '',
      '--- 10.1.56.2 ping statistics ---',
      '5 packets transmitted, 5 packets received, 0% packet loss',
      'round-trip min/avg/max/stddev = 1.154/1.204/1.351/0.074 ms',
      '',
    ].join('\n'),
  );
});

test('ping output: errors and lost requests', () => {
  const outcome: PingOutcome = {
    from: 'R1', to: '10.1.56.2', source: '10.1.12.2', size: 56, transmitted: 2, received: 0, reason: 'x', packets: [],
    sendErrors: [],
    replies: [{ sequence: 0, from: '10.1.12.1', bytes: 36, ttl: 255, timeMs: 0.2, error: 'Destination Net Unreachable' }],
  };
  const text = formatPing(outcome);
  assert.match(text, /\n36 bytes from 10\.1\.12\.1: Destination Net Unreachable\n/);
  assert.match(text, /2 packets transmitted, 0 packets received, 100% packet loss\n$/);
  assert.ok(!text.includes('round-trip'));
});

test('traceroute output: the seed\'s layout, with * for unanswered probes', () => {
  const outcome: TracerouteOutcome = {
    from: 'R4', to: '10.1.12.2', maxHops: 30, packetBytes: 40, reached: true, reason: undefined,
    hops: [
      { ttl: 1, probes: [0.987, 0.63, 0.563].map((timeMs) => ({ from: '10.1.15.2', timeMs, annotation: undefined })) },
      { ttl: 2, probes: [{ from: undefined, timeMs: undefined, annotation: undefined }, { from: '10.0.0.2', timeMs: 1.058, annotation: undefined }, { from: '10.0.0.2', timeMs: 1.033, annotation: undefined }] },
    ],
  };
  assert.equal(
    formatTraceroute(outcome),
    'traceroute to 10.1.12.2 (10.1.12.2), 30 hops max, 40 byte packets\n' +
      ' 1  10.1.15.2 (10.1.15.2)  0.987 ms  0.630 ms  0.563 ms\n' +
      ' 2  * 10.0.0.2 (10.0.0.2)  1.058 ms  1.033 ms\n',
  );
});

test('CLI: --ping, --count, --traceroute, --routes on the seed network print Junos outputs and exit 0', () => {
  const r = cli('--seed', '3', '--show', 'none', '--ping', 'R1:10.1.56.2', '--count', '3', '--traceroute', 'r4:10.1.12.2', '--routes', 'r2', 'examples/ike-dynamic-sa');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /user@R2> show route\ninet\.0: /);
  assert.match(r.stdout, /10\.1\.56\.0\/30 +\*\[OSPF\/10\] [\d:]+, metric 2\n +> via ms-1\/2\/0\.1\n/);
  assert.match(r.stdout, /user@R1> ping 10\.1\.56\.2 count 3\nPING 10\.1\.56\.2 \(10\.1\.56\.2\): 56 data bytes\n(64 bytes from 10\.1\.56\.2: icmp_seq=\d ttl=254 time=[\d.]+ ms\n){3}/);
  assert.match(r.stdout, /3 packets transmitted, 3 packets received, 0% packet loss/);
  assert.match(r.stdout, /user@R4> traceroute 10\.1\.12\.2\n.*\n 1  10\.1\.15\.2 .*\n 2  10\.0\.0\.2 .*\n 3  10\.1\.12\.2 /);
  assert.match(r.stdout, /user@R3> show services ipsec-vpn ipsec statistics\nPIC: ms-1\/2\/0, Service set: demo-service-set\n/);
});

test('CLI: --fail R2:ge-0/0/1<->R3:ge-0/0/1 makes the ping fail with the reason, exit 1', () => {
  const r = cli('--seed', '3', '--show', 'none', '--fail', 'R2:ge-0/0/1<->R3:ge-0/0/1', '--ping', 'R1:10.1.56.2', 'examples/ike-dynamic-sa');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /R2 <-> R3: PEER_UNREACHABLE/);
  assert.match(r.stdout, /failed: link R2:ge-0\/0\/1<->R3:ge-0\/0\/1 is down\n/);
  assert.match(r.stdout, /0 packets received, 100% packet loss\n\(simulator: R1 has no route to 10\.1\.56\.2 \(tunnel not established: .*PEER_UNREACHABLE\)\)/);
});

test('CLI: usage errors for bad --ping, --count and unknown --fail names', () => {
  const badPing = cli('--ping', 'R1', 'examples/ike-dynamic-sa');
  assert.equal(badPing.status, 2);
  assert.match(badPing.stderr, /--ping takes ROUTER:IPV4-ADDRESS/);
  const badCount = cli('--ping', 'R1:10.1.56.2', '--count', '0', 'examples/ike-dynamic-sa');
  assert.equal(badCount.status, 2);
  const badFail = cli('--fail', 'R9', 'examples/ike-dynamic-sa');
  assert.equal(badFail.status, 2);
  assert.match(badFail.stderr, /--fail R9: no link or router R9/);
});

test('CLI: --pcap with --ping holds the IKE exchange and the traffic on every link; tshark dissects ESP cleanly', (t) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'esp-pcap-')), 'run.pcap');
  const r = cli('--seed', '5', '--show', 'none', '--ping', 'R1:10.1.56.2', '--count', '1', '--pcap', file, 'examples/ike-dynamic-sa');
  assert.equal(r.status, 0, r.stderr);
  // 9 IKE messages; the request crosses 3 links (R1-R2 in clear, R2-R3 as ESP, R3-R4 in clear), the reply too.
  assert.match(r.stdout, /wrote 15 packet\(s\)/);
  const tshark = spawnSync('tshark', ['-r', file], { encoding: 'utf8' });
  if (tshark.error || tshark.status !== 0) {
    t.skip('tshark is not installed');
    return;
  }
  assert.equal((tshark.stdout.match(/ ESP \d+ ESP \(SPI=0x[0-9a-f]{8}\)/g) ?? []).length, 2);
  assert.equal((tshark.stdout.match(/Echo \(ping\) (request|reply)/g) ?? []).length, 4);
  assert.ok(!/Malformed/i.test(tshark.stdout));
});

test('bad traffic requests give outcomes with reasons, never a throw', async () => {
  const result = await simulate(exampleFolder('ike-dynamic-sa'), {
    seed: 1,
    ping: [{ from: 'R9', to: '10.1.56.2' }, { from: 'R1', to: 'not-an-address' }, { from: 'r1', to: '192.0.2.9', count: 2 }],
    traceroute: [{ from: 'R4', to: '300.1.1.1' }],
  });
  const [noRouter, badAddress, noRoute] = result.traffic!.pings;
  assert.equal(noRouter!.output, 'error: no router named R9\n');
  assert.equal(badAddress!.output, 'error: not-an-address is not an IPv4 address\n');
  assert.equal(noRoute!.from, 'R1');
  assert.deepEqual(noRoute!.sendErrors.map((e) => e.text), ['ping: sendto: No route to host', 'ping: sendto: No route to host']);
  assert.match(result.traffic!.traceroutes[0]!.output, /300\.1\.1\.1 is not an IPv4 address/);
});
