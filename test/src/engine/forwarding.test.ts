/**
 * The packet path on the seed network (examples/ike-dynamic-sa): real ICMP packets forwarded hop by hop
 * through the negotiated ESP tunnel between R2 and R3; the IPsec statistics on both ends; failures of the
 * link or router under the tunnel; tampered, replayed and too-old ESP packets; tunnel-mtu with and without
 * clear-dont-fragment-bit; a term whose selectors do not match; per-packet traces and key hygiene.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { simulate, type SimulateWithTrafficOptions, type SimulationResult } from '../../../engine/src/simulate/index';
import type { IpsecStatistics, UnderlayTap } from '../../../engine/src/forwarding/index';
import type { NetworkInput } from '../../../engine/src/index';
import { editFile, exampleFolder, repoRoot } from './routing-fixtures';

const SEED_EXAMPLE = 'ike-dynamic-sa';
const PING_R1_R4 = { from: 'R1', to: '10.1.56.2' };
/** 20-byte IP header + 8-byte ICMP header + 56 data bytes, as the seed's `ping 10.1.56.2` sends. */
const ECHO_BYTES = 84;

async function run(inputs: NetworkInput[], options: SimulateWithTrafficOptions): Promise<SimulationResult> {
  return simulate(inputs, { seed: 7, ...options });
}

function statisticsOf(result: SimulationResult, router: string): IpsecStatistics {
  const found = result.traffic?.statistics.find((s) => s.router === router)?.serviceSets[0];
  assert.ok(found, `statistics for ${router}`);
  return found;
}

/** A tap that lets `change` see (and replace) the ESP packets R2 sends to R3, counting them from 1. */
function espFromR2(change: (bytes: Buffer, n: number) => Buffer[]): UnderlayTap {
  let n = 0;
  return (bytes, where) => {
    if (where.from !== 'R2' || where.to !== 'R3' || bytes[9] !== 50) return [bytes];
    n++;
    return change(bytes, n);
  };
}

