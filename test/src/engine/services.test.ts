/**
 * Service-set classification on the seed's R2 (both forms) and realistic variants: the direction a packet is
 * seen in (next-hop and interface style), rules in order with match-direction, first matching term,
 * source/destination selectors (IPv4 and IPv6), ipsec-inside-interface, no-match drops counted per service
 * set, flowless any-any terms versus flow-based selector terms with their flow table, and the per-tunnel
 * flowless/flow-based report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkInput } from '../../../engine/src/index';
import { buildTopology, tunnelIdOf } from '../../../engine/src/topology/index';
import { createRouting } from '../../../engine/src/routing/index';
import { createPacketClassifier, tunnelProcessing, type PacketClassifier, type PacketSelectors, type ServiceDecision } from '../../../engine/src/services/index';
import { compiled, exampleFolder } from './routing-fixtures';

const ICMP = 1;
const TCP = 6;
const TUNNEL_ID = 'R2:demo-service-set/rule-ike/term-ike<->R3:demo-service-set/rule-ike/term-ike';
const R1_TO_R4: PacketSelectors = { source: '10.1.12.2', destination: '10.1.56.2', protocol: ICMP };

async function classifierFor(inputs: NetworkInput[], router = 'R2'): Promise<PacketClassifier> {
  const { network, tunnels } = await compiled(inputs);
  const device = network.devices.find((d) => d.name === router)!;
  return createPacketClassifier(device, tunnels);
}

/** The seed's R2 in set form with extra `set`/`delete` lines applied after it. */
function r2With(...lines: string[]): NetworkInput[] {
  return exampleFolder('ike-dynamic-sa-set').map((f) => (f.id === 'r2.set' ? { id: f.id, text: `${f.text}\n${lines.join('\n')}\n` } : f));
}

function summary(d: ServiceDecision): string {
  const action = d.action.kind === 'encrypt' ? `encrypt ${d.action.tunnelId === TUNNEL_ID ? 'seed-tunnel' : d.action.tunnelId}` : d.action.kind;
  return `${d.serviceSet ?? '-'} ${d.direction ?? '-'} ${d.rule ?? '-'}/${d.term ?? '-'} ${action} ${d.processing ?? '-'}${d.flowHit ? ' (flow hit)' : ''}`;
}

const TERM = (rule: string, term: string) => [
  `set services ipsec-vpn rule ${rule} term ${term} then remote-gateway 10.1.15.2`,
  `set services ipsec-vpn rule ${rule} term ${term} then dynamic ike-policy ike-demo-policy`,
  `set services ipsec-vpn rule ${rule} term ${term} then dynamic ipsec-policy ipsec-demo-policy`,
];

for (const example of ['ike-dynamic-sa', 'ike-dynamic-sa-set']) {
  test(`${example}: R1->R4 routed into R2's ms-1/2/0.1 is input and matches rule-ike/term-ike (any-any, flowless)`, async () => {
    const { network, tunnels } = await compiled(exampleFolder(example));
    const routing = createRouting(buildTopology(network, tunnels), { tunnelUp: () => true });
    const hop = routing.lookup('R2', R1_TO_R4.destination)!.nextHop;
    assert.equal(hop.kind === 'forward' && hop.interface, 'ms-1/2/0.1');
    const classifier = createPacketClassifier(network.devices.find((d) => d.name === 'R2')!, tunnels);
    const decision = classifier.classify({ kind: 'routed-to', unit: hop.kind === 'forward' ? hop.interface : '' }, R1_TO_R4);
    assert.equal(summary(decision), 'demo-service-set input rule-ike/term-ike encrypt seed-tunnel flowless');
    assert.deepEqual(decision.action, { kind: 'encrypt', tunnelId: TUNNEL_ID, remoteGateway: '10.1.15.2', sa: 'dynamic' });
    assert.equal(tunnelIdOf(tunnels[0]!), TUNNEL_ID);
    assert.deepEqual(decision.steps.map((s) => `${s.rule} ${s.outcome}`), ['rule-ike matched']);
    assert.ok(decision.at);
    assert.equal(summary(classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, R1_TO_R4)), 'demo-service-set input rule-ike/term-ike encrypt seed-tunnel flowless');
    assert.deepEqual(classifier.flows('demo-service-set'), []);
    const [c] = classifier.counters();
    assert.deepEqual(
      { packets: c!.packets, input: c!.inputPackets, matched: c!.matched, flowless: c!.flowlessPackets, flows: c!.flowsCreated, drops: c!.noMatchDrops },
      { packets: 2, input: 2, matched: { 'rule-ike/term-ike': 2 }, flowless: 2, flows: 0, drops: 0 },
    );
    // Traffic routed out of a plain interface meets no service set.
    assert.equal(classifier.classify({ kind: 'leaving', unit: 'ge-0/0/1' }, R1_TO_R4).action.kind, 'bypass');
    assert.equal(classifier.counters()[0]!.packets, 2);
  });
}

