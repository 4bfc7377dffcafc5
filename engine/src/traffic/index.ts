/**
 * traffic/index.ts: the public API of the traffic generators (ping, traceroute).
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import traffic from here.
 * Tests: test/src/engine/traffic.test.ts
 */
export type * from './types';
export { ping, type TrafficContext } from './ping';
export { traceroute } from './traceroute';
