/**
 * routing/static.ts: static routes of one router with next-hop resolution: a next hop is usable when it lies
 *   in a subnet of one of the router's up interfaces (Junos resolves static next hops on direct routes only
 *   unless `resolve` is configured) and is not the router's own address.
 * Owns: the resolution rule, discard/reject next hops, the reason a static route is hidden.
 * Must not know: other routers, OSPF.
 * Invariants: never throws; a route with no usable next hop is hidden with a reason, never dropped silently;
 *   IPv6 static routes are left out (only inet.0 is modelled).
 * Tests: test/src/engine/routing.test.ts
 */
import type { Device } from '../device/types';
import { parseIpv4Number, parseIpv4Prefix, prefixContains } from '../topology/ipv4';
import { candidate, type RouteCandidate } from './candidates';
import type { HiddenRoute, NextHop } from './types';

export function staticRoutes(device: Device, direct: readonly RouteCandidate[]): { routes: RouteCandidate[]; hidden: HiddenRoute[] } {
  const routes: RouteCandidate[] = [];
  const hidden: HiddenRoute[] = [];
  const subnets = direct.filter((d) => d.protocol === 'Direct');
  const own = new Set(direct.filter((d) => d.protocol === 'Local').map((d) => d.network));
  for (const s of device.staticRoutes) {
    const prefix = s.family === 'inet' ? parseIpv4Prefix(s.destination) : undefined;
    if (!prefix) continue;
    if (s.discard || s.reject) {
      routes.push(candidate(prefix, 'Static', [{ kind: s.discard ? 'discard' : 'reject' }], s.at));
      continue;
    }
    const hops: NextHop[] = [];
    const unresolved: string[] = [];
    for (const hop of s.nextHops) {
      const value = hop.family === 'inet' ? parseIpv4Number(hop.address) : undefined;
      const via = value === undefined ? undefined : subnets.filter((d) => d.length < 32 && prefixContains(d, value)).sort((a, b) => b.length - a.length)[0];
      if (value === undefined || !via || own.has(value)) {
        unresolved.push(hop.address);
        continue;
      }
      const unit = via.nextHops[0]?.kind === 'forward' ? via.nextHops[0].interface : '';
      hops.push({ kind: 'forward', interface: unit, to: hop.address, tunnelId: undefined });
    }
    if (hops.length > 0) {
      routes.push(candidate(prefix, 'Static', hops, s.at));
      continue;
    }
    hidden.push({
      prefix: `${s.destination}`,
      protocol: 'Static',
      reason:
        s.nextHops.length === 0
          ? `static route ${s.destination} has no next-hop, discard or reject`
          : `next-hop ${unresolved.join(', ')} of static route ${s.destination} is not on a directly connected subnet of ${device.name} (or the interface is down)`,
      at: s.at,
    });
  }
  return { routes, hidden };
}
