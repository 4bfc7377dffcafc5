/**
 * Every verdict of issue 5 through `simulate()` on realistic variants of examples/ike-dynamic-sa, with the
 * one-sentence reason and the blamed configuration lines; the underlay decides whether IKE datagrams arrive
 * (no route to the peer -> retransmissions time out -> PEER_UNREACHABLE, distinct from PEER_NOT_FOUND);
 * the show outputs count lifetimes down from the moment the SAs came up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatSummary } from '../../../engine/src/report/index';
import { simulate, type SimulationInput, type SimulationResult, type Verdict } from '../../../engine/src/simulate/index';

const repoRoot = path.resolve(__dirname, '../../../..');
const scenariosDir = path.join(repoRoot, 'test', 'fixtures', 'scenarios');

function folder(dir: string): SimulationInput[] {
  return fs.readdirSync(dir).filter((f) => /\.(conf|set)$/.test(f)).sort()
    .map((f) => ({ id: path.join(path.relative(repoRoot, dir), f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

const scenario = (name: string) => folder(path.join(scenariosDir, name));
const example = (name: string) => folder(path.join(repoRoot, 'examples', name));

/** The configuration line (trimmed) a blame span points at. */
function blamedLines(result: SimulationResult, inputs: readonly SimulationInput[]): string[] {
  return result.tunnels[0]!.blame.map((b) => `${path.basename(b.docId)}: ${inputs.find((i) => i.id === b.docId)!.text.split('\n')[b.line - 1]!.trim()}`);
}

/** Replaces `from` by `to` in the file whose name ends with `file` (exactly once). */
function edit(inputs: readonly SimulationInput[], file: string, from: string, to: string): SimulationInput[] {
  return inputs.map((i) => {
    if (!i.id.endsWith(file)) return i;
    assert.equal(i.text.split(from).length, 2, `${file} holds "${from}" once`);
    return { ...i, text: i.text.replace(from, to) };
  });
}

test('every verdict of the issue is reached by a bundled example or scenario (one realistic change each)', async () => {
  const wanted: Verdict[] = [
    'ESTABLISHED', 'IKE_NO_PROPOSAL', 'IKE_AUTH_FAILED', 'IPSEC_NO_PROPOSAL', 'PFS_MISMATCH', 'PEER_NOT_FOUND', 'PEER_UNREACHABLE',
    'CONFIG_ERROR', 'IKE_VERSION_MISMATCH', 'IKE_MODE_MISMATCH', 'TS_UNACCEPTABLE',
  ];
  const seen = new Map<Verdict, string>();
  const runs: [string, SimulationInput[]][] = [
    ['examples/ike-dynamic-sa', example('ike-dynamic-sa')],
    ['examples/seed-as-published', example('seed-as-published')],
    ...fs.readdirSync(scenariosDir).filter((n) => fs.existsSync(path.join(scenariosDir, n, 'expected.json'))).map((n): [string, SimulationInput[]] => [n, scenario(n)]),
  ];
  for (const [name, inputs] of runs) {
    const result = await simulate(inputs, { seed: 5 });
    for (const t of result.tunnels) {
      if (!seen.has(t.verdict)) seen.set(t.verdict, name);
      assert.ok(t.reason.length > 20 && !t.reason.includes('\n'), `${name}: one sentence of reason: ${t.reason}`);
      if (t.verdict !== 'ESTABLISHED') assert.ok(t.blame.length > 0, `${name}: ${t.verdict} points at a configuration line`);
    }
  }
  assert.deepEqual(wanted.filter((v) => !seen.has(v)), [], `verdicts reached: ${[...seen].map(([v, n]) => `${v} (${n})`).join(', ')}`);
});

test('no route to the peer: R2\'s datagrams never leave, 5 retransmissions, PEER_UNREACHABLE naming where they were lost', async () => {
  const inputs = scenario('no-route-to-peer');
  const result = await simulate(inputs, { seed: 9, pcap: true });
  const t = result.tunnels[0]!;
  assert.equal(t.verdict, 'PEER_UNREACHABLE', t.reason);
  assert.equal(t.reason, "R3 (10.0.0.3) did not answer R2's Main Mode message 1: 5 retransmissions, no answer 126 s after the first send; the datagrams were lost on the way: R2 has no route to 10.0.0.3");
  assert.deepEqual(t.ends.map((e) => e.device), ['R2', 'R3'], 'the peer was found: this is not PEER_NOT_FOUND');
  // The exchange ran: message 1 and its five retransmissions at 2, 4, 8, 16, 32 s; none reached the wire.
  assert.deepEqual(t.messages.map((m) => [m.exchange, m.messageNumber, m.retransmission, m.time]), [
    ['Main Mode', 1, false, 0], ['Main Mode', 1, true, 2000], ['Main Mode', 1, true, 6000], ['Main Mode', 1, true, 14000],
    ['Main Mode', 1, true, 30000], ['Main Mode', 1, true, 62000],
  ]);
  assert.equal(result.pcap!.packets, 0, 'a datagram with no route is not on any link');
  assert.deepEqual(blamedLines(result, inputs), ['r2.conf: remote-gateway 10.0.0.3;', 'r3.conf: local-gateway 10.0.0.3;']);
  assert.deepEqual(result.showOutputs.map((o) => o.ikeSecurityAssociations), ['', ''], 'no IKE SA on either router');
});