test('a term with destination-address 10.9.0.0/16 does not match: the packet is dropped and counted', async () => {
  const classifier = await classifierFor(r2With('set services ipsec-vpn rule rule-ike term term-ike from destination-address 10.9.0.0/16'));
  const decision = classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, R1_TO_R4);
  assert.equal(summary(decision), 'demo-service-set input -/- drop -');
  assert.match(decision.steps[0]!.reason, /destination 10\.1\.56\.2 is not in destination-address 10\.9\.0\.0\/16/);
  assert.equal(decision.steps[0]!.outcome, 'no-term-matched');
  const inside = classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, { ...R1_TO_R4, destination: '10.9.3.4' });
  assert.equal(summary(inside), 'demo-service-set input rule-ike/term-ike encrypt seed-tunnel flow-based');
  const c = classifier.counters()[0]!;
  assert.equal(c.noMatchDrops, 1);
  assert.equal(c.packets, 2);
});

test('match-direction output rules are skipped for input packets and used for packets routed to the outside interface', async () => {
  const classifier = await classifierFor(r2With('set services ipsec-vpn rule rule-ike match-direction output'));
  const input = classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, R1_TO_R4);
  assert.equal(summary(input), 'demo-service-set input -/- drop -');
  assert.deepEqual(input.steps.map((s) => [s.outcome, s.reason]), [['skipped', 'rule rule-ike has match-direction output; the packet is input']]);
  const output = classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.2' }, R1_TO_R4);
  assert.equal(summary(output), 'demo-service-set output rule-ike/term-ike encrypt seed-tunnel flowless');
  const c = classifier.counters()[0]!;
  assert.deepEqual([c.inputPackets, c.outputPackets, c.noMatchDrops], [1, 1, 1]);
});

test('rules run in rule-set order and the first matching term acts; later terms are not reached', async () => {
  const lines = [
    'delete services service-set demo-service-set ipsec-vpn-rules rule-ike',
    ...TERM('rule-lab', 'lab-only'),
    'set services ipsec-vpn rule rule-lab term lab-only from source-address 10.1.12.0/30',
    'set services ipsec-vpn rule rule-lab term lab-only from destination-address 10.1.56.0/24',
    ...TERM('rule-lab', 'everything-else'),
    'set services ipsec-vpn rule rule-lab match-direction input',
    'set services ipsec-vpn rule-set ordered rule rule-lab',
    'set services ipsec-vpn rule-set ordered rule rule-ike',
    'set services service-set demo-service-set ipsec-vpn-rule-sets ordered',
  ];
  const classifier = await classifierFor(r2With(...lines));
  assert.equal(summary(classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, R1_TO_R4)), 'demo-service-set input rule-lab/lab-only encrypt R2:demo-service-set/rule-lab/lab-only<->R3:demo-service-set/rule-ike/term-ike flow-based');
  const other = classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, { source: '10.0.0.1', destination: '10.0.0.4', protocol: ICMP });
  assert.equal(other.rule, 'rule-lab');
  assert.equal(other.term, 'everything-else');
  // The same rules in the other order: rule-ike (any-any) now takes everything.
  const swapped = await classifierFor(r2With(...lines.filter((l) => !l.includes('rule-set ordered rule')), 'set services ipsec-vpn rule-set ordered rule rule-ike', 'set services ipsec-vpn rule-set ordered rule rule-lab'));
  // Next-hop (link-type) service sets may mix: the any-any term stays packet based.
  assert.equal(summary(swapped.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, R1_TO_R4)), 'demo-service-set input rule-ike/term-ike encrypt seed-tunnel flowless');
});

