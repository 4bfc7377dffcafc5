/**
 * topology/tunnel-ids.ts: one stable, human-readable id per paired tunnel, shared by topology, routing,
 *   services and the simulator.
 * Owns: the id format `R2:demo-service-set/rule-ike/term-ike<->R3:demo-service-set/rule-ike/term-ike` (the
 *   end the peer search started from first) and finding the tunnel a term of a router belongs to.
 * Must not know: links, routes, packets.
 * Invariants: the same tunnel always gets the same id; either end of a tunnel finds the same id.
 * Tests: test/src/engine/topology.test.ts
 */
import type { Tunnel, TunnelEnd } from '../peers/tunnels';

function endText(end: Pick<TunnelEnd, 'device' | 'serviceSet' | 'rule' | 'term'>): string {
  return `${end.device}:${end.serviceSet}/${end.rule}/${end.term}`;
}

/** The id of a tunnel; an unpaired end gets an id of its own end only. */
export function tunnelIdOf(tunnel: Pick<Tunnel, 'local' | 'peer'>): string {
  return tunnel.peer ? `${endText(tunnel.local)}<->${endText(tunnel.peer)}` : endText(tunnel.local);
}

/** The tunnel whose local or peer end is `router`'s term `rule/term` in `serviceSet`. */
export function tunnelOfTerm(
  tunnels: readonly Tunnel[],
  router: string,
  serviceSet: string,
  rule: string,
  term: string,
): Tunnel | undefined {
  const same = (e: TunnelEnd | undefined) =>
    e !== undefined && e.device.toLowerCase() === router.toLowerCase() && e.serviceSet === serviceSet && e.rule === rule && e.term === term;
  return tunnels.find((t) => same(t.local) && t.peer !== undefined) ?? tunnels.find((t) => same(t.peer)) ?? tunnels.find((t) => same(t.local));
}