test('R1 pings 10.1.56.2 through the tunnel: 5/5 received with ttl=254, as the seed shows', async () => {
  const result = await run(exampleFolder(SEED_EXAMPLE), { ping: [PING_R1_R4] });
  assert.equal(result.tunnels[0]?.verdict, 'ESTABLISHED');
  const ping = result.traffic!.pings[0]!;
  assert.equal(ping.transmitted, 5);
  assert.equal(ping.received, 5);
  assert.equal(ping.source, '10.1.12.2');
  assert.deepEqual(ping.replies.map((r) => [r.sequence, r.from, r.ttl, r.bytes, r.error]), [0, 1, 2, 3, 4].map((s) => [s, '10.1.56.2', 254, 64, undefined]));
  assert.ok(ping.replies.every((r) => r.timeMs > 0.5 && r.timeMs < 5), 'simulated round trips near the seed\'s 1.2 ms');
  assert.match(ping.output, /^PING 10\.1\.56\.2 \(10\.1\.56\.2\): 56 data bytes\n64 bytes from 10\.1\.56\.2: icmp_seq=0 ttl=254 time=\d\.\d{3} ms\n/);
  assert.match(ping.output, /5 packets transmitted, 5 packets received, 0% packet loss\nround-trip min\/avg\/max\/stddev = [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms\n$/);
});

test('statistics on R2 and R3 count exactly the ESP packets and bytes the pings produced', async () => {
  const result = await run(exampleFolder(SEED_EXAMPLE), { ping: [{ ...PING_R1_R4, count: 7 }] });
  const r2 = statisticsOf(result, 'R2');
  const r3 = statisticsOf(result, 'R3');
  assert.deepEqual([r2.encryptedPackets, r2.encryptedBytes, r2.decryptedPackets, r2.decryptedBytes], [7, 7 * ECHO_BYTES, 7, 7 * ECHO_BYTES]);
  assert.deepEqual([r3.encryptedPackets, r3.encryptedBytes, r3.decryptedPackets, r3.decryptedBytes], [r2.decryptedPackets, r2.decryptedBytes, r2.encryptedPackets, r2.encryptedBytes]);
  for (const s of [r2, r3]) {
    assert.deepEqual([s.replayErrors, s.espAuthenticationFailures, s.espDecryptionFailures, s.badHeaders, s.badTrailers, s.ahInputPackets], [0, 0, 0, 0, 0, 0]);
  }
  const text = result.traffic!.statistics.find((s) => s.router === 'R2')!.text;
  assert.match(text, /^PIC: ms-1\/2\/0, Service set: demo-service-set\n/);
  assert.match(text, /Encrypted bytes: +588\n +Decrypted bytes: +588\n +Encrypted packets: +7\n +Decrypted packets: +7\n/);
  assert.match(text, /AH authentication failures: 0, Replay errors: 0\n +ESP authentication failures: 0, ESP decryption failures: 0\n +Bad headers: 0, Bad trailers: 0\n$/);
});

test('traceroute from R4 to 10.1.12.2 shows the seed\'s hops 10.1.15.2, 10.0.0.2, 10.1.12.2', async () => {
  const result = await run(exampleFolder(SEED_EXAMPLE), { traceroute: [{ from: 'r4', to: '10.1.12.2' }] });
  const trace = result.traffic!.traceroutes[0]!;
  assert.equal(trace.reached, true);
  assert.deepEqual(trace.hops.map((h) => h.probes.map((p) => p.from)), [
    ['10.1.15.2', '10.1.15.2', '10.1.15.2'],
    ['10.0.0.2', '10.0.0.2', '10.0.0.2'],
    ['10.1.12.2', '10.1.12.2', '10.1.12.2'],
  ]);
  const lines = trace.output.split('\n');
  assert.equal(lines[0], 'traceroute to 10.1.12.2 (10.1.12.2), 30 hops max, 40 byte packets');
  assert.match(lines[1]!, /^ 1  10\.1\.15\.2 \(10\.1\.15\.2\)  \d\.\d{3} ms  \d\.\d{3} ms  \d\.\d{3} ms$/);
  assert.match(lines[3]!, /^ 3  10\.1\.12\.2 \(10\.1\.12\.2\)/);
});

for (const fail of ['R2:ge-0/0/1<->R3:ge-0/0/1', 'r3']) {
  test(`with --fail ${fail} the tunnel cannot come up and the ping fails with a clear reason`, async () => {
    const result = await run(exampleFolder(SEED_EXAMPLE), { fail: [fail], ping: [PING_R1_R4] });
    assert.equal(result.tunnels[0]?.verdict, 'PEER_UNREACHABLE');
    assert.notEqual(result.traffic!.failures[0]!.kind, 'unknown');
    const ping = result.traffic!.pings[0]!;
    assert.equal(ping.received, 0);
    assert.match(ping.reason ?? '', /R1 has no route to 10\.1\.56\.2 .*PEER_UNREACHABLE/);
    assert.match(ping.output, /100% packet loss/);
  });
}

test('an unknown --fail name changes nothing and says what exists', async () => {
  const result = await run(exampleFolder(SEED_EXAMPLE), { fail: ['R9'], ping: [PING_R1_R4] });
  assert.equal(result.traffic!.failures[0]!.kind, 'unknown');
  assert.match(result.traffic!.failures[0]!.message, /routers: R1, R2, R3, R4/);
  assert.equal(result.traffic!.pings[0]!.received, 5);
});

test('a flipped bit in an ESP packet fails authentication on R3 and is counted', async () => {
  const tap = espFromR2((bytes, n) => {
    if (n !== 2) return [bytes];
    const bad = Buffer.from(bytes);
    bad[bad.length - 30]! ^= 0x04;
    return [bad];
  });
  const result = await run(exampleFolder(SEED_EXAMPLE), { ping: [PING_R1_R4], tap });
  const r3 = statisticsOf(result, 'R3');
  assert.equal(r3.espAuthenticationFailures, 1);
  assert.equal(r3.decryptedPackets, 4);
  assert.equal(result.traffic!.pings[0]!.received, 4);
  assert.deepEqual(result.traffic!.pings[0]!.replies.map((r) => r.sequence), [0, 2, 3, 4]);
  assert.ok(result.traffic!.traces.some((t) => t.router === 'R3' && t.action === 'drop' && /auth-failure/.test(t.outcome)));
});

test('anti-replay: a replayed ESP packet is a replay error; the ping still gets its reply once', async () => {
  const tap = espFromR2((bytes, n) => (n === 3 ? [bytes, Buffer.from(bytes)] : [bytes]));
  const result = await run(exampleFolder(SEED_EXAMPLE), { ping: [PING_R1_R4], tap });
  const r3 = statisticsOf(result, 'R3');
  assert.equal(r3.replayErrors, 1);
  assert.equal(r3.decryptedPackets, 5);
  assert.equal(result.traffic!.pings[0]!.received, 5);
});

test('anti-replay: a packet older than the 128-packet MS-PIC window is a replay error even if never seen', async () => {
  let first: Buffer | undefined;
  const tap = espFromR2((bytes, n) => {
    if (n === 1) {
      first = Buffer.from(bytes);
      return [];
    }
    return n === 140 && first ? [bytes, first] : [bytes];
  });
  const result = await run(exampleFolder(SEED_EXAMPLE), { ping: [{ ...PING_R1_R4, count: 140 }], tap });
  const r3 = statisticsOf(result, 'R3');
  assert.equal(r3.replayErrors, 1);
  assert.equal(r3.decryptedPackets, 139);
  assert.ok(result.traffic!.traces.some((t) => t.router === 'R3' && t.sequenceNumber === 1 && /too-old/.test(t.outcome)));
});

test('no-anti-replay on R3 accepts the replayed packet (and R4 answers it twice)', async () => {
  const inputs = editFile(exampleFolder(SEED_EXAMPLE), 'r3.conf', 'remote-gateway 10.1.15.1;', 'remote-gateway 10.1.15.1;\n                    no-anti-replay;');
  const tap = espFromR2((bytes, n) => (n === 3 ? [bytes, Buffer.from(bytes)] : [bytes]));
  const result = await run(inputs, { ping: [PING_R1_R4], tap });
  assert.equal(result.tunnels[0]?.verdict, 'ESTABLISHED');
  const r3 = statisticsOf(result, 'R3');
  assert.equal(r3.replayErrors, 0);
  assert.equal(r3.decryptedPackets, 6);
  assert.equal(r3.encryptedPackets, 6);
});

test('tunnel-mtu: a 1600-byte DF ping is dropped at R2 and counted; clear-dont-fragment-bit fragments and delivers it', async () => {
  const big = { ...PING_R1_R4, size: 1600, doNotFragment: true };
  const plain = await run(exampleFolder(SEED_EXAMPLE), { ping: [big] });
  const r2 = statisticsOf(plain, 'R2');
  assert.equal(r2.mtuDrops, 5);
  assert.equal(r2.encryptedPackets, 0);
  assert.equal(plain.traffic!.pings[0]!.received, 0);
  assert.match(plain.traffic!.pings[0]!.reason ?? '', /exceed tunnel-mtu 1500 and DF is set/);
  assert.ok(plain.traffic!.pings[0]!.replies.every((r) => r.error === 'Frag needed and DF set' && r.from === '10.1.15.1'));

  let inputs = editFile(exampleFolder(SEED_EXAMPLE), 'r2.conf', 'remote-gateway 10.1.15.2;', 'remote-gateway 10.1.15.2;\n                    clear-dont-fragment-bit;');
  inputs = editFile(inputs, 'r3.conf', 'remote-gateway 10.1.15.1;', 'remote-gateway 10.1.15.1;\n                    clear-dont-fragment-bit;');
  const cleared = await run(inputs, { ping: [big] });
  const c2 = statisticsOf(cleared, 'R2');
  assert.equal(cleared.traffic!.pings[0]!.received, 5);
  assert.equal(c2.mtuDrops, 0);
  assert.equal(c2.encryptedPackets, 10, 'two fragments per request');
  assert.equal(c2.encryptedBytes, 5 * (1628 + 20), 'fragment headers add 20 bytes per request');
  assert.equal(cleared.traffic!.pings[0]!.replies[0]!.bytes, 1608);
});

test('a term whose selectors do not match the ping drops it in the service set and counts it', async () => {
  let inputs = editFile(exampleFolder(SEED_EXAMPLE), 'r2.conf', 'term term-ike {', 'term term-ike {\n                from { source-address 10.1.12.0/30; destination-address 10.1.99.0/24; }');
  inputs = editFile(inputs, 'r3.conf', 'term term-ike {', 'term term-ike {\n                from { source-address 10.1.99.0/24; destination-address 10.1.12.0/30; }');
  const result = await run(inputs, { ping: [PING_R1_R4] });
  assert.equal(result.tunnels[0]?.verdict, 'ESTABLISHED');
  assert.equal(result.traffic!.pings[0]!.received, 0);
  assert.match(result.traffic!.pings[0]!.reason ?? '', /no term of service set demo-service-set matches the input packet 10\.1\.12\.2 -> 10\.1\.56\.2/);
  const counters = result.traffic!.serviceSetCounters.find((c) => c.router === 'R2')!.counters[0]!;
  assert.equal(counters.noMatchDrops, 5);
  assert.equal(statisticsOf(result, 'R2').encryptedPackets, 0);
});

test('traces name router, interface, rule/term, SPI and sequence number; no key anywhere in the result', async () => {
  const result = await run(exampleFolder(SEED_EXAMPLE), { ping: [{ ...PING_R1_R4, count: 2 }] });
  const first = result.traffic!.traces.filter((t) => t.packet === result.traffic!.pings[0]!.packets[0]);
  assert.deepEqual(first.map((t) => `${t.router} ${t.action} ${t.interface}`), [
    'R1 send ge-0/0/0.0', 'R2 encrypt ms-1/2/0.1', 'R2 send ge-0/0/1.0', 'R3 decrypt ms-1/2/0.1', 'R3 forward ge-0/0/0.0', 'R4 deliver ge-0/0/0.0',
  ]);
  const encrypt = first.find((t) => t.action === 'encrypt')!;
  const r2Out = result.tunnels[0]!.sides.find((s) => s.device === 'R2')!.ipsecSas.find((s) => s.direction === 'outbound')!;
  assert.deepEqual([encrypt.rule, encrypt.term, encrypt.spi, encrypt.sequenceNumber], ['rule-ike', 'term-ike', r2Out.spi, 1]);
  const json = JSON.stringify(result);
  assert.ok(!json.includes('$9$') && !json.includes('keyfordemo') && !json.includes('encryptionKey'));
  assert.deepEqual(JSON.parse(json), result);
});

function manualSaNetwork(): NetworkInput[] {
  const dir = path.join(repoRoot, 'test', 'fixtures', 'scenarios', 'manual-sa');
  const ends = ['r2.conf', 'r3.conf'].map((id) => ({ id, text: fs.readFileSync(path.join(dir, id), 'utf8') }));
  return [...exampleFolder(SEED_EXAMPLE).filter((f) => f.id === 'r1.conf' || f.id === 'r4.conf'), ...ends];
}

test('manual SAs (then manual, bidirectional SPI 16001): no IKE, but the ping crosses the tunnel with the configured keys', async () => {
  const result = await run(manualSaNetwork(), { ping: [PING_R1_R4] });
  assert.equal(result.tunnels[0]?.verdict, 'NOT_SIMULATED');
  assert.equal(result.traffic!.pings[0]!.received, 5);
  const encrypt = result.traffic!.traces.find((t) => t.action === 'encrypt' && t.router === 'R2')!;
  assert.equal(encrypt.spi, 16001);
  assert.equal(statisticsOf(result, 'R3').decryptedPackets, 5);
});

test('manual SAs whose authentication keys differ fail ESP authentication on the receiver', async () => {
  const inputs = manualSaNetwork().map((f) => (f.id === 'r3.conf' ? { id: f.id, text: f.text.replace(/(authentication \{\s*algorithm hmac-sha1-96;\s*key hexadecimal )"[^"]+"/, '$1"0102030405060708090a0b0c0d0e0f1011121314"') } : f));
  assert.notEqual(inputs.find((f) => f.id === 'r3.conf')!.text, manualSaNetwork().find((f) => f.id === 'r3.conf')!.text);
  const result = await run(inputs, { ping: [PING_R1_R4] });
  assert.equal(result.traffic!.pings[0]!.received, 0);
  assert.equal(statisticsOf(result, 'R3').espAuthenticationFailures, 5);
  assert.match(result.traffic!.pings[0]!.reason ?? '', /R3: ESP auth-failure/);
  assert.ok(!JSON.stringify(result).includes('0102030405060708090a0b0c0d0e0f1011121314'), 'the key is not echoed');
});

function asManualAh(inputs: NetworkInput[]): NetworkInput[] {
  return inputs.map((f) => (f.id === 'r2.conf' || f.id === 'r3.conf'
    ? { id: f.id, text: f.text.replace('protocol esp;', 'protocol ah;').replace(/\n\s*encryption \{[^}]*\}/, '') }
    : f));
}

test('manual AH SAs: the ping is authenticated, not encrypted, and the AH counters count it', async () => {
  const inputs = asManualAh(manualSaNetwork());
  assert.ok(inputs.find((f) => f.id === 'r2.conf')!.text.includes('protocol ah;') && !inputs.find((f) => f.id === 'r3.conf')!.text.includes('encryption {'));
  const result = await run(inputs, { ping: [PING_R1_R4] });
  assert.equal(result.traffic!.pings[0]!.received, 5, result.traffic!.pings[0]!.reason);
  const r2 = statisticsOf(result, 'R2');
  const r3 = statisticsOf(result, 'R3');
  assert.deepEqual([r2.ahOutputPackets, r2.ahOutputBytes, r2.ahInputPackets, r2.ahInputBytes], [5, 5 * ECHO_BYTES, 5, 5 * ECHO_BYTES]);
  assert.deepEqual([r3.ahInputPackets, r3.ahOutputPackets, r2.encryptedPackets, r3.decryptedPackets], [5, 5, 0, 0]);
  assert.match(result.traffic!.statistics.find((s) => s.router === 'R3')!.text, /AH Statistics:\n +Input bytes: +420\n +Output bytes: +420\n +Input packets: +5\n +Output packets: +5\n/);
});

test('manual AH: a flipped bit in the protected inner packet is an AH authentication failure', async () => {
  let n = 0;
  const tap: UnderlayTap = (bytes, where) => {
    if (where.from !== 'R2' || bytes[9] !== 51 || ++n !== 1) return [bytes];
    const bad = Buffer.from(bytes);
    bad[bad.length - 1]! ^= 0x80;
    return [bad];
  };
  const result = await run(asManualAh(manualSaNetwork()), { ping: [PING_R1_R4], tap });
  assert.equal(statisticsOf(result, 'R3').ahAuthenticationFailures, 1);
  assert.equal(result.traffic!.pings[0]!.received, 4);
  assert.match(result.traffic!.statistics.find((s) => s.router === 'R3')!.text, /AH authentication failures: 1, Replay errors: 0/);
});

test('the set-form seed (examples/ike-dynamic-sa-set) gives the same ping, traceroute and statistics', async () => {
  const options: SimulateWithTrafficOptions = { ping: [PING_R1_R4], traceroute: [{ from: 'R4', to: '10.1.12.2' }] };
  const [curly, set] = await Promise.all([run(exampleFolder(SEED_EXAMPLE), options), run(exampleFolder('ike-dynamic-sa-set'), options)]);
  const view = (r: SimulationResult) => ({
    ping: r.traffic!.pings.map((p) => [p.received, p.replies.map((x) => x.ttl)]),
    hops: r.traffic!.traceroutes[0]!.hops.map((h) => h.probes[0]!.from),
    stats: r.traffic!.statistics.map((s) => [s.router, s.serviceSets[0]!.encryptedPackets, s.serviceSets[0]!.decryptedBytes]),
  });
  assert.deepEqual(view(set), view(curly));
  assert.deepEqual(view(set).hops, ['10.1.15.2', '10.0.0.2', '10.1.12.2']);
});
