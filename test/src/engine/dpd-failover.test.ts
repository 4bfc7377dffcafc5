/**
 * Dead peer detection with backup-remote-gateway on examples/ike-dpd-failover: R2's term has remote-gateway
 * 10.1.15.2 (R3) and backup-remote-gateway 10.1.25.2 (R3b, a second hub gateway on its own link to R2 and to
 * R4). Failing R3 makes R2's hellos go unanswered, R2 declares R3 dead, clears the SAs and negotiates for
 * real with R3b (IKE hop by hop through the network); pings and traceroutes then cross the backup tunnel and
 * the show outputs name the backup peer. Failing R2's link to R3 takes R2's own local-gateway down with it,
 * so both gateways stay unreachable: the failover alternates six times and reverts to the primary. Without
 * DPD nothing fails over; backup-remote-gateway alone enables DPD; IKEv2 uses encrypted INFORMATIONAL
 * liveness checks; tshark dissects the hellos and the failover exchange.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findTunnels, compileNetwork, type NetworkInput } from '../../../engine/src/index';
import { simulate } from '../../../engine/src/simulate/index';
import { editFile, exampleFolder, repoRoot } from './routing-fixtures';

const folder = (): NetworkInput[] => exampleFolder('ike-dpd-failover');
const PING = { from: 'R1', to: '10.1.56.2', count: 40 };
const kinds = (events: readonly { kind: string }[]): string[] => events.map((e) => e.kind);
const PROBE_AND_DEAD = ['hello', 'no-ack', 'retry', 'no-ack', 'retry', 'no-ack', 'dead', 'sa-cleared'];

function withoutDpd(inputs: NetworkInput[], keepBackup: boolean): NetworkInput[] {
  let out = editFile(inputs, 'r2.conf', `                    initiate-dead-peer-detection;
                    dead-peer-detection {
                        interval 10;
                        threshold 3;
                    }
`, '');
  if (!keepBackup) out = editFile(out, 'r2.conf', '                    backup-remote-gateway 10.1.25.2;\n', '');
  return out;
}

function ikev2(inputs: NetworkInput[]): NetworkInput[] {
  let out = inputs;
  for (const f of ['r2.conf', 'r3.conf', 'r3b.conf']) out = editFile(out, f, '                proposals ike-demo-proposal;\n', '                proposals ike-demo-proposal;\n                version 2;\n');
  return out;
}

test('the fixture: one tunnel R2 <-> R3 with R3b found as the backup peer; only the primary is negotiated at setup', async () => {
  const network = await compileNetwork(folder());
  const tunnels = findTunnels(network);
  assert.equal(tunnels.length, 1);
  const t = tunnels[0]!;
  assert.deepEqual([t.local.device, t.peer?.device, t.backup?.address, t.backup?.status, t.backup?.peer?.device], ['R2', 'R3', '10.1.25.2', 'paired', 'R3b']);
  const result = await simulate(folder(), { seed: 7 });
  assert.deepEqual(result.tunnels.map((r) => r.verdict), ['ESTABLISHED']);
  assert.deepEqual(result.showOutputs.map((o) => o.device), ['R2', 'R3']);
});

test('R3 fails at 10 s: three hellos unanswered, R3 dead, SAs cleared, IKE with R3b, pings and traceroute cross the backup tunnel', async () => {
  const result = await simulate(folder(), { seed: 7, fail: ['R3@10'], ping: [PING], traceroute: [{ from: 'R4', to: '10.1.12.2' }] });
  const traffic = result.traffic!;
  const timeline = traffic.deadPeerDetection;
  assert.deepEqual(kinds(timeline), [...PROBE_AND_DEAD, 'failover', 'established']);
  assert.ok(timeline.every((e) => e.router === 'R2'));
  const hello = timeline[0]!, dead = timeline[6]!, failover = timeline[8]!, up = timeline[9]!;
  assert.equal(Math.round(dead.time - hello.time), 6000, 'hello + two retries 2 s apart, dead 2 s after the last');
  assert.equal(failover.time, dead.time, 'failover as soon as the tunnel is declared dead');
  assert.match(failover.text, /failover 1 of 6: remote-gateway 10\.1\.15\.2 to standby, negotiating IKE and IPsec with backup-remote-gateway 10\.1\.25\.2/);
  assert.equal(up.peer, '10.1.25.2');
  assert.match(up.text, /up with R3b \(10\.1\.25\.2\): backup tunnel active/);
  assert.ok(up.time - failover.time < 50, 'a real Main Mode + Quick Mode over three links takes milliseconds');
  // The failover negotiation ran for real: 6 Main Mode + 3 Quick Mode messages between the gateways.
  assert.equal(traffic.renegotiations.length, 1);
  const n = traffic.renegotiations[0]!;
  assert.deepEqual([n.initiator, n.responder, n.gateway, n.gatewayRole, n.verdict], ['R2', 'R3b', '10.1.25.2', 'backup', 'ESTABLISHED']);
  assert.deepEqual(n.messages.map((m) => `${m.sourceAddress}>${m.destinationAddress} ${m.exchange}`), [
    ...Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? '10.1.15.1>10.1.25.2 Main Mode' : '10.1.25.2>10.1.15.1 Main Mode')),
    '10.1.15.1>10.1.25.2 Quick Mode', '10.1.25.2>10.1.15.1 Quick Mode', '10.1.15.1>10.1.25.2 Quick Mode',
  ]);
  // Pings: 0-9 before the failure; lost until DPD acts; answered through R3b afterwards.
  const ping = traffic.pings[0]!;
  const answered = ping.replies.filter((r) => r.error === undefined).map((r) => r.sequence);
  const start = traffic.traces.find((t) => t.packet === ping.packets[0])!.time;
  const firstAfter = Math.ceil((up.time - start) / 1000);
  assert.deepEqual(answered, [...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: 40 - firstAfter }, (_, i) => firstAfter + i)]);
  assert.ok(firstAfter <= 28);
  const r3bSpis = new Set(n.sides.flatMap((s) => s.ipsecSas.map((sa) => sa.spi)));
  const late = traffic.traces.filter((t) => t.time > up.time && (t.action === 'encrypt' || t.action === 'decrypt'));
  assert.ok(late.length > 0 && late.every((t) => t.spi !== undefined && r3bSpis.has(t.spi) && (t.router === 'R2' || t.router === 'R3b')), 'after the failover every ESP packet uses the SAs negotiated with R3b');
  const r3b = traffic.statistics.find((s) => s.router === 'R3b')!.serviceSets[0]!;
  // Echo requests in, echo replies out; the traceroute's probes of hops 2 and 3 out, their ICMP answers in.
  assert.equal(r3b.decryptedPackets, 40 - firstAfter + 6);
  assert.equal(r3b.encryptedPackets, 40 - firstAfter + 6);
  // traceroute from R4 as in the seed, now via R3b: its tunnel end (local-gateway, as the seed shows R3's),
  // R2's loopback through the backup tunnel, R1.
  const trace = traffic.traceroutes[0]!;
  assert.equal(trace.reached, true);
  assert.deepEqual(trace.hops.map((h) => h.probes[0]?.from), ['10.1.25.2', '10.0.0.2', '10.1.12.2']);
  // show outputs at the end: R2's IKE SA is with the backup; R3b holds the mirror; R3 (down) keeps its old one.
  const show = (device: string) => result.showOutputs.find((o) => o.device === device)!;
  assert.match(show('R2').ikeSecurityAssociations, /^10\.1\.25\.2 +Matured +[0-9a-f]{16} +[0-9a-f]{16} +Main$/m);
  assert.doesNotMatch(show('R2').ikeSecurityAssociations, /10\.1\.15\.2/);
  assert.match(show('R2').ipsecSecurityAssociationsDetail, /Local gateway: 10\.1\.15\.1, Remote gateway: 10\.1\.25\.2/);
  assert.match(show('R3b').ikeSecurityAssociations, /^10\.1\.15\.1 +Matured/m);
  assert.match(show('R3').ikeSecurityAssociations, /^10\.1\.15\.1 +Matured/m);
  const cookies = up.text.match(/IKE SA ([0-9a-f]{16})\/([0-9a-f]{16})/)!;
  assert.match(show('R2').ikeSecurityAssociations, new RegExp(`${cookies[1]} +${cookies[2]}`), 'the show output has the renegotiated cookies');
});

test('no DPD configured: R3 fails, nothing is sent, no failover, the ping stays broken and R2 keeps its stale SA', async () => {
  const result = await simulate(withoutDpd(folder(), false), { seed: 7, fail: ['R3@10'], ping: [PING] });
  assert.deepEqual(result.traffic!.deadPeerDetection, []);
  assert.deepEqual(result.traffic!.renegotiations, []);
  assert.equal(result.traffic!.pings[0]!.received, 10);
  assert.equal(result.traffic!.traces.filter((t) => t.protocol === 17).length, 0, 'no IKE datagram during the traffic');
  assert.match(result.showOutputs.find((o) => o.device === 'R2')!.ikeSecurityAssociations, /^10\.1\.15\.2 +Matured/m);
});

test('backup-remote-gateway alone enables DPD (Junos): the same failover without initiate-dead-peer-detection', async () => {
  const result = await simulate(withoutDpd(folder(), true), { seed: 7, fail: ['R3@10'], ping: [PING] });
  assert.deepEqual(kinds(result.traffic!.deadPeerDetection), [...PROBE_AND_DEAD, 'failover', 'established']);
  assert.ok(result.traffic!.pings[0]!.received >= 22);
});

test('R2\'s link to R3 fails: its local-gateway goes down with it, both gateways time out, six failovers, then revert to the primary', async () => {
  const result = await simulate(folder(), { seed: 7, fail: ['R2:ge-0/0/1<->R3:ge-0/0/1@10'], ping: [{ ...PING, count: 30 }] });
  const timeline = result.traffic!.deadPeerDetection;
  const chain = timeline.slice(PROBE_AND_DEAD.length);
  assert.deepEqual(kinds(timeline.slice(0, PROBE_AND_DEAD.length)), PROBE_AND_DEAD);
  assert.deepEqual(kinds(chain), [...Array.from({ length: 6 }, () => ['failover', 'negotiation-failed']).flat(), 'revert']);
  const targets = chain.filter((e) => e.kind === 'failover').map((e) => e.peer);
  assert.deepEqual(targets, ['10.1.25.2', '10.1.15.2', '10.1.25.2', '10.1.15.2', '10.1.25.2', '10.1.15.2'], 'backup, back to the primary, and so on');
  for (const failed of chain.filter((e) => e.kind === 'negotiation-failed')) {
    assert.match(failed.text, /^PEER_UNREACHABLE: .* did not answer R2's Main Mode message 1: .*; the datagrams were lost on the way: R2 cannot send from 10\.1\.15\.1: that address is down/);
  }
  // Each attempt is a phase-1 timeout (126 s of retransmissions).
  const times = chain.filter((e) => e.kind === 'failover').map((e) => e.time);
  for (let i = 1; i < times.length; i++) assert.ok(Math.abs(times[i]! - times[i - 1]! - 126_000) < 100, `attempt ${i} lasted ${times[i]! - times[i - 1]!} ms`);
  assert.match(chain.at(-1)!.text, /6 failovers without a tunnel, failover stops; reverted to the original configuration \(remote-gateway 10\.1\.15\.2 active, backup-remote-gateway 10\.1\.25\.2 standby\)/);
  assert.deepEqual(result.traffic!.renegotiations.map((n) => n.verdict), Array.from({ length: 6 }, () => 'PEER_UNREACHABLE'));
  assert.equal(result.showOutputs.find((o) => o.device === 'R2')?.ikeSecurityAssociations ?? '', '', 'R2 holds no IKE SA any more');
});

test('the backup dies too (R3b at 60 s): DPD declares it dead and the router switches back to the primary first, then alternates and reverts', async () => {
  const result = await simulate(folder(), { seed: 7, fail: ['R3@10', 'R3b@60'], ping: [{ ...PING, count: 80 }] });
  const timeline = result.traffic!.deadPeerDetection;
  const deads = timeline.filter((e) => e.kind === 'dead');
  assert.deepEqual(deads.map((e) => e.peer), ['10.1.15.2', '10.1.25.2']);
  const afterBackupDied = timeline.slice(timeline.indexOf(deads[1]!));
  assert.deepEqual(kinds(afterBackupDied.slice(0, 3)), ['dead', 'sa-cleared', 'failover']);
  assert.match(afterBackupDied[2]!.text, /failover 1 of 6: switching back to remote-gateway 10\.1\.15\.2/, 'a tunnel came up in between: the count starts again');
  assert.deepEqual(afterBackupDied.filter((e) => e.kind === 'failover').map((e) => e.peer), ['10.1.15.2', '10.1.25.2', '10.1.15.2', '10.1.25.2', '10.1.15.2', '10.1.25.2']);
  assert.equal(timeline.at(-1)!.kind, 'revert');
});

test('the backup gateway down from the start changes nothing for the primary tunnel (it is only negotiated on failover)', async () => {
  const result = await simulate(folder(), { seed: 7, fail: ['R3b'], ping: [{ ...PING, count: 5 }] });
  assert.equal(result.tunnels[0]!.verdict, 'ESTABLISHED');
  assert.equal(result.traffic!.pings[0]!.received, 5);
  assert.deepEqual(result.traffic!.deadPeerDetection, []);
});

test('the setup negotiation times out (R3 down from the start): phase-1 timeout triggers the failover to R3b', async () => {
  const result = await simulate(folder(), { seed: 7, fail: ['R3'], ping: [{ ...PING, count: 5 }] });
  assert.equal(result.tunnels[0]!.verdict, 'PEER_UNREACHABLE');
  const timeline = result.traffic!.deadPeerDetection;
  assert.deepEqual(kinds(timeline), ['negotiation-failed', 'failover', 'established']);
  assert.match(timeline[0]!.text, /phase 1 with remote-gateway 10\.1\.15\.2 timed out during setup/);
  assert.equal(timeline[2]!.peer, '10.1.25.2');
  const ping = result.traffic!.pings[0]!;
  assert.deepEqual([ping.transmitted, ping.received, ping.sendErrors.map((e) => e.sequence)], [4, 4, [0]], 'the first request finds no route: the backup tunnel comes up 12 ms later');
});

test('IKEv2: the hello is an encrypted INFORMATIONAL request, the failover negotiates IKE_SA_INIT and IKE_AUTH with R3b', async () => {
  const idle = await simulate(editFile(ikev2(folder()), 'r2.conf', '                    backup-remote-gateway 10.1.25.2;\n', ''), { seed: 7, ping: [{ from: 'R1', to: '10.1.12.1', count: 25 }] });
  assert.equal(idle.tunnels[0]!.ike?.version, 2);
  assert.deepEqual(idle.traffic!.deadPeerDetection.map((e) => `${e.kind} ${e.text.replace(/.*: /, '')}`), [
    'hello DPD hello INFORMATIONAL request MID 2 (liveness check)', 'ack INFORMATIONAL response MID 2 from 10.1.15.2',
    'hello DPD hello INFORMATIONAL request MID 3 (liveness check)', 'ack INFORMATIONAL response MID 3 from 10.1.15.2',
  ]);
  const result = await simulate(ikev2(folder()), { seed: 7, fail: ['R3@10'], ping: [PING] });
  const timeline = result.traffic!.deadPeerDetection;
  assert.deepEqual(kinds(timeline), [...PROBE_AND_DEAD, 'failover', 'established']);
  assert.match(timeline[2]!.text, /retry 1: INFORMATIONAL request MID 2/, 'a retry retransmits the same request (same message ID)');
  const n = result.traffic!.renegotiations[0]!;
  assert.equal(n.verdict, 'ESTABLISHED');
  assert.deepEqual(n.messages.map((m) => m.exchange), ['IKE_SA_INIT', 'IKE_SA_INIT', 'IKE_AUTH', 'IKE_AUTH']);
  assert.match(result.showOutputs.find((o) => o.device === 'R2')!.ikeSecurityAssociations, /^10\.1\.25\.2 +Matured .* IKEv2$/m);
  assert.ok(result.traffic!.pings[0]!.received >= 22);
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpd-failover-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'junos-ipsec.js'), 'simulate', ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: the failover timeline, the negotiation and the show outputs after it; --json carries the same for the editor', () => {
  const examples = path.join(repoRoot, 'examples', 'ike-dpd-failover');
  const r = cli(['--seed', '7', '--fail', 'R3@10', '--ping', 'R1:10.1.56.2', '--count', '40', examples]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /failed at 10 s: router R3 is down\n/);
  assert.match(r.stdout, /dead peer detection and failover:\n +time +router +event +what\n/);
  assert.match(r.stdout, /\n +26\.\d{3} s +R2 +dead +R3 \(10\.1\.15\.2\) did not answer 3 hello\(s\): peer declared dead\n/);
  assert.match(r.stdout, /\n +26\.\d{3} s +R2 +failover +failover 1 of 6: .*backup-remote-gateway 10\.1\.25\.2\n/);
  assert.match(r.stdout, /\n +26\.\d{3} s +R2 +established +IKE SA [0-9a-f]{16}\/[0-9a-f]{16} and IPsec SAs up with R3b/);
  assert.match(r.stdout, /failover negotiations \(IKE over the routed network\):\n +26\.\d{3} s +R2 -> R3b \(backup-remote-gateway 10\.1\.25\.2\): ESTABLISHED, 9 messages\n/);
  const after = r.stdout.slice(r.stdout.indexOf('after dead peer detection and failover:'));
  assert.ok(after.length > 40, 'the show outputs come after the timeline');
  assert.match(after, /user@R2> show services ipsec-vpn ike security-associations\nRemote Address +State +Initiator cookie +Responder cookie +Exchange type\n10\.1\.25\.2 +Matured/);
  assert.match(r.stdout, /40 packets transmitted, 2\d packets received/);
  const json = cli(['--seed', '7', '--json', '--fail', 'R3@10', '--ping', 'R1:10.1.56.2', '--count', '40', examples]);
  const parsed = JSON.parse(json.stdout) as { traffic: { deadPeerDetection: { kind: string; router: string; peer: string }[]; renegotiations: { verdict: string; sides: unknown[] }[] } };
  assert.deepEqual(parsed.traffic.deadPeerDetection.map((e) => e.kind), [...PROBE_AND_DEAD, 'failover', 'established']);
  assert.equal(parsed.traffic.renegotiations[0]!.verdict, 'ESTABLISHED');
  assert.equal(parsed.traffic.renegotiations[0]!.sides.length, 2);
  assert.doesNotMatch(json.stdout, /keyfordemo|\$9\$/, 'no key in the JSON');
});

test('CLI --pcap: tshark dissects the encrypted hellos to R3 and the failover Main Mode / Quick Mode with R3b', (t) => {
  if (spawnSync('tshark', ['--version']).status !== 0) {
    t.skip('tshark is not on PATH (Debian: apt-get install -y tshark)');
    return;
  }
  const examples = path.join(repoRoot, 'examples', 'ike-dpd-failover');
  for (const [name, extra] of [['v1', []], ['v2', []]] as const) {
    let target = examples;
    if (name === 'v2') {
      target = path.join(dir, 'v2');
      fs.mkdirSync(target, { recursive: true });
      for (const f of ikev2(folder())) fs.writeFileSync(path.join(target, f.id), f.text);
    }
    const file = path.join(dir, `${name}.pcap`);
    const r = cli(['--seed', '7', '--show', 'none', '--pcap', file, '--fail', 'R3@10', '--ping', 'R1:10.1.56.2', '--count', '30', ...extra, target]);
    assert.equal(r.status, 1, r.stderr);
    const run = spawnSync('tshark', ['-r', file, '-T', 'fields', '-e', 'ip.src', '-e', 'ip.dst', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info', '-Y', 'isakmp'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    assert.equal(run.status, 0, String(run.stderr));
    const lines = String(run.stdout).trim().split('\n');
    const verbose = String(spawnSync('tshark', ['-r', file, '-V'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout as unknown);
    assert.doesNotMatch(verbose, /\[Malformed/);
    assert.doesNotMatch(verbose, /Expert Info \(Error/);
    if (name === 'v1') {
      assert.deepEqual(lines.filter((l) => /Informational/.test(l)), Array.from({ length: 3 }, () => '10.1.15.1\t10.1.15.2\tISAKMP\tInformational'), 'three encrypted R-U-THERE to the dead R3');
      assert.equal(lines.filter((l) => /^10\.1\.15\.1\t10\.1\.25\.2\tISAKMP\tIdentity Protection \(Main Mode\)/.test(l)).length, 3);
      assert.equal(lines.filter((l) => /10\.1\.25\.2.*Quick Mode/.test(l)).length, 3);
    } else {
      assert.deepEqual(lines.filter((l) => /INFORMATIONAL/.test(l)).map((l) => l.replace(/\t.*\t/, ' ')), Array.from({ length: 3 }, () => '10.1.15.1 INFORMATIONAL MID=02 Initiator Request'));
      assert.equal(lines.filter((l) => /^10\.1\.15\.1\t10\.1\.25\.2\t.*IKE_AUTH MID=01 Initiator Request/.test(l)).length, 1);
    }
  }
});
