/**
 * client/simulate-panel.test.ts: the Simulate Tunnel panel's pure parts on real simulations: which ping it
 *   runs by default (client/src/simulate-panel/probe.ts), the packet path read from the traces, and what the
 *   HTML shows (client/src/simulate-panel/render.ts): routers, physical links, the tunnel, the highlighted
 *   hops, the ping and traceroute outputs, the DPD/failover timeline; configuration text always escaped.
 * The panel inside VS Code is tested in test/e2e/ (extension host and Playwright).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { simulate, type SimulationInput, type SimulationResult } from '../../../engine/src/simulate/index';
import { defaultProbe, packetPath, replyPacket } from '../../../client/src/simulate-panel/probe';
import { layoutOrder, renderBody, renderTimeline, renderTopology } from '../../../client/src/simulate-panel/render';

const repoRoot = path.resolve(__dirname, '../../../..');

function folder(dir: string): SimulationInput[] {
  const full = path.join(repoRoot, dir);
  return fs
    .readdirSync(full)
    .filter((f) => /\.(conf|set)$/.test(f))
    .sort()
    .map((f) => ({ id: `file://${path.join(full, f)}`, text: fs.readFileSync(path.join(full, f), 'utf8') }));
}

/** What the panel does: a first run for the topology, then the default probe. */
async function withDefaultProbe(dir: string, extra: { fail?: string[] } = {}): Promise<SimulationResult> {
  const inputs = folder(dir);
  const first = await simulate(inputs, { seed: 5 });
  const probe = defaultProbe(first);
  assert.ok(probe, `a default probe for ${dir}`);
  return simulate(inputs, { seed: 5, ping: [{ from: probe.from, to: probe.to, count: 3 }], traceroute: [{ from: probe.from, to: probe.to }], ...extra });
}

test('default probe: the seed check, R1 behind R2 pings R4 behind R3, in both forms; found from R3, the other way', async () => {
  for (const dir of ['examples/ike-dynamic-sa', 'examples/ike-dynamic-sa-set']) {
    const result = await simulate(folder(dir), { seed: 1 });
    assert.deepEqual(defaultProbe(result), { from: 'R1', to: '10.1.56.2', toRouter: 'R4', gateways: ['R2', 'R3'] });
  }
  const result = await simulate(folder('examples/ike-dynamic-sa'), { seed: 1 });
  const t = result.tunnels[0]!;
  const fromR3 = { ...result, tunnels: [{ ...t, ends: [t.ends[1]!, t.ends[0]!] }] };
  assert.deepEqual(defaultProbe(fromR3), { from: 'R4', to: '10.1.12.2', toRouter: 'R1', gateways: ['R3', 'R2'] });
});

test('default probe: with only one end known (the seed as published), the peer is the owner of the remote-gateway address', async () => {
  const result = await simulate(folder('examples/seed-as-published'), { seed: 1 });
  assert.equal(result.tunnels[0]!.ends.length, 1);
  const probe = defaultProbe(result)!;
  assert.deepEqual(probe.gateways, ['r2', 'r3']);
  assert.deepEqual([probe.from, probe.to, probe.toRouter], ['r1', '10.1.56.2', 'r4']);
});

test('default probe: a transport router between the gateways and other tunnels\' gateways are behind neither', async () => {
  const base = await simulate(folder('examples/ike-dynamic-sa'), { seed: 1 });
  const end = (router: string, unit: string, address: string) => ({ router, unit, address });
  const link = (id: string, a: ReturnType<typeof end>, b: ReturnType<typeof end>) => ({ id, kind: 'point-to-point' as const, subnet: undefined, ends: [a, b], tunnelId: undefined, up: true });
  // GW1 - ISP - GW2, LAN1 behind GW1, nothing behind GW2
  const result: SimulationResult = {
    ...base,
    tunnels: [{ ...base.tunnels[0]!, ends: [{ ...base.tunnels[0]!.ends[0]!, device: 'GW1' }, { ...base.tunnels[0]!.ends[1]!, device: 'GW2' }] }],
    topology: {
      routers: ['LAN1', 'GW1', 'ISP', 'GW2'].map((name, i) => ({ name, routerId: `10.0.0.${i + 1}`, up: true })),
      links: [
        link('LAN1-GW1', end('LAN1', 'ge-0/0/0.0', '192.168.1.2'), end('GW1', 'ge-0/0/0.0', '192.168.1.1')),
        link('GW1-ISP', end('GW1', 'ge-0/0/1.0', '198.51.100.1'), end('ISP', 'ge-0/0/0.0', '198.51.100.2')),
        link('ISP-GW2', end('ISP', 'ge-0/0/1.0', '203.0.113.2'), end('GW2', 'ge-0/0/1.0', '203.0.113.1')),
      ],
    },
  };
  assert.deepEqual(defaultProbe(result), { from: 'LAN1', to: '10.0.0.4', toRouter: 'GW2', gateways: ['GW1', 'GW2'] });
  assert.equal(defaultProbe({ ...result, topology: undefined }), undefined, 'no topology, no guess');
});

