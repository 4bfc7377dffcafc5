/**
 * Routing on the seed network (both forms) and realistic variants: OSPF across the IPsec tunnel's inside
 * interfaces only while the tunnel is up, static next-hop resolution and preferences, the `show route` text
 * for R2, and recomputation when links, routers or the tunnel change state.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTopology, setLinkState, setRouterState, type Topology } from '../../../engine/src/topology/index';
import { createRouting, formatRouteAge, forwardingPath, underlayPath, type NextHop, type Routing } from '../../../engine/src/routing/index';
import type { NetworkInput } from '../../../engine/src/index';
import { compiled, editFile, exampleFolder } from './routing-fixtures';

const TUNNEL_ID = 'R2:demo-service-set/rule-ike/term-ike<->R3:demo-service-set/rule-ike/term-ike';

interface Harness {
  readonly topology: Topology;
  readonly routing: Routing;
  tunnel: boolean;
  clockMs: number;
}

async function harness(inputs: NetworkInput[], tunnel = true): Promise<Harness> {
  const { network, tunnels } = await compiled(inputs);
  const topology = buildTopology(network, tunnels);
  const h: Harness = {
    topology,
    tunnel,
    clockMs: 0,
    routing: undefined as unknown as Routing,
  };
  (h as { routing: Routing }).routing = createRouting(topology, { tunnelUp: (id) => id === TUNNEL_ID && h.tunnel, now: () => h.clockMs });
  return h;
}

function hop(h: NextHop | undefined): string {
  if (!h) return 'none';
  if (h.kind === 'forward') return `${h.to ? `to ${h.to} ` : ''}via ${h.interface}${h.tunnelId ? ' (tunnel)' : ''}`;
  return h.kind === 'local' ? `local ${h.interface}` : h.kind;
}

function route(routing: Routing, router: string, prefix: string): string {
  const found = routing.table(router)!.routes.filter((r) => r.prefix === prefix);
  return found.map((r) => `${r.active ? '*' : ' '}${r.protocol}/${r.preference}${r.metric !== undefined ? ` metric ${r.metric}` : ''} ${r.nextHops.map(hop).join(', ')}`).join(' | ') || 'none';
}

for (const example of ['ike-dynamic-sa', 'ike-dynamic-sa-set']) {
  test(`${example}: with the tunnel up, far-side routes point into ms-1/2/0.1, not ge-0/0/1 (no OSPF there)`, async () => {
    const { routing } = await harness(exampleFolder(example));
    assert.equal(route(routing, 'R1', '10.1.56.0/30'), '*OSPF/10 metric 3 to 10.1.12.1 via ge-0/0/0.0');
    assert.equal(route(routing, 'R2', '10.1.56.0/30'), '*OSPF/10 metric 2 via ms-1/2/0.1 (tunnel)');
    assert.equal(route(routing, 'R4', '10.1.12.0/30'), '*OSPF/10 metric 3 to 10.1.56.1 via ge-0/0/0.0');
    assert.equal(route(routing, 'R3', '10.0.0.2/32'), '*OSPF/10 metric 1 via ms-1/2/0.1 (tunnel)');
    // 10.1.15.0/30 is not in OSPF: only R2 and R3 (directly attached) know it.
    assert.equal(route(routing, 'R1', '10.1.15.0/30'), 'none');
    assert.equal(route(routing, 'R2', '10.1.15.0/30'), '*Direct/0 via ge-0/0/1.0');
    const lookup = routing.lookup('R2', '10.1.56.2');
    assert.equal(lookup?.route.prefix, '10.1.56.0/30');
    assert.deepEqual(lookup?.nextHop, { kind: 'forward', interface: 'ms-1/2/0.1', to: undefined, tunnelId: TUNNEL_ID });
    assert.equal(hop(routing.lookup('R2', '10.1.12.1')?.nextHop), 'local ge-0/0/0.0');
    assert.deepEqual(routing.ospfNeighbors('R2').map((e) => `${e.neighbor} via ${e.via} cost ${e.cost}`), ['R1 via ge-0/0/0.0 cost 1', 'R3 via ms-1/2/0.1 cost 1']);
  });
}

test('with the tunnel down, R1 has no route to 10.1.56.0/30; bringing it up recomputes the same Routing', async () => {
  const h = await harness(exampleFolder('ike-dynamic-sa'), false);
  assert.equal(route(h.routing, 'R1', '10.1.56.0/30'), 'none');
  assert.equal(h.routing.lookup('R1', '10.1.56.2'), undefined);
  assert.equal(h.routing.lookup('R2', '10.1.56.2'), undefined);
  assert.deepEqual(h.routing.ospfNeighbors('R2').map((e) => e.neighbor), ['R1']);
  h.tunnel = true;
  assert.equal(route(h.routing, 'R1', '10.1.56.0/30'), '*OSPF/10 metric 3 to 10.1.12.1 via ge-0/0/0.0');
  h.tunnel = false;
  assert.equal(h.routing.lookup('R1', '10.1.56.2'), undefined);
});

test('a passive interface is advertised but forms no adjacency', async () => {
  const inputs = editFile(exampleFolder('ike-dynamic-sa'), 'r3.conf', 'interface ge-0/0/0.0;', 'interface ge-0/0/0.0 {\n                passive;\n            }');
  const { routing } = await harness(inputs);
  assert.equal(route(routing, 'R2', '10.1.56.0/30'), '*OSPF/10 metric 2 via ms-1/2/0.1 (tunnel)');
  assert.equal(route(routing, 'R2', '10.0.0.4/32'), 'none');
  assert.deepEqual(routing.ospfNeighbors('R3').map((e) => e.neighbor), ['R2']);
});

test('static routes: next hop resolved on a connected subnet, unresolvable ones hidden with the reason, discard, preference over OSPF', async () => {
  const r1 = [
    'set routing-options static route 192.168.0.0/16 next-hop 10.1.12.1',
    'set routing-options static route 172.20.0.0/16 next-hop 10.1.56.1',
    'set routing-options static route 10.99.0.0/16 discard',
    'set routing-options static route 10.1.56.0/30 next-hop 10.1.12.1',
  ].join('\n');
  const inputs = exampleFolder('ike-dynamic-sa-set').map((f) => (f.id === 'r1.set' ? { id: f.id, text: `${f.text}\n${r1}\n` } : f));
  const { routing } = await harness(inputs);
  assert.equal(route(routing, 'R1', '192.168.0.0/16'), '*Static/5 to 10.1.12.1 via ge-0/0/0.0');
  assert.equal(route(routing, 'R1', '10.99.0.0/16'), '*Static/5 discard');
  // Static (5) beats OSPF (10); the OSPF route stays as an inactive alternative.
  assert.equal(route(routing, 'R1', '10.1.56.0/30'), '*Static/5 to 10.1.12.1 via ge-0/0/0.0 |  OSPF/10 metric 3 to 10.1.12.1 via ge-0/0/0.0');
  assert.equal(route(routing, 'R1', '172.20.0.0/16'), 'none');
  const hidden = routing.table('R1')!.hidden;
  assert.equal(hidden.length, 1);
  assert.match(hidden[0]!.reason, /next-hop 10\.1\.56\.1 of static route 172\.20\.0\.0\/16 is not on a directly connected subnet of R1/);
  assert.equal(routing.lookup('R1', '192.168.4.4')?.route.prefix, '192.168.0.0/16');
  assert.equal(routing.lookup('R1', '10.99.1.1')?.nextHop.kind, 'discard');
  assert.match(routing.showRoute('R1'), /^inet\.0: 10 destinations, 11 routes \(10 active, 0 holddown, 1 hidden\)$/m);
  // The static route's next hop loses its subnet when the link fails: the route becomes hidden.
  const h = await harness(inputs);
  setLinkState(h.topology, 'R1:ge-0/0/0<->R2:ge-0/0/0', false);
  assert.equal(route(h.routing, 'R1', '192.168.0.0/16'), 'none');
  assert.equal(h.routing.table('R1')!.hidden.length, 3);
});

test('show route on R2 (tunnel up), with route ages from the simulated clock', async () => {
  const h = await harness(exampleFolder('ike-dynamic-sa'));
  h.clockMs = 5_000;
  h.routing.table('R2');
  h.clockMs = 5_000 + 3_723_000;
  assert.equal(
    h.routing.showRoute('R2'),
    [
      'inet.0: 10 destinations, 10 routes (10 active, 0 holddown, 0 hidden)',
      '+ = Active Route, - = Last Active, * = Both',
      '',
      '10.0.0.1/32        *[OSPF/10] 01:02:03, metric 1',
      '                    > to 10.1.12.2 via ge-0/0/0.0',
      '10.0.0.2/32        *[Direct/0] 01:02:03',
      '                    > via lo0.0',
      '10.0.0.3/32        *[OSPF/10] 01:02:03, metric 1',
      '                    > via ms-1/2/0.1',
      '10.0.0.4/32        *[OSPF/10] 01:02:03, metric 2',
      '                    > via ms-1/2/0.1',
      '10.1.12.0/30       *[Direct/0] 01:02:03',
      '                    > via ge-0/0/0.0',
      '10.1.12.1/32       *[Local/0] 01:02:03',
      '                      Local via ge-0/0/0.0',
      '10.1.15.0/30       *[Direct/0] 01:02:03',
      '                    > via ge-0/0/1.0',
      '10.1.15.1/32       *[Local/0] 01:02:03',
      '                      Local via ge-0/0/1.0',
      '10.1.56.0/30       *[OSPF/10] 01:02:03, metric 2',
      '                    > via ms-1/2/0.1',
      '224.0.0.5/32       *[OSPF/10] 01:02:03, metric 1',
      '                      MultiRecv',
      '',
    ].join('\n'),
  );
  // Only the routes that changed get a new age when the tunnel flaps.
  h.tunnel = false;
  h.clockMs += 10_000;
  h.routing.table('R2');
  h.tunnel = true;
  h.routing.lookup('R1', '10.1.56.2');
  h.clockMs += 10_000;
  const text = h.routing.showRoute('R2', { destination: '10.1.56.2' });
  assert.match(text, /^10\.1\.56\.0\/30 +\*\[OSPF\/10\] 00:00:10, metric 2$/m);
  assert.doesNotMatch(text, /10\.1\.12\.0/);
  assert.match(h.routing.showRoute('R2', { protocol: 'Direct' }), /^10\.1\.12\.0\/30 +\*\[Direct\/0\] 01:02:23$/m);
  assert.equal(formatRouteAge(9 * 86400 + 61), '1w2d 00:01:01');
  assert.match(h.routing.showRoute('R9'), /no router R9/);
});

test('failing the R1-R2 link or a router removes the routes through it; restoring brings them back', async () => {
  const h = await harness(exampleFolder('ike-dynamic-sa'));
  setLinkState(h.topology, 'R1:ge-0/0/0<->R2:ge-0/0/0', false);
  assert.equal(route(h.routing, 'R1', '10.1.56.0/30'), 'none');
  assert.equal(route(h.routing, 'R1', '10.1.12.0/30'), 'none');
  assert.equal(route(h.routing, 'R1', '10.0.0.1/32'), '*Direct/0 via lo0.0');
  assert.equal(route(h.routing, 'R4', '10.1.12.0/30'), 'none');
  assert.equal(route(h.routing, 'R4', '10.0.0.1/32'), 'none');
  assert.equal(route(h.routing, 'R4', '10.0.0.2/32'), '*OSPF/10 metric 2 to 10.1.56.1 via ge-0/0/0.0');
  setLinkState(h.topology, 'R1:ge-0/0/0<->R2:ge-0/0/0', true);
  assert.equal(route(h.routing, 'R4', '10.0.0.1/32'), '*OSPF/10 metric 3 to 10.1.56.1 via ge-0/0/0.0');

  setRouterState(h.topology, 'R3', false);
  assert.equal(route(h.routing, 'R2', '10.1.56.0/30'), 'none');
  assert.equal(h.routing.table('R3')!.routes.length, 0);
  assert.match(h.routing.showRoute('R3'), /R3 is down/);
  assert.equal(route(h.routing, 'R4', '10.1.56.0/30'), '*Direct/0 via ge-0/0/0.0');
  assert.equal(route(h.routing, 'R4', '10.0.0.3/32'), 'none');
});

test('equal-cost paths keep both next hops; the lower-cost path wins otherwise', async () => {
  // A square: A-B-D and A-C-D, all gigabit: two equal paths from A to D's loopback.
  const router = (name: string, lo: string, links: [string, string][]) => ({
    id: `${name}.set`,
    text: [
      `set system host-name ${name}`,
      ...links.map(([ifName, addr]) => `set interfaces ${ifName} unit 0 family inet address ${addr}`),
      `set interfaces lo0 unit 0 family inet address ${lo}/32`,
      ...links.map(([ifName]) => `set protocols ospf area 0.0.0.0 interface ${ifName}.0`),
      'set protocols ospf area 0.0.0.0 interface lo0.0 passive',
    ].join('\n'),
  });
  const inputs = [
    router('A', '10.255.0.1', [['ge-0/0/0', '10.2.0.1/30'], ['ge-0/0/1', '10.2.0.5/30']]),
    router('B', '10.255.0.2', [['ge-0/0/0', '10.2.0.2/30'], ['ge-0/0/1', '10.2.0.9/30']]),
    router('C', '10.255.0.3', [['ge-0/0/1', '10.2.0.6/30'], ['fe-0/0/2', '10.2.0.13/30']]),
    router('D', '10.255.0.4', [['ge-0/0/1', '10.2.0.10/30'], ['fe-0/0/2', '10.2.0.14/30']]),
  ];
  const { network, tunnels } = await compiled(inputs);
  const routing = createRouting(buildTopology(network, tunnels));
  // fe- (100 Mb/s) costs 1 with the 100 Mb/s reference bandwidth, like ge-: two equal paths.
  assert.equal(route(routing, 'A', '10.255.0.4/32'), '*OSPF/10 metric 2 to 10.2.0.2 via ge-0/0/0.0, to 10.2.0.6 via ge-0/0/1.0');
  assert.match(routing.showRoute('A', { destination: '10.255.0.4/32', exact: true }), /> to 10\.2\.0\.2 via ge-0\/0\/0\.0\n {22}to 10\.2\.0\.6 via ge-0\/0\/1\.0\n$/);
  assert.equal(routing.lookup('A', '10.255.0.4')?.nextHop.kind, 'forward');
});

test('forwarding paths: R1 to R4 crosses the tunnel R2->R3; the underlay R2->10.1.15.2 uses ge-0/0/1 and breaks with it', async () => {
  const h = await harness(exampleFolder('ike-dynamic-sa'));
  const across = forwardingPath(h.topology, h.routing, 'r1', '10.1.56.2', { crossTunnels: true });
  assert.equal(across.outcome, 'delivered');
  assert.deepEqual(across.hops.map((x) => `${x.router} ${x.interface}${x.tunnelId ? ' tunnel' : ''}`), ['R1 ge-0/0/0.0', 'R2 ms-1/2/0.1 tunnel', 'R3 ge-0/0/0.0', 'R4 ge-0/0/0.0']);
  const stops = forwardingPath(h.topology, h.routing, 'R1', '10.1.56.2');
  assert.equal(stops.outcome, 'tunnel');
  assert.equal(stops.hops.length, 2);
  const underlay = underlayPath(h.topology, h.routing, TUNNEL_ID)!;
  assert.equal(underlay.outcome, 'delivered');
  assert.deepEqual(underlay.hops.map((x) => `${x.router} ${x.route} ${x.interface}`), ['R2 10.1.15.0/30 ge-0/0/1.0', 'R3 10.1.15.2/32 ge-0/0/1.0']);
  setLinkState(h.topology, 'R2:ge-0/0/1<->R3:ge-0/0/1', false);
  const broken = underlayPath(h.topology, h.routing, TUNNEL_ID)!;
  assert.equal(broken.outcome, 'no-route');
  assert.equal(broken.message, 'R2 has no route to 10.1.15.2');
  assert.equal(forwardingPath(h.topology, h.routing, 'R4', '10.1.15.1').outcome, 'no-route');
});

test('OSPF on a shared LAN with `interface all` (management fxp0 left out) and a passive stub', async () => {
  const router = (name: string, host: number, extra: string[]) => ({
    id: `${name.toLowerCase()}.set`,
    text: [
      `set system host-name ${name}`,
      `set interfaces ge-0/0/2 unit 0 family inet address 192.168.7.${host}/24`,
      `set interfaces fxp0 unit 0 family inet address 172.31.0.${host}/24`,
      `set interfaces lo0 unit 0 family inet address 10.255.0.${host}/32`,
      ...extra,
    ].join('\n'),
  });
  const inputs = [
    router('A', 1, ['set protocols ospf area 0.0.0.0 interface all']),
    router('B', 2, ['set protocols ospf area 0.0.0.0 interface all', 'set interfaces ge-0/0/5 unit 0 family inet address 10.50.0.1/24', 'set protocols ospf area 0.0.0.0 interface ge-0/0/5.0 passive']),
    router('C', 3, ['set protocols ospf area 0.0.0.1 interface all']),
  ];
  const { network, tunnels } = await compiled(inputs);
  const topology = buildTopology(network, tunnels);
  const routing = createRouting(topology);
  assert.equal(route(routing, 'A', '10.255.0.2/32'), '*OSPF/10 metric 1 to 192.168.7.2 via ge-0/0/2.0');
  assert.equal(route(routing, 'A', '10.50.0.0/24'), '*OSPF/10 metric 2 to 192.168.7.2 via ge-0/0/2.0');
  // C is in another area on the same LAN: area IDs differ, so no adjacency and no routes from or to it.
  assert.equal(route(routing, 'A', '10.255.0.3/32'), 'none');
  // fxp0 is management: not advertised even with `interface all`, and each router only has its own.
  assert.equal(route(routing, 'A', '172.31.0.0/24'), '*Direct/0 via fxp0.0');
  assert.deepEqual(routing.ospfNeighbors('A').map((e) => `${e.neighbor} ${e.via} ${e.linkId}`), ['B ge-0/0/2.0 A:ge-0/0/2<->B:ge-0/0/2<->C:ge-0/0/2']);
});
