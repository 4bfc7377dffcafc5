/**
 * routing/rib.ts: route selection and lookup for one router: candidates of all protocols grouped by prefix,
 *   the active route chosen by preference then metric, route ages kept across recomputations, and
 *   longest-prefix-match lookup over active routes.
 * Owns: selection order (preference, then metric, then protocol order Direct/Local/Static/OSPF), `since`
 *   carry-over (a route identical to the previous computation keeps its age), the lookup index.
 * Must not know: how candidates are produced, output formats.
 * Invariants: never throws; exactly one active route per prefix; lookup only returns active routes and their
 *   first next hop; a failed router has an empty table.
 * Tests: test/src/engine/routing.test.ts
 */
import { parseIpv4Number, networkOf } from '../topology/ipv4';
import type { RouteCandidate } from './candidates';
import { PREFERENCE, type HiddenRoute, type Route, type RouteLookup, type RouteTable } from './types';

const PROTOCOL_ORDER = ['Direct', 'Local', 'Static', 'OSPF'];

function hopText(h: Route['nextHops'][number]): string {
  return h.kind === 'forward' ? `${h.interface}>${h.to ?? ''}>${h.tunnelId ?? ''}` : h.kind === 'local' ? `local>${h.interface}` : h.kind;
}

function identity(c: Pick<Route, 'prefix' | 'protocol' | 'metric' | 'nextHops'>): string {
  return `${c.prefix}|${c.protocol}|${c.metric ?? ''}|${c.nextHops.map(hopText).join(',')}`;
}

export function selectRoutes(
  router: string,
  up: boolean,
  candidates: readonly RouteCandidate[],
  hidden: readonly HiddenRoute[],
  previous: RouteTable | undefined,
  now: number,
): RouteTable {
  const since = new Map<string, number>();
  for (const r of previous?.routes ?? []) since.set(identity(r), r.since);
  const sorted = [...candidates].sort(
    (a, b) =>
      a.network - b.network ||
      a.length - b.length ||
      PREFERENCE[a.protocol] - PREFERENCE[b.protocol] ||
      (a.metric ?? 0) - (b.metric ?? 0) ||
      PROTOCOL_ORDER.indexOf(a.protocol) - PROTOCOL_ORDER.indexOf(b.protocol),
  );
  const routes: Route[] = [];
  let lastPrefix = '';
  for (const c of sorted) {
    const active = c.prefix !== lastPrefix;
    lastPrefix = c.prefix;
    const kept = since.size > 0 ? since.get(identity(c)) : undefined;
    routes.push({
      prefix: c.prefix,
      network: c.network,
      length: c.length,
      protocol: c.protocol,
      preference: PREFERENCE[c.protocol],
      metric: c.metric,
      nextHops: c.nextHops,
      active,
      since: kept ?? now,
      at: c.at,
    });
  }
  return { router, up, routes, hidden: [...hidden] };
}

const indexCache = new WeakMap<RouteTable, Map<number, Map<number, Route>>>();

function indexOf(table: RouteTable): Map<number, Map<number, Route>> {
  let index = indexCache.get(table);
  if (!index) {
    index = new Map();
    for (const r of table.routes) {
      if (!r.active) continue;
      let byNetwork = index.get(r.length);
      if (!byNetwork) index.set(r.length, (byNetwork = new Map()));
      byNetwork.set(r.network, r);
    }
    indexCache.set(table, index);
  }
  return index;
}

/** Longest-prefix match of `destination` (IPv4 text) over the active routes. */
export function lookupRoute(table: RouteTable, destination: string): RouteLookup | undefined {
  const value = parseIpv4Number(destination);
  if (value === undefined) return undefined;
  const index = indexOf(table);
  for (let length = 32; length >= 0; length--) {
    const route = index.get(length)?.get(networkOf(value, length));
    if (route && route.nextHops[0]) return { route, nextHop: route.nextHops[0] };
  }
  return undefined;
}
