/**
 * routing/index.ts: the public API of the routing layer (tables, lookup, `show route`).
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import routing from here.
 * Tests: test/src/engine/routing.test.ts
 */
export type * from './types';
export { PREFERENCE } from './types';
export { createRouting, type Routing, type RoutingOptions } from './routing';
export { formatRouteAge, formatRouteTable, type ShowRouteOptions } from './show-route';
export { interfaceCost, ospfUnits, type OspfEdge, type OspfUnit } from './ospf';
export { lookupRoute } from './rib';
export { forwardingPath, underlayPath, type ForwardingPath, type PathHop, type PathOptions, type PathOutcome } from './path';
