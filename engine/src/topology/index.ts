/**
 * topology/index.ts: the public API of the topology layer (links, tunnel attachments, failures).
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import the topology from here.
 * Tests: test/src/engine/topology.test.ts
 */
export type * from './types';
export { buildTopology, linkIdOf, unitLabel } from './build';
export { findLink, findRouter, isLinkUp, isRouterUp, isUnitUp, setLinkState, setRouterState, type StateChange } from './state';
export { tunnelIdOf, tunnelOfTerm } from './tunnel-ids';
export { formatIpv4Number, formatIpv4Prefix, parseIpv4Number, parseIpv4Prefix, prefixContains, type Ipv4Prefix } from './ipv4';
