/**
 * routing/ospf-routes.ts: one router's OSPF routes from the database and its shortest paths: each stub
 *   network of a reachable router at (distance to that router + stub cost), equal-cost next hops merged, plus
 *   the 224.0.0.5/32 (AllSPFRouters) receive route when OSPF is configured on the (up) router.
 * Owns: choosing the best advertiser per prefix, leaving out the router's own prefixes.
 * Must not know: how the database was built (ospf.ts), selection against other protocols (rib.ts).
 * Invariants: never throws; output sorted by prefix; next hops in a stable order (interface, then address).
 * Tests: test/src/engine/routing.test.ts
 */
import { parseIpv4Number } from '../topology/ipv4';
import { candidate, type RouteCandidate } from './candidates';
import { shortestPaths, type FirstHop, type OspfDatabase, type OspfStub } from './ospf';
import type { NextHop } from './types';

const ALL_SPF_ROUTERS = parseIpv4Number('224.0.0.5')!;

function toNextHop(h: FirstHop): NextHop {
  return { kind: 'forward', interface: h.via, to: h.to, tunnelId: h.tunnelId };
}

function hopOrder(a: FirstHop, b: FirstHop): number {
  return a.via < b.via ? -1 : a.via > b.via ? 1 : (a.to ?? '') < (b.to ?? '') ? -1 : (a.to ?? '') > (b.to ?? '') ? 1 : 0;
}

export function ospfRoutes(db: OspfDatabase, router: string, directPrefixes: ReadonlySet<string>): RouteCandidate[] {
  const self = db.get(router);
  if (!self || self.units.length === 0) return [];
  const { distance, firstHops } = shortestPaths(db, router);
  const own = new Set(self.stubs.map((s) => s.prefix));
  const best = new Map<string, { stub: OspfStub; metric: number; hops: FirstHop[] }>();
  for (const [other, d] of distance) {
    if (other === router) continue;
    const hops = firstHops.get(other) ?? [];
    if (hops.length === 0) continue;
    for (const stub of db.get(other)?.stubs ?? []) {
      const key = stub.prefix;
      if (own.has(key) || directPrefixes.has(key)) continue;
      const metric = d + stub.cost;
      const known = best.get(key);
      if (!known || metric < known.metric) best.set(key, { stub, metric, hops: [...hops] });
      else if (metric === known.metric) {
        for (const h of hops) if (!known.hops.some((x) => x.via === h.via && x.to === h.to)) known.hops.push(h);
      }
    }
  }
  const out: RouteCandidate[] = [...best.values()].map(({ stub, metric, hops }) =>
    candidate(stub, 'OSPF', [...hops].sort(hopOrder).map(toNextHop), undefined, metric),
  );
  out.push(candidate({ network: ALL_SPF_ROUTERS, length: 32 }, 'OSPF', [{ kind: 'receive' }], undefined, 1));
  return out.sort((a, b) => a.network - b.network || a.length - b.length);
}
