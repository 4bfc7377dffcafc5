/**
 * The simulation driver on the bundled examples and on failure scenarios written as router folders
 * (test/fixtures/scenarios/<name>/ with r2.conf, r3.conf and expected.json): verdicts come from the real
 * exchange, reasons say what a network engineer needs, blame points at the configuration line to change,
 * the seed-as-published example is refused with the commit error, and no key ever reaches the result.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { simulate, type SimulationInput, type SimulationResult } from '../../../engine/src/simulate/index';

/** Repository root, computed from out/test/src/engine/. */
const repoRoot = path.resolve(__dirname, '../../../..');
const scenariosDir = path.join(repoRoot, 'test', 'fixtures', 'scenarios');

function folder(dir: string): SimulationInput[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(conf|set)$/.test(f))
    .sort()
    .map((f) => ({ id: path.join(path.relative(repoRoot, dir), f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

const example = (name: string) => folder(path.join(repoRoot, 'examples', name));

/** Everything a key could leak as: the decoded key of the examples and any `$9$` string. */
function assertNoSecret(result: SimulationResult, extraKeys: readonly string[] = []): void {
  const json = JSON.stringify(result);
  assert.ok(!json.includes('keyfordemo'), 'the decoded pre-shared key never appears');
  assert.ok(!json.includes('$9$'), 'no $9$ string appears');
  for (const k of extraKeys) assert.ok(!json.includes(k), `${k} never appears`);
}

for (const name of ['ike-dynamic-sa', 'ike-dynamic-sa-set']) {
  test(`${name}: R2 <-> R3 ESTABLISHED with the seed's algorithms, real messages and both routers' SAs`, async () => {
    const result = await simulate(example(name), { seed: 7 });
    assert.equal(result.tunnels.length, 1);
    const t = result.tunnels[0]!;
    assert.equal(t.verdict, 'ESTABLISHED', t.reason);
    assert.deepEqual(t.ends.map((e) => [e.device, e.role, e.localGateway, e.remoteGateway]), [
      ['R2', 'initiator', '10.1.15.1', '10.1.15.2'],
      ['R3', 'responder', '10.1.15.2', '10.1.15.1'],
    ]);
    assert.deepEqual(t.ike, { version: 1, exchangeType: 'Main', encryption: '3des-cbc', authentication: 'sha1', dhGroup: 'group2', lifetimeSeconds: 3600 });
    assert.deepEqual(t.ipsec, { protocol: 'esp', encryption: '3des-cbc', authentication: 'hmac-sha1-96', pfsGroup: 'group2', lifetimeSeconds: 28800 });
    // Main Mode 1..6 then Quick Mode 1..3, alternating between the two routers.
    assert.deepEqual(t.messages.map((m) => `${m.exchange} ${m.messageNumber} ${m.from}->${m.to}`), [
      'Main Mode 1 R2->R3', 'Main Mode 2 R3->R2', 'Main Mode 3 R2->R3', 'Main Mode 4 R3->R2', 'Main Mode 5 R2->R3', 'Main Mode 6 R3->R2',
      'Quick Mode 1 R2->R3', 'Quick Mode 2 R3->R2', 'Quick Mode 3 R2->R3',
    ]);
    assert.ok(t.messages.slice(4).every((m) => m.encrypted), 'Main Mode 5-6 and Quick Mode are encrypted');
    // The SPIs cross: R2's inbound is R3's outbound and the other way round.
    const [r2, r3] = t.sides;
    assert.equal(r2!.device, 'R2');
    const spi = (side: typeof r2, direction: string) => side!.ipsecSas.find((s) => s.direction === direction)!.spi;
    assert.equal(spi(r2, 'inbound'), spi(r3, 'outbound'));
    assert.equal(spi(r2, 'outbound'), spi(r3, 'inbound'));
    assert.equal(r2!.ikeSa!.initiatorCookie, r3!.ikeSa!.initiatorCookie);
    assert.equal(r2!.ipsecSas[0]!.antiReplayWindow, 128, 'ms-1/2/0 is a MultiServices PIC: window 128 by default');
    assert.deepEqual(t.blame, []);
    // The defaults the tunnel relied on are listed, with their reason.
    const paths = t.defaults.filter((d) => d.device === 'R2').map((d) => d.path);
    assert.ok(paths.includes('services ipsec-vpn ike policy ike-demo-policy version'), paths.join('\n'));
    assert.ok(paths.includes('services ipsec-vpn ike proposal ike-demo-proposal lifetime-seconds'));
    // Both routers' show outputs.
    assert.deepEqual(result.showOutputs.map((o) => o.device), ['R2', 'R3']);
    assert.match(result.showOutputs[0]!.ikeSecurityAssociations, /^10\.1\.15\.2\s+Matured\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+Main$/m);
    assert.match(result.showOutputs[1]!.ipsecSecurityAssociationsDetail, /Local gateway: 10\.1\.15\.2, Remote gateway: 10\.1\.15\.1/);
    assert.deepEqual(result.summary, { tunnels: 1, established: 1, failed: 0 });
    assertNoSecret(result);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result, 'the result is plain JSON data');
  });
}

test('both forms of the corrected example give identical JSON for one seed; another seed changes cookies and SPIs only', async () => {
  const normalise = (r: SimulationResult) => JSON.parse(JSON.stringify(r).replace(/ike-dynamic-sa-set/g, 'ike-dynamic-sa').replace(/\.set\b/g, '.conf'));
  const curly = await simulate(example('ike-dynamic-sa'), { seed: 42 });
  const set = await simulate(example('ike-dynamic-sa-set'), { seed: 42 });
  assert.deepEqual(normalise(set), normalise(curly));
  const again = await simulate(example('ike-dynamic-sa'), { seed: 42 });
  assert.equal(JSON.stringify(again), JSON.stringify(curly), 'same seed, same bytes');
  const other = await simulate(example('ike-dynamic-sa'), { seed: 43 });
  assert.notEqual(other.tunnels[0]!.sides[0]!.ikeSa!.initiatorCookie, curly.tunnels[0]!.sides[0]!.ikeSa!.initiatorCookie);
  assert.equal(other.tunnels[0]!.verdict, 'ESTABLISHED');
});

test('seed-as-published: refused with the commit error (the undefined proposal) and the duplicate router files noted', async () => {
  const inputs = example('seed-as-published');
  const result = await simulate(inputs, { seed: 1 });
  assert.equal(result.tunnels.length, 1);
  const t = result.tunnels[0]!;
  assert.equal(t.verdict, 'CONFIG_ERROR');
  assert.match(t.reason, /^Junos would reject r2's commit: IKE policy ike-demo-policy names IKE proposal demo-proposal, which is not defined/);
  assert.deepEqual(t.messages, [], 'nothing is negotiated for a configuration that does not commit');
  assert.deepEqual(result.showOutputs, []);
  const first = t.blockingProblems[0]!;
  const text = inputs.find((i) => i.id === first.docId)!.text;
  assert.equal(text.split('\n')[first.line - 1]!.trim(), 'proposals demo-proposal;');
  assert.equal(text.slice(first.start, first.end), 'demo-proposal');
  assert.equal(t.blame[0]!.line, first.line);
  // r1..r4 each exist as .conf, .set and step-by-step files: four duplicate findings, the .conf kept.
  assert.equal(result.duplicateDevices.length, 4);
  assert.ok(result.duplicateDevices.every((d) => d.kept.endsWith('.conf') && d.files.length === 3));
  assert.ok(result.files.filter((f) => !f.kept).length === 8);
  assertNoSecret(result, ['ABC123']);
});

test('target: asking about R3 makes R3 the initiator; a target that matches nothing says what exists', async () => {
  const fromR3 = await simulate(example('ike-dynamic-sa'), { seed: 3, target: { device: 'r3' } });
  assert.equal(fromR3.tunnels[0]!.initiator!.device, 'R3');
  assert.equal(fromR3.tunnels[0]!.messages[0]!.from, 'R3');
  assert.equal(fromR3.tunnels[0]!.verdict, 'ESTABLISHED');
  const none = await simulate(example('ike-dynamic-sa'), { seed: 3, target: { rule: 'no-such-rule' } });
  assert.equal(none.tunnels.length, 0);
  assert.match(none.notes.join('\n'), /No tunnel matches rule no-such-rule; the files describe 1 tunnel\(s\): R2 demo-service-set rule-ike\/term-ike/);
});

test('pcap: every packet of the exchange is in the capture', async () => {
  const result = await simulate(example('ike-dynamic-sa'), { seed: 5, pcap: true });
  const bytes = Buffer.from(result.pcap!.base64, 'base64');
  assert.equal(bytes.readUInt32LE(0), 0xa1b2c3d4);
  assert.equal(result.pcap!.packets, result.tunnels[0]!.messages.length);
  const plain = await simulate(example('ike-dynamic-sa'), { seed: 5 });
  assert.equal(plain.pcap, undefined);
});

// Data-driven failure scenarios.
interface ExpectedTunnel {
  readonly verdict: string;
  readonly reasonIncludes: string[];
  readonly blame: { readonly file: string; readonly lineIncludes: string }[];
}

for (const name of fs.readdirSync(scenariosDir).filter((n) => fs.existsSync(path.join(scenariosDir, n, 'expected.json'))).sort()) {
  test(`scenario ${name}`, async () => {
    const dir = path.join(scenariosDir, name);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { tunnels: ExpectedTunnel[] };
    const inputs = folder(dir);
    const result = await simulate(inputs, { seed: 11 });
    assert.deepEqual(result.tunnels.map((t) => t.verdict), expected.tunnels.map((t) => t.verdict), result.tunnels.map((t) => t.reason).join('\n'));
    for (const [i, want] of expected.tunnels.entries()) {
      const got = result.tunnels[i]!;
      for (const s of want.reasonIncludes) assert.ok(got.reason.includes(s), `${name}: reason "${got.reason}" includes "${s}"`);
      for (const b of want.blame) {
        const hit = got.blame.find((x) => path.basename(x.docId) === b.file && inputs.find((f) => f.id === x.docId)!.text.split('\n')[x.line - 1]!.includes(b.lineIncludes));
        assert.ok(hit, `${name}: blame points at the line of ${b.file} with "${b.lineIncludes}"; got ${JSON.stringify(got.blame.map((x) => `${x.docId}:${x.line}`))}`);
        const text = inputs.find((f) => f.id === hit.docId)!.text;
        assert.equal(text.slice(0, hit.start).split('\n').length, hit.line, 'line agrees with the offset');
      }
      assert.equal(got.blame.length, want.blame.length, `${name}: no extra blame`);
    }
    assertNoSecret(result);
  });
}

test('hub-three-spokes: the hub holds one IKE SA per established branch, tunnel indexes count per service set', async () => {
  const result = await simulate(folder(path.join(scenariosDir, 'hub-three-spokes')), { seed: 8 });
  const hq = result.showOutputs.find((o) => o.device === 'HQ')!;
  assert.deepEqual(hq.ikeSecurityAssociations.trimEnd().split('\n').slice(1).map((l) => l.split(/\s+/)[0]), ['198.51.100.10', '198.51.100.20']);
  assert.deepEqual([...hq.ipsecSecurityAssociationsDetail.matchAll(/Term: ([^,]+), Tunnel index: (\d+)/g)].map((m) => `${m[1]} ${m[2]}`), ['branch-a 1', 'branch-b 2']);
  const branchA = result.showOutputs.find((o) => o.device === 'BRANCH-A')!;
  assert.match(branchA.ipsecSecurityAssociationsDetail, /Local identity: ipv4_subnet\(any:0,\[0\.\.7\]=172\.16\.10\.0\/24\)\n {2}Remote identity: ipv4_subnet\(any:0,\[0\.\.7\]=10\.20\.0\.0\/16\)/);
  assert.equal(result.showOutputs.find((o) => o.device === 'BRANCH-C')!.ipsecSecurityAssociationsDetail, '', 'no SA on the branch whose key is wrong');
});

test('psk-differs: the reason names the cause, never either key', async () => {
  const result = await simulate(folder(path.join(scenariosDir, 'psk-differs')), { seed: 2 });
  const t = result.tunnels[0]!;
  assert.equal(t.verdict, 'IKE_AUTH_FAILED');
  assert.ok(t.messages.some((m) => m.exchange === 'Main Mode' && m.messageNumber === 5), 'the failure comes from message 5 on the wire');
  assert.equal(t.sides.every((s) => s.ipsecSas.length === 0), true);
  assertNoSecret(result, ['keyfordemo-2']);
});

test('topology: every router and link of the inputs, with the state --fail leaves them in', async () => {
  const result = await simulate(example('ike-dynamic-sa'), { seed: 3 });
  const topology = result.topology!;
  assert.deepEqual(topology.routers.map((r) => [r.name, r.routerId, r.up]), [['R1', '10.0.0.1', true], ['R2', '10.0.0.2', true], ['R3', '10.0.0.3', true], ['R4', '10.0.0.4', true]]);
  const physical = topology.links.filter((l) => l.kind !== 'tunnel');
  assert.deepEqual(physical.map((l) => [l.id, l.subnet, l.ends.map((e) => `${e.router} ${e.unit} ${e.address}`), l.up]), [
    ['R1:ge-0/0/0<->R2:ge-0/0/0', '10.1.12.0/30', ['R1 ge-0/0/0.0 10.1.12.2', 'R2 ge-0/0/0.0 10.1.12.1'], true],
    ['R2:ge-0/0/1<->R3:ge-0/0/1', '10.1.15.0/30', ['R2 ge-0/0/1.0 10.1.15.1', 'R3 ge-0/0/1.0 10.1.15.2'], true],
    ['R3:ge-0/0/0<->R4:ge-0/0/0', '10.1.56.0/30', ['R3 ge-0/0/0.0 10.1.56.1', 'R4 ge-0/0/0.0 10.1.56.2'], true],
  ]);
  const tunnelLinks = topology.links.filter((l) => l.kind === 'tunnel');
  assert.equal(tunnelLinks.length, 1);
  assert.deepEqual(tunnelLinks[0]!.ends.map((e) => e.router), ['R2', 'R3']);
  assert.equal(tunnelLinks[0]!.subnet, undefined);

  const failed = await simulate(example('ike-dynamic-sa'), { seed: 3, fail: ['R3:ge-0/0/0<->R4:ge-0/0/0', 'R1'] });
  const state = new Map(failed.topology!.links.map((l) => [l.id, l.up]));
  assert.equal(state.get('R3:ge-0/0/0<->R4:ge-0/0/0'), false);
  assert.equal(state.get('R1:ge-0/0/0<->R2:ge-0/0/0'), false, 'a link of a failed router is down');
  assert.equal(state.get('R2:ge-0/0/1<->R3:ge-0/0/1'), true);
  assert.deepEqual(failed.topology!.routers.filter((r) => !r.up).map((r) => r.name), ['R1']);
});