test('the same loopback gateways with static routes over ge-0/0/1: the exchange gets through and the tunnel comes up', async () => {
  let inputs = scenario('no-route-to-peer');
  inputs = edit(inputs, 'r2.conf', '    router-id 10.0.0.2;\n', '    router-id 10.0.0.2;\n    static {\n        route 10.0.0.3/32 next-hop 10.1.15.2;\n    }\n');
  inputs = edit(inputs, 'r3.conf', '    router-id 10.0.0.3;\n', '    router-id 10.0.0.3;\n    static {\n        route 10.0.0.2/32 next-hop 10.1.15.1;\n    }\n');
  const result = await simulate(inputs, { seed: 9 });
  assert.equal(result.tunnels[0]!.verdict, 'ESTABLISHED', result.tunnels[0]!.reason);
  assert.match(result.showOutputs[0]!.ikeSecurityAssociations, /^10\.0\.0\.3 +Matured /m);
});

test('a next hop outside the given routers (a provider) is taken to deliver; a route only R2 has is not enough', async () => {
  // R3 gets a default route to a provider address no given router owns; R2 still has no route to 10.0.0.3.
  let inputs = scenario('no-route-to-peer');
  inputs = edit(inputs, 'r3.conf', '    router-id 10.0.0.3;\n', '    router-id 10.0.0.3;\n    static {\n        route 0.0.0.0/0 next-hop 10.1.15.1;\n    }\n');
  const oneWay = await simulate(inputs, { seed: 4 });
  assert.equal(oneWay.tunnels[0]!.verdict, 'PEER_UNREACHABLE');
  assert.match(oneWay.tunnels[0]!.reason, /R2 has no route to 10\.0\.0\.3$/);
  inputs = edit(inputs, 'r2.conf', '    router-id 10.0.0.2;\n', '    router-id 10.0.0.2;\n    static {\n        route 0.0.0.0/0 next-hop 10.1.12.2;\n    }\n');
  // R2's default now leads to R1 (10.1.12.2), which is not among the inputs here: the provider case.
  const both = await simulate(inputs.filter((i) => !i.id.endsWith('r1.conf')), { seed: 4 });
  assert.equal(both.tunnels[0]!.verdict, 'ESTABLISHED', both.tunnels[0]!.reason);
});

