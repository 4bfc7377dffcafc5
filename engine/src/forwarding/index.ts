/**
 * forwarding/index.ts: the public API of the forwarding plane (packets hop by hop, ESP, statistics, traces).
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import the forwarding plane from here.
 * Tests: test/src/engine/forwarding.test.ts
 */
export type * from './types';
export { DEFAULT_LATENCY } from './types';
export { createForwardingPlane, type ForwardingPlane, type ForwardingPlaneInput } from './plane';
export { icmpErrorSource, primaryAddress, unitAddress } from './icmp-source';
export { manualSas, type ManualSas } from './manual-sa';
export { ownerOf, planeUdpTransport, type PlaneUdpTransport } from './udp-transport';