test('packet path: R1 -> R2, through the tunnel to R3 (ESP over the R2-R3 link), -> R4; the reply comes back the same way', async () => {
  const result = await withDefaultProbe('examples/ike-dynamic-sa');
  const traffic = result.traffic!;
  assert.equal(traffic.pings[0]!.received, 3, traffic.pings[0]!.output);
  const request = packetPath(traffic.traces, traffic.pings[0]!.packets[0]!, result.topology);
  assert.deepEqual(
    request.hops.map((h) => `${h.from}>${h.to} ${h.via}${h.esp ? ' esp' : ''} ${h.linkId ?? '-'}`),
    ['R1>R2 link R1:ge-0/0/0<->R2:ge-0/0/0', 'R2>R3 link esp R2:ge-0/0/1<->R3:ge-0/0/1', 'R2>R3 tunnel esp -', 'R3>R4 link R3:ge-0/0/0<->R4:ge-0/0/0'],
  );
  assert.deepEqual(request.end && [request.end.router, request.end.action], ['R4', 'deliver']);
  const reply = packetPath(traffic.traces, replyPacket(traffic.traces, request.packet)!, result.topology);
  assert.deepEqual(reply.hops.filter((h) => !h.esp || h.via === 'tunnel').map((h) => `${h.from}>${h.to}`), ['R4>R3', 'R3>R2', 'R2>R1']);
});

test('topology picture: routers in link order, the physical links, the tunnel, and the ping\'s hops highlighted', async () => {
  const result = await withDefaultProbe('examples/ike-dynamic-sa');
  assert.deepEqual(layoutOrder(['R4', 'R2', 'R1', 'R3'], result.topology!.links), ['R4', 'R3', 'R2', 'R1']);
  const svg = renderTopology(result);
  for (const id of ['R1:ge-0/0/0&lt;-&gt;R2:ge-0/0/0', 'R2:ge-0/0/1&lt;-&gt;R3:ge-0/0/1', 'R3:ge-0/0/0&lt;-&gt;R4:ge-0/0/0']) assert.ok(svg.includes(`data-link="${id}"`), id);
  assert.ok(!svg.includes('data-link="R2:ms-1/2/0.1'), 'the tunnel is drawn as the tunnel, not as a link');
  assert.match(svg, /class="tunnel tunnel-up"/);
  const hops = [...svg.matchAll(/class="path-hop[^"]*"[^>]*data-from="([^"]+)" data-to="([^"]+)" data-via="([^"]+)"/g)].map((m) => `${m[1]}>${m[2]} ${m[3]}`);
  assert.deepEqual(hops, ['R1>R2 link', 'R2>R3 esp', 'R2>R3 tunnel', 'R3>R4 link']);
  assert.equal((svg.match(/class="hop-number"/g) ?? []).length, 4, 'four routers numbered');
  for (const label of ['10.1.12.0/30', 'ge-0/0/1 .1', 'IPsec 10.1.15.1 ⇄ 10.1.15.2 · ESTABLISHED']) assert.ok(svg.includes(label), label);
  assert.match(svg, /aria-label="Topology\. R2 to R3: ESTABLISHED\.[^"]*Ping path: R1 → R2 → through the tunnel to R3 → R4\."/);
});

test('panel body: the ping line, ping and traceroute outputs and the packet path as text; a failed link is drawn down', async () => {
  const ok = renderBody({ available: true, result: await withDefaultProbe('examples/ike-dynamic-sa') });
  assert.match(ok, /id="ping-line" data-received="3" data-transmitted="3"/);
  assert.match(ok, /3 packets transmitted, 3 packets received, 0% packet loss/);
  assert.match(ok, /user@R1&gt; traceroute 10\.1\.56\.2/);
  assert.match(ok, /<ol class="path-steps" aria-label="Packet path: echo request">/);
  assert.match(ok, /<strong>R2<\/strong> <code>encrypt<\/code>/);

  const broken = await withDefaultProbe('examples/ike-dynamic-sa', { fail: ['R3:ge-0/0/0<->R4:ge-0/0/0'] });
  const html = renderBody({ available: true, result: broken });
  assert.match(html, /class="link link-down" d="[^"]*" data-link="R3:ge-0\/0\/0&lt;-&gt;R4:ge-0\/0\/0"/);
  assert.match(html, /id="ping-line" data-received="0"/);
  assert.match(html, /Failed: link R3:ge-0\/0\/0&lt;-&gt;R4:ge-0\/0\/0 is down/);
});

test('timeline: shown when the engine reports DPD or failover events, absent otherwise; text escaped', async () => {
  const result = await withDefaultProbe('examples/ike-dynamic-sa');
  assert.equal(renderTimeline(result), '', 'no DPD configured, no timeline');
  const evil = '<img src=x onerror=alert(1)>';
  const events = [
    { time: 12000, router: 'R2', tunnelId: 't', kind: 'dead', peer: '10.1.15.2', text: `peer 10.1.15.2 is dead ${evil}` },
    { time: 2000, router: 'R2', tunnelId: 't', kind: 'hello', peer: '10.1.15.2', text: 'R-U-THERE 1' },
  ];
  const html = renderTimeline({ ...result, traffic: { ...result.traffic!, deadPeerDetection: events as never } });
  assert.match(html, /<h2 id="h-timeline">Dead peer detection and failover<\/h2>/);
  assert.ok(html.indexOf('R-U-THERE 1') < html.indexOf('peer 10.1.15.2 is dead'), 'in time order');
  assert.match(html, /<td class="time">2\.000 s<\/td><td>R2<\/td><td>hello<\/td>/);
  assert.ok(!html.includes('<img'), 'escaped');
});

test('escaping: router names, subnets and outcomes from the configuration never reach the page raw', async () => {
  const result = await withDefaultProbe('examples/ike-dynamic-sa');
  const evil = '"><script>alert(1)</script>';
  const renamed = JSON.parse(JSON.stringify(result).split('"R4"').join(JSON.stringify(`R4${evil}`))) as SimulationResult;
  const html = renderBody({ available: true, result: renamed });
  assert.ok(!html.includes('<script>'), 'no raw script');
  assert.ok(html.includes('R4&quot;&gt;&lt;script&gt;'), 'shown escaped');
});