test('PEER_NOT_FOUND is decided before any packet: no router owns the remote-gateway, and the search is named', async () => {
  const inputs = scenario('no-peer');
  const result = await simulate(inputs, { seed: 2 });
  const [notFound, unreachable] = result.tunnels;
  assert.equal(notFound!.verdict, 'PEER_NOT_FOUND');
  assert.deepEqual(notFound!.messages, [], 'nothing was sent');
  assert.match(notFound!.reason, /no configuration in the folder has local-gateway 10\.1\.15\.9, the term's remote-gateway \(searched r3\.conf\)/);
  assert.equal(unreachable!.verdict, 'PEER_UNREACHABLE');
  assert.ok(unreachable!.messages.filter((m) => m.retransmission).length === 5, 'the other direction times out on the wire');
});

test('CONFIG_ERROR on a one-word typo in R3 (an IPsec policy naming a proposal that does not exist): nothing is negotiated, the word is blamed', async () => {
  const inputs = edit(example('ike-dynamic-sa'), 'r3.conf', 'proposals ipsec-demo-proposal;', 'proposals ipsec-demo-proposals;');
  const result = await simulate(inputs, { seed: 3 });
  const t = result.tunnels[0]!;
  assert.equal(t.verdict, 'CONFIG_ERROR');
  assert.match(t.reason, /^Junos would reject R3's commit: .*ipsec-demo-proposals.*; nothing was negotiated\.$/);
  assert.deepEqual(t.messages, []);
  const b = t.blame[0]!;
  assert.equal(inputs.find((i) => i.id === b.docId)!.text.slice(b.start, b.end), 'ipsec-demo-proposals');
});

test('show outputs: IPsec soft and hard lifetimes count down from when the SAs came up, soft before hard', async () => {
  // Branch C loses its default route: its exchange times out (126 s) after HQ's tunnels to A and B came up,
  // so when the show outputs are taken, A's and B's SAs have been up for over two minutes.
  const inputs = edit(scenario('hub-three-spokes'), 'branch-c.conf', '        route 0.0.0.0/0 next-hop 198.51.100.254;\n', '');
  const result = await simulate(inputs, { seed: 8 });
  assert.deepEqual(result.tunnels.map((t) => t.verdict), ['ESTABLISHED', 'ESTABLISHED', 'PEER_UNREACHABLE']);
  assert.match(result.tunnels[2]!.reason, /BRANCH-C has no route to 203\.0\.113\.1$/);
  const hq = result.showOutputs.find((o) => o.device === 'HQ')!.ipsecSecurityAssociationsDetail;
  const pairs = [...hq.matchAll(/Soft lifetime: Expires in (\d+) seconds\n {4}Hard lifetime: Expires in (\d+) seconds/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  assert.equal(pairs.length, 4, 'two SAs for each of the two established branches');
  const lifetime = result.tunnels[0]!.ipsec!.lifetimeSeconds;
  for (const [soft, hard] of pairs) {
    assert.ok(soft < hard, `soft ${soft} before hard ${hard}`);
    assert.ok(hard <= lifetime - 126 && hard > lifetime - 140, `hard lifetime ${lifetime} s counted down by the 126 s branch C took: ${hard}`);
  }
  const ike = result.showOutputs.find((o) => o.device === 'HQ')!.ikeSecurityAssociationsDetail;
  for (const m of ike.matchAll(/Lifetime: Expires in (\d+) seconds/g)) assert.ok(Number(m[1]) <= result.tunnels[0]!.ike!.lifetimeSeconds - 126, `IKE lifetime counted down too: ${m[1]}`);
});

test('anti-replay window by services card: 128 on the MultiServices PIC (ms-), 64 on an AS PIC (sp- or --platform as-pic), as the seed shows', async () => {
  const ms = await simulate(example('ike-dynamic-sa'), { seed: 6 });
  const asPic = await simulate(example('ike-dynamic-sa'), { seed: 6, platform: 'as-pic' });
  const sp = await simulate(example('ike-dynamic-sa').map((i) => ({ ...i, text: i.text.replaceAll('ms-1/2/0', 'sp-1/2/0') })), { seed: 6 });
  const windows = (r: SimulationResult) => r.tunnels[0]!.sides.flatMap((s) => s.ipsecSas.map((sa) => sa.antiReplayWindow));
  assert.deepEqual(windows(ms), [128, 128, 128, 128]);
  assert.deepEqual(windows(asPic), [64, 64, 64, 64]);
  assert.deepEqual(windows(sp), [64, 64, 64, 64]);
  assert.match(asPic.showOutputs[0]!.ipsecSecurityAssociationsDetail, /Anti-replay service: Enabled, Replay window size: 64\n/);
  const reasons = (r: SimulationResult) => r.tunnels[0]!.defaults.filter((d) => d.path.endsWith('anti-replay-window-size')).map((d) => `${d.device} ${d.value} ${d.source}: ${d.reason}`);
  assert.match(reasons(ms)[0]!, /^R2 128 platform default: ms-1\/2\/0 is a MultiServices PIC/);
  assert.match(reasons(sp)[0]!, /^R2 64 platform default: sp-1\/2\/0 is an AS PIC/);
});

test('several candidates for the peer: the result and the summary say which router was used and why', async () => {
  const base = example('ike-dynamic-sa');
  const r3 = base.find((i) => i.id.endsWith('r3.conf'))!;
  // A lab copy of R3 (another host-name) with the same local-gateway, whose term points elsewhere.
  const lab = { id: r3.id.replace('r3.conf', 'r3-lab.conf'), text: r3.text.replace('host-name R3;', 'host-name R3-LAB;').replace('remote-gateway 10.1.15.1;', 'remote-gateway 10.1.15.77;') };
  const result = await simulate([...base, lab], { seed: 12 });
  const t = result.tunnels.find((x) => x.ends[0]!.device === 'R2')!;
  assert.equal(t.verdict, 'ESTABLISHED', t.reason);
  assert.equal(t.ends[1]!.device, 'R3');
  assert.match(t.peerSearch, /2 routers have local-gateway 10\.1\.15\.2 \(R3 \(r3\.conf\) and R3-LAB \(r3-lab\.conf\)|2 routers have local-gateway 10\.1\.15\.2 \(R3-LAB \(r3-lab\.conf\) and R3 \(r3\.conf\)/);
  assert.match(t.peerSearch, /used R3 \(r3\.conf, .*because it is the only one whose term points back/);
  const summary = formatSummary(result);
  assert.ok(summary.includes(`  peer search: ${t.peerSearch}\n`), summary);
  // An ordinary pairing does not repeat the search in the summary.
  assert.ok(!formatSummary(await simulate(base, { seed: 12 })).includes('peer search'));
});

test('two files describing the same router (the seed as published: .conf, .set, step-by-step): reported with the file kept and why', async () => {
  const result = await simulate(example('seed-as-published'), { seed: 1 });
  const r2 = result.duplicateDevices.find((d) => d.kept.endsWith('r2.conf'))!;
  assert.deepEqual(r2.files.map((f) => path.basename(f)).sort(), ['r2-step-by-step.set', 'r2.conf', 'r2.set']);
  assert.match(r2.message, /describe the same router \(router-id 10\.0\.0\.2; interface addresses 10\.0\.0\.2, 10\.1\.12\.1, 10\.1\.15\.1\): kept .*r2\.conf because it reads with the fewest errors/);
  assert.ok(r2.places.length > 0 && r2.places.every((p) => p.line >= 1), 'each file is pointed at');
  assert.match(formatSummary(result), /^note: .*r2\.conf.* describe the same router/m);
});
