/**
 * routing/types.ts: the shapes of one router's routing table (inet.0): routes, next hops, hidden routes.
 * Owns: `Route`, `NextHop`, `RouteTable`, `RouteLookup`, protocol preferences.
 * Must not know: how routes are computed (direct.ts, static.ts, ospf.ts), packets.
 * Invariants: plain data; a table's `routes` are sorted by prefix (address, then length) and, per prefix,
 *   active first then by preference and metric.
 * Tests: test/src/engine/routing.test.ts
 */
import type { Span } from '../device/types';

export type RouteProtocol = 'Direct' | 'Local' | 'Static' | 'OSPF';

/** Junos default route preferences. */
export const PREFERENCE: Readonly<Record<RouteProtocol, number>> = { Direct: 0, Local: 0, Static: 5, OSPF: 10 };

export type NextHop =
  /** forward out of `interface`, to the neighbour `to` (undefined on unnumbered/tunnel interfaces) */
  | { readonly kind: 'forward'; readonly interface: string; readonly to: string | undefined; readonly tunnelId: string | undefined }
  /** the destination is this router's own address (on `interface`) */
  | { readonly kind: 'local'; readonly interface: string }
  | { readonly kind: 'discard' }
  | { readonly kind: 'reject' }
  /** multicast address the router listens on (OSPF's 224.0.0.5) */
  | { readonly kind: 'receive' };

export interface Route {
  /** canonical prefix text `10.1.56.0/30` */
  readonly prefix: string;
  readonly network: number;
  readonly length: number;
  readonly protocol: RouteProtocol;
  readonly preference: number;
  /** OSPF metric (undefined for the others) */
  readonly metric: number | undefined;
  /** equal-cost next hops; the first is the one used for forwarding */
  readonly nextHops: NextHop[];
  readonly active: boolean;
  /** simulated time (ms) the route appeared in its current form */
  readonly since: number;
  /** the configuration that produced it (static route, interface address) */
  readonly at: Span | undefined;
}

export interface HiddenRoute {
  readonly prefix: string;
  readonly protocol: RouteProtocol;
  /** why it is not usable, for a network engineer */
  readonly reason: string;
  readonly at: Span | undefined;
}

export interface RouteTable {
  readonly router: string;
  /** false when the router is failed (its table is empty) */
  readonly up: boolean;
  readonly routes: Route[];
  readonly hidden: HiddenRoute[];
}

export interface RouteLookup {
  readonly route: Route;
  /** the next hop used (the first of the route's) */
  readonly nextHop: NextHop;
}