test('selector terms are flow based: the first packet creates a flow, the next ones hit it; flows are bounded', async () => {
  const { network, tunnels } = await compiled(
    r2With('set services ipsec-vpn rule rule-ike term term-ike from source-address 10.1.12.0/24', 'set services ipsec-vpn rule rule-ike term term-ike from destination-address 10.1.56.0/24'),
  );
  const classifier = createPacketClassifier(network.devices.find((d) => d.name === 'R2')!, tunnels, { maxFlows: 2 });
  const web: PacketSelectors = { source: '10.1.12.2', destination: '10.1.56.2', protocol: TCP, sourcePort: 40000, destinationPort: 443 };
  const first = classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, web);
  assert.equal(summary(first), 'demo-service-set input rule-ike/term-ike encrypt seed-tunnel flow-based');
  const second = classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, web);
  assert.equal(summary(second), 'demo-service-set input rule-ike/term-ike encrypt seed-tunnel flow-based (flow hit)');
  assert.deepEqual(second.steps, []);
  classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, { ...web, sourcePort: 40001 });
  classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, { ...web, sourcePort: 40002 });
  assert.deepEqual(classifier.flows('demo-service-set').map((f) => [f.selectors.sourcePort, f.packets]), [[40001, 1], [40002, 1]]);
  const c = classifier.counters()[0]!;
  assert.deepEqual([c.packets, c.flowsCreated, c.flowHits, c.flowlessPackets, c.matched['rule-ike/term-ike']], [4, 3, 1, 0, 4]);
  // Outside the selectors: dropped, no flow.
  assert.equal(classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, { ...web, source: '10.0.0.1' }).action.kind, 'drop');
  assert.equal(classifier.flows('demo-service-set').length, 2);
});

test('IPv6: the any-any default is IPv4 only; an explicit IPv6 prefix matches IPv6 packets', async () => {
  const v6: PacketSelectors = { source: '2001:db8:12::2', destination: '2001:db8:56::2', protocol: 58 };
  const seed = await classifierFor(exampleFolder('ike-dynamic-sa-set'));
  const refused = seed.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, v6);
  assert.equal(refused.action.kind, 'drop');
  assert.match(refused.steps[0]!.reason, /source 2001:db8:12::2 is not in source-address 0\.0\.0\.0\/0/);
  const explicit = await classifierFor(
    r2With(
      'set services ipsec-vpn rule rule-ike term term-ike from source-address 2001:db8:12::/48',
      'set services ipsec-vpn rule rule-ike term term-ike from destination-address 2001:db8:56::/48',
    ),
  );
  assert.equal(explicit.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, v6).term, 'term-ike');
  assert.equal(explicit.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, { ...v6, destination: '2001:db8:57::2' }).action.kind, 'drop');
  assert.equal(explicit.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, R1_TO_R4).action.kind, 'drop');
});

