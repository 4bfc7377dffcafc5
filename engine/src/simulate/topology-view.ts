/**
 * simulate/topology-view.ts: the topology as plain data for `SimulationResult.topology`: the routers and the
 *   links between them (physical links from shared subnets, and the virtual tunnel links), each with its
 *   up/down state when the simulation ended, for the editor's topology picture.
 * Owns: copying the drawable fields of `Topology` (names, units, addresses, subnets, link kinds, state).
 * Must not know: how the topology is built or changed (topology/), layout or drawing.
 * Invariants: pure; plain JSON data (no `Device`, no source spans, no key material).
 * Tests: test/src/engine/simulate.test.ts
 */
import { isLinkUp, isRouterUp, type Topology } from '../topology/index';
import type { TopologyView } from './result';

export function topologyView(topology: Topology): TopologyView {
  return {
    routers: topology.routers.map((r) => ({ name: r.name, routerId: r.routerId, up: isRouterUp(topology, r.name) })),
    links: topology.links.map((l) => ({
      id: l.id,
      kind: l.kind,
      subnet: l.subnet,
      ends: l.ends.map((e) => ({ router: e.router, unit: e.unit, address: e.address })),
      tunnelId: l.tunnelId,
      up: isLinkUp(topology, l),
    })),
  };
}
