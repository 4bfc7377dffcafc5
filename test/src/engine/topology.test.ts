/**
 * Topology on the bundled seed network (curly and set forms) and realistic variants: the three wires and the
 * tunnel's virtual link between the inside interfaces, no R1-R4 link, a shared LAN, mismatched prefix lengths,
 * duplicate addresses, an interface-style tunnel without a virtual link, and failing/restoring links and
 * routers by their human ids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTopology, findLink, isUnitUp, setLinkState, setRouterState, type Topology } from '../../../engine/src/topology/index';
import { compiled, editFile, exampleFolder } from './routing-fixtures';
import type { NetworkInput } from '../../../engine/src/index';

async function topologyOf(inputs: NetworkInput[]): Promise<Topology> {
  const { network, tunnels } = await compiled(inputs);
  return buildTopology(network, tunnels);
}

const TUNNEL_ID = 'R2:demo-service-set/rule-ike/term-ike<->R3:demo-service-set/rule-ike/term-ike';

for (const example of ['ike-dynamic-sa', 'ike-dynamic-sa-set']) {
  test(`${example}: R1-R2, R2-R3, R3-R4 wires with the right units, the tunnel between the ms-1/2/0.1 units, no R1-R4 link`, async () => {
    const topology = await topologyOf(exampleFolder(example));
    assert.deepEqual(
      topology.links.map((l) => [l.id, l.kind, l.subnet ?? '-', l.ends.map((e) => `${e.router} ${e.unit} ${e.address ?? 'unnumbered'}`).join(' | ')]),
      [
        ['R1:ge-0/0/0<->R2:ge-0/0/0', 'point-to-point', '10.1.12.0/30', 'R1 ge-0/0/0.0 10.1.12.2 | R2 ge-0/0/0.0 10.1.12.1'],
        ['R2:ge-0/0/1<->R3:ge-0/0/1', 'point-to-point', '10.1.15.0/30', 'R2 ge-0/0/1.0 10.1.15.1 | R3 ge-0/0/1.0 10.1.15.2'],
        ['R3:ge-0/0/0<->R4:ge-0/0/0', 'point-to-point', '10.1.56.0/30', 'R3 ge-0/0/0.0 10.1.56.1 | R4 ge-0/0/0.0 10.1.56.2'],
        ['R2:ms-1/2/0.1<->R3:ms-1/2/0.1', 'tunnel', '-', 'R2 ms-1/2/0.1 unnumbered | R3 ms-1/2/0.1 unnumbered'],
      ],
    );
    const routersOf = (id: string) => topology.links.find((l) => l.id === id)!.ends.map((e) => e.router);
    assert.ok(topology.links.every((l) => !(routersOf(l.id).includes('R1') && routersOf(l.id).includes('R4'))));
    assert.equal(topology.links[3]!.tunnelId, TUNNEL_ID);
    assert.deepEqual(
      topology.tunnels.map((t) => [t.tunnelId, t.linkId, t.ends.map((e) => `${e.router} in=${e.insideUnit} out=${e.outsideUnit} gw=${e.localGateway}`)]),
      [[TUNNEL_ID, 'R2:ms-1/2/0.1<->R3:ms-1/2/0.1', ['R2 in=ms-1/2/0.1 out=ms-1/2/0.2 gw=10.1.15.1', 'R3 in=ms-1/2/0.1 out=ms-1/2/0.2 gw=10.1.15.2']]],
    );
    assert.deepEqual(topology.routers.map((r) => `${r.name} ${r.routerId}`), ['R1 10.0.0.1', 'R2 10.0.0.2', 'R3 10.0.0.3', 'R4 10.0.0.4']);
    assert.deepEqual(topology.problems, []);
  });
}

test('three routers on one /24 form a multi-access link; /31 wires link too', async () => {
  const lan = (name: string, address: string, p2p: string) => ({
    id: `${name.toLowerCase()}.set`,
    text: [
      `set system host-name ${name}`,
      `set interfaces ge-0/0/2 unit 0 family inet address ${address}/24`,
      `set interfaces ge-0/0/3 unit 5 family inet address ${p2p}/31`,
      `set interfaces lo0 unit 0 family inet address 10.255.0.${address.split('.')[3]}/32`,
    ].join('\n'),
  });
  const topology = await topologyOf([lan('A', '192.168.7.1', '172.16.0.0'), lan('B', '192.168.7.2', '172.16.0.1'), lan('C', '192.168.7.3', '172.16.0.8')]);
  assert.deepEqual(
    topology.links.map((l) => [l.id, l.kind, l.subnet]),
    [
      ['A:ge-0/0/2<->B:ge-0/0/2<->C:ge-0/0/2', 'multi-access', '192.168.7.0/24'],
      ['A:ge-0/0/3.5<->B:ge-0/0/3.5', 'point-to-point', '172.16.0.0/31'],
    ],
  );
});

test('mismatched prefix lengths on one wire and duplicate addresses are reported, not linked silently', async () => {
  const mismatched = await topologyOf(editFile(exampleFolder('ike-dynamic-sa'), 'r3.conf', 'address 10.1.15.2/30;', 'address 10.1.15.2/24;'));
  assert.ok(!mismatched.links.some((l) => l.id === 'R2:ge-0/0/1<->R3:ge-0/0/1'));
  assert.deepEqual(mismatched.problems.map((p) => p.code), ['subnet-mismatch']);
  assert.match(mismatched.problems[0]!.message, /R2 ge-0\/0\/1\.0 \(10\.1\.15\.1\/30\) and R3 ge-0\/0\/1\.0 \(10\.1\.15\.2\/24\)/);

  const duplicate = await topologyOf(editFile(exampleFolder('ike-dynamic-sa'), 'r4.conf', 'address 10.1.56.2/30;', 'address 10.1.56.1/30;'));
  assert.deepEqual(duplicate.problems.map((p) => p.code), ['duplicate-address']);
  assert.match(duplicate.problems[0]!.message, /10\.1\.56\.1 is configured on both R3 ge-0\/0\/0\.0 and R4 ge-0\/0\/0\.0/);
  assert.equal(duplicate.problems[0]!.spans.length, 2);
});

test('an interface-style service set gives the tunnel no virtual link, with the reason', async () => {
  let inputs = exampleFolder('ike-dynamic-sa');
  inputs = editFile(
    inputs,
    'r3.conf',
    'next-hop-service {\n            inside-service-interface ms-1/2/0.1;\n            outside-service-interface ms-1/2/0.2;\n        }',
    'interface-service {\n            service-interface ms-1/2/0;\n        }',
  );
  inputs = editFile(inputs, 'r3.conf', 'address 10.1.15.2/30;\n            }', 'address 10.1.15.2/30;\n                service {\n                    input {\n                        service-set demo-service-set;\n                    }\n                    output {\n                        service-set demo-service-set;\n                    }\n                }\n            }');
  const topology = await topologyOf(inputs);
  assert.equal(topology.tunnels.length, 1);
  const t = topology.tunnels[0]!;
  assert.equal(t.linkId, undefined);
  assert.match(t.noLinkReason!, /R3's service set demo-service-set is interface style/);
  assert.equal(t.ends[1]!.outsideUnit, 'ge-0/0/1.0');
  assert.ok(topology.links.every((l) => l.kind !== 'tunnel'));
});

test('links and routers fail and come back by their human ids (either end order, unit optional, any case)', async () => {
  const topology = await topologyOf(exampleFolder('ike-dynamic-sa'));
  assert.equal(findLink(topology, 'r2:ge-0/0/0.0<->R1:ge-0/0/0')?.id, 'R1:ge-0/0/0<->R2:ge-0/0/0');
  const before = topology.state.revision;
  assert.deepEqual(setLinkState(topology, 'R2:ge-0/0/0<->R1:ge-0/0/0', false), { changed: true, id: 'R1:ge-0/0/0<->R2:ge-0/0/0' });
  assert.equal(topology.state.revision, before + 1);
  assert.equal(isUnitUp(topology, 'R1', 'ge-0/0/0.0'), false);
  assert.equal(isUnitUp(topology, 'R2', 'ge-0/0/0.0'), false);
  assert.equal(isUnitUp(topology, 'R2', 'ge-0/0/1.0'), true);
  assert.deepEqual(setLinkState(topology, 'R1:ge-0/0/0<->R2:ge-0/0/0', false), { changed: false, id: 'R1:ge-0/0/0<->R2:ge-0/0/0' });
  assert.equal(topology.state.revision, before + 1);
  setLinkState(topology, 'R1:ge-0/0/0<->R2:ge-0/0/0', true);
  assert.equal(isUnitUp(topology, 'R1', 'ge-0/0/0.0'), true);

  const unknown = setLinkState(topology, 'R1:ge-0/0/0<->R4:ge-0/0/0', false);
  assert.equal(unknown.changed, false);
  assert.ok('problem' in unknown && unknown.problem.code === 'unknown-link' && unknown.problem.message.includes('R3:ge-0/0/0<->R4:ge-0/0/0'));

  assert.deepEqual(setRouterState(topology, 'r3', false), { changed: true, id: 'R3' });
  assert.equal(isUnitUp(topology, 'R3', 'ge-0/0/0.0'), false);
  const noRouter = setRouterState(topology, 'R9', false);
  assert.ok('problem' in noRouter && noRouter.problem.code === 'unknown-router');
});
