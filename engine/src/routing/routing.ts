/**
 * routing/routing.ts: `createRouting`: the routing tables of every router of a topology, recomputed when a
 *   link, router or tunnel changes state.
 * Owns: the cache (one OSPF database per state, one table per router computed on demand), the change check
 *   (topology revision plus the `tunnelUp` answer for every tunnel link), the simulated time of each change.
 * Must not know: packets, IKE (it asks `tunnelUp(tunnelId)`), output formats beyond calling show-route.ts.
 * Invariants: never throws; an unknown router gives undefined (or a one-line message from `showRoute`);
 *   answers always reflect the current state (no stale table after a failure or a tunnel change).
 * Tests: test/src/engine/routing.test.ts
 */
import { findRouter, isRouterUp } from '../topology/state';
import type { Topology } from '../topology/types';
import { directRoutes } from './direct';
import { buildOspfDatabase, type OspfDatabase, type OspfEdge } from './ospf';
import { ospfRoutes } from './ospf-routes';
import { lookupRoute, selectRoutes } from './rib';
import { formatRouteTable, type ShowRouteOptions } from './show-route';
import { staticRoutes } from './static';
import type { RouteLookup, RouteTable } from './types';

export interface RoutingOptions {
  /** whether the tunnel (id from `tunnelIdOf`) is up; tunnels are down when not given */
  readonly tunnelUp?: (tunnelId: string) => boolean;
  /** the simulated clock in ms (route ages); default 0 */
  readonly now?: () => number;
}

export interface Routing {
  /** the router's inet.0 (router named case-insensitively) */
  table(router: string): RouteTable | undefined;
  /** longest-prefix match of an IPv4 address in the router's active routes */
  lookup(router: string, destination: string): RouteLookup | undefined;
  /** Junos-style `show route` text */
  showRoute(router: string, options?: Omit<ShowRouteOptions, 'now'>): string;
  /** the router's OSPF adjacencies in the current state */
  ospfNeighbors(router: string): OspfEdge[];
}

export function createRouting(topology: Topology, options: RoutingOptions = {}): Routing {
  const tunnelUp = options.tunnelUp ?? (() => false);
  const now = options.now ?? (() => 0);
  const tunnelIds = topology.links.flatMap((l) => (l.tunnelId !== undefined ? [l.tunnelId] : []));
  let signature = '';
  let db: OspfDatabase = new Map();
  let tables = new Map<string, RouteTable>();
  const previous = new Map<string, RouteTable>();

  // Tables already asked for are recomputed as soon as a change is seen, so their route ages count from
  // then (not from the next time someone asks); other routers' tables are computed when first asked for.
  const refresh = (): void => {
    const current = `${topology.state.revision}|${tunnelIds.map((id) => (tunnelUp(id) ? 1 : 0)).join('')}`;
    if (current === signature) return;
    signature = current;
    const known = [...tables.keys()];
    for (const [name, table] of tables) previous.set(name, table);
    tables = new Map();
    db = buildOspfDatabase(topology, tunnelUp);
    for (const name of known) compute(name);
  };

  const compute = (name: string): RouteTable | undefined => {
    const router = findRouter(topology, name);
    if (!router) return undefined;
    let t = tables.get(router.name);
    if (t) return t;
    if (!isRouterUp(topology, router.name)) {
      t = { router: router.name, up: false, routes: [], hidden: [] };
    } else {
      const direct = directRoutes(topology, router.device);
      const statics = staticRoutes(router.device, direct);
      const directPrefixes = new Set(direct.filter((d) => d.protocol === 'Direct').map((d) => d.prefix));
      const ospf = ospfRoutes(db, router.name, directPrefixes);
      t = selectRoutes(router.name, true, [...direct, ...statics.routes, ...ospf], statics.hidden, previous.get(router.name), now());
    }
    tables.set(router.name, t);
    return t;
  };

  const table = (name: string): RouteTable | undefined => {
    refresh();
    return compute(name);
  };

  return {
    table,
    lookup: (router, destination) => {
      const t = table(router);
      return t ? lookupRoute(t, destination) : undefined;
    },
    showRoute: (router, show = {}) => {
      const t = table(router);
      if (!t) return `error: no router ${router} (routers: ${topology.routers.map((r) => r.name).join(', ')})\n`;
      return formatRouteTable(t, { ...show, now: now() });
    },
    ospfNeighbors: (router) => {
      table(router);
      const r = findRouter(topology, router);
      return r ? [...(db.get(r.name)?.edges ?? [])] : [];
    },
  };
}
