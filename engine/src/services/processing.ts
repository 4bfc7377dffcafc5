/**
 * services/processing.ts: which IPsec service each tunnel uses at each end: packet based (flowless, any-any
 *   term) or flow based (selector term, or a non link-type service set mixing both kinds), with the reason.
 * Owns: the per-tunnel report (the decision itself is made per term by the device compiler, see
 *   device/service-sets.ts `flowOf`).
 * Must not know: routing, packets.
 * Invariants: never throws; one entry per tunnel, in `findTunnels` order, one end per router that has one.
 * Tests: test/src/engine/services.test.ts
 */
import type { Network } from '../device/network';
import type { Tunnel, TunnelEnd } from '../peers/tunnels';
import { tunnelIdOf } from '../topology/tunnel-ids';

export interface TunnelProcessing {
  readonly tunnelId: string;
  readonly ends: readonly {
    readonly router: string;
    readonly serviceSet: string;
    readonly rule: string;
    readonly term: string;
    readonly processing: 'flowless' | 'flow-based' | undefined;
    readonly reason: string;
  }[];
}

export function tunnelProcessing(network: Pick<Network, 'devices'>, tunnels: readonly Tunnel[]): TunnelProcessing[] {
  const endOf = (end: TunnelEnd) => {
    const device = network.devices.find((d) => d.name === end.device && d.docId === end.docId);
    const applied = device?.serviceSets.find((s) => s.name === end.serviceSet)?.terms.find((t) => t.rule === end.rule && t.term === end.term);
    return {
      router: end.device,
      serviceSet: end.serviceSet,
      rule: end.rule,
      term: end.term,
      processing: applied?.flow,
      reason: applied?.flowReason ?? `term ${end.term} is not applied by service set ${end.serviceSet}`,
    };
  };
  return tunnels.map((t) => ({ tunnelId: tunnelIdOf(t), ends: t.peer ? [endOf(t.local), endOf(t.peer)] : [endOf(t.local)] }));
}
