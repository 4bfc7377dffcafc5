/**
 * routing/path.ts: `forwardingPath`: the hop-by-hop path a packet takes from a router to an address
 *   following the routing tables (no packets are built), for tunnel underlays (is the remote gateway
 *   reachable without the tunnel itself?), `--fail` explanations and tests.
 * Owns: following next hops across links (the neighbour is the router owning the next-hop address, or the
 *   destination itself on a connected subnet), crossing tunnel links only when asked, loop and hop limits.
 * Must not know: service sets, ESP, TTL handling of real packets (the forwarding engine does that).
 * Invariants: never throws; always ends with an outcome; at most `maxHops` hops; a router is never entered
 *   twice (a loop ends the walk).
 * Tests: test/src/engine/routing.test.ts
 */
import { isLinkUp, isRouterUp } from '../topology/state';
import type { Topology } from '../topology/types';
import type { Routing } from './routing';

export interface PathHop {
  readonly router: string;
  /** the route used at this router (`10.1.56.0/30`), undefined when there was none */
  readonly route: string | undefined;
  /** the unit the packet leaves by */
  readonly interface: string | undefined;
  /** the tunnel entered here, when the route points into one */
  readonly tunnelId: string | undefined;
}

export type PathOutcome = 'delivered' | 'no-route' | 'no-neighbor' | 'tunnel' | 'discard' | 'reject' | 'loop' | 'hop-limit';

export interface ForwardingPath {
  readonly hops: PathHop[];
  readonly outcome: PathOutcome;
  /** one sentence for a network engineer */
  readonly message: string;
}

export interface PathOptions {
  /** follow routes that point into a tunnel to the tunnel's far end (default false: stop with `tunnel`) */
  readonly crossTunnels?: boolean;
  readonly maxHops?: number;
}

/** The unit of `router` that has `address` (interfaces and loopbacks), if any. */
function unitOwning(topology: Topology, router: string, address: string): string | undefined {
  const device = topology.routers.find((r) => r.name === router)?.device;
  if (!device) return undefined;
  return [...device.interfaces.flatMap((i) => i.units), ...device.loopbacks].find((u) => u.addresses.some((a) => a.address === address))?.name;
}

export function forwardingPath(topology: Topology, routing: Routing, from: string, destination: string, options: PathOptions = {}): ForwardingPath {
  const maxHops = options.maxHops ?? 30;
  const hops: PathHop[] = [];
  const visited = new Set<string>();
  let router = topology.routers.find((r) => r.name.toLowerCase() === from.toLowerCase())?.name ?? from;
  const end = (outcome: PathOutcome, message: string): ForwardingPath => ({ hops, outcome, message });
  for (let i = 0; i < maxHops; i++) {
    if (visited.has(router)) return end('loop', `${destination}: the path comes back to ${router} (routing loop)`);
    visited.add(router);
    const found = routing.lookup(router, destination);
    // A /32 address (lo0) has only its Direct route, which points at the unit: the packet is for this router.
    const ownUnit = isRouterUp(topology, router) ? unitOwning(topology, router, destination) : undefined;
    if (ownUnit !== undefined) {
      hops.push({ router, route: found?.route.prefix, interface: ownUnit, tunnelId: undefined });
      return end('delivered', `${destination} is an address of ${router}`);
    }
    if (!found) {
      hops.push({ router, route: undefined, interface: undefined, tunnelId: undefined });
      return end('no-route', `${router} has no route to ${destination}`);
    }
    const hop = found.nextHop;
    if (hop.kind !== 'forward') {
      hops.push({ router, route: found.route.prefix, interface: hop.kind === 'local' ? hop.interface : undefined, tunnelId: undefined });
      if (hop.kind === 'local' || hop.kind === 'receive') return end('delivered', `${destination} is an address of ${router}`);
      return end(hop.kind, `${router} ${hop.kind === 'discard' ? 'discards' : 'rejects'} traffic to ${found.route.prefix}`);
    }
    hops.push({ router, route: found.route.prefix, interface: hop.interface, tunnelId: hop.tunnelId });
    const links = topology.links.filter((l) => isLinkUp(topology, l) && l.ends.some((e) => e.router === router && e.unit === hop.interface));
    if (hop.tunnelId !== undefined && !options.crossTunnels) return end('tunnel', `${router} sends ${destination} into the tunnel on ${hop.interface}`);
    const target = hop.to ?? destination;
    const next = links
      .flatMap((l) => (l.kind === 'tunnel' ? l.ends.filter((e) => e.router !== router) : l.ends.filter((e) => e.address === target && e.router !== router)))
      .at(0);
    if (!next) return end('no-neighbor', `no router answers for ${target} on ${router} ${hop.interface}`);
    router = next.router;
  }
  return end('hop-limit', `${destination} is not reached within ${maxHops} hops`);
}

/**
 * The underlay of a paired tunnel: the path from the first end's router to the other end's local-gateway,
 * never through a tunnel. Undefined for an unknown tunnel or an end without a local-gateway.
 */
export function underlayPath(topology: Topology, routing: Routing, tunnelId: string): ForwardingPath | undefined {
  const tunnel = topology.tunnels.find((t) => t.tunnelId === tunnelId);
  const [near, far] = tunnel?.ends ?? [];
  if (!near || !far || far.localGateway === undefined) return undefined;
  return forwardingPath(topology, routing, near.router, far.localGateway, { crossTunnels: false });
}