test('ipsec-inside-interface picks the term for traffic routed to that inside unit', async () => {
  const classifier = await classifierFor(
    r2With(
      'set interfaces ms-1/2/0 unit 3 family inet',
      'set interfaces ms-1/2/0 unit 3 service-domain inside',
      ...TERM('rule-ike', 'term-branch').map((l) => l.replace('10.1.15.2', '10.1.15.6')),
      'set services ipsec-vpn rule rule-ike term term-branch from ipsec-inside-interface ms-1/2/0.3',
      'set services ipsec-vpn rule rule-ike term term-ike from ipsec-inside-interface ms-1/2/0.1',
    ),
  );
  assert.equal(classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, R1_TO_R4).term, 'term-ike');
  const branch = classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.3' }, R1_TO_R4);
  assert.equal(summary(branch), 'demo-service-set input rule-ike/term-branch encrypt R2:demo-service-set/rule-ike/term-branch flowless');
  assert.equal(branch.action.kind === 'encrypt' && branch.action.remoteGateway, '10.1.15.6');
  const nobody = classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.0' }, R1_TO_R4);
  assert.equal(nobody.action.kind, 'drop');
  assert.match(nobody.action.kind === 'drop' ? nobody.action.reason : '', /no service set of R2 uses ms-1\/2\/0\.0/);
});

test('interface style: entering the interface is input, leaving it is output; the tunnel report says flow based when terms are mixed', async () => {
  const lines = [
    'delete services service-set demo-service-set next-hop-service',
    'set services service-set demo-service-set interface-service service-interface ms-1/2/0',
    'set interfaces ge-0/0/1 unit 0 family inet service input service-set demo-service-set',
    'set interfaces ge-0/0/1 unit 0 family inet service output service-set demo-service-set',
    'set services ipsec-vpn rule rule-ike match-direction output',
    ...TERM('rule-ike', 'term-lab'),
    'set services ipsec-vpn rule rule-ike term term-lab from destination-address 10.1.56.0/24',
  ];
  const inputs = r2With(...lines);
  const { network, tunnels } = await compiled(inputs);
  const classifier = createPacketClassifier(network.devices.find((d) => d.name === 'R2')!, tunnels);
  const leaving = classifier.classify({ kind: 'leaving', unit: 'ge-0/0/1.0' }, R1_TO_R4);
  assert.equal(summary(leaving), 'demo-service-set output rule-ike/term-ike encrypt seed-tunnel flow-based');
  const entering = classifier.classify({ kind: 'entering', unit: 'ge-0/0/1' }, { source: '10.1.56.2', destination: '10.1.12.2', protocol: ICMP });
  assert.equal(summary(entering), 'demo-service-set input -/- drop -');
  assert.equal(classifier.classify({ kind: 'leaving', unit: 'ge-0/0/0.0' }, R1_TO_R4).action.kind, 'bypass');
  const report = tunnelProcessing(network, tunnels).find((t) => t.tunnelId === TUNNEL_ID)!;
  assert.deepEqual(report.ends.map((e) => `${e.router} ${e.processing}`), ['R2 flow-based', 'R3 flowless']);
  assert.match(report.ends[0]!.reason, /not link type .* mixes any-any and selector terms/);
});

test('the seed tunnel is packet based (flowless) at both ends', async () => {
  const { network, tunnels } = await compiled(exampleFolder('ike-dynamic-sa'));
  assert.deepEqual(
    tunnelProcessing(network, tunnels).map((t) => [t.tunnelId, t.ends.map((e) => `${e.router} ${e.serviceSet} ${e.rule}/${e.term} ${e.processing}`)]),
    [[TUNNEL_ID, ['R2 demo-service-set rule-ike/term-ike flowless', 'R3 demo-service-set rule-ike/term-ike flowless']]],
  );
});

test('the classifier reads R3 of the seed the same way (input via its ms-1/2/0.1 towards R1)', async () => {
  const classifier = await classifierFor(exampleFolder('ike-dynamic-sa'), 'R3');
  const d = classifier.classify({ kind: 'routed-to', unit: 'ms-1/2/0.1' }, { source: '10.1.56.2', destination: '10.1.12.2', protocol: ICMP });
  assert.equal(summary(d), 'demo-service-set input rule-ike/term-ike encrypt seed-tunnel flowless');
});
