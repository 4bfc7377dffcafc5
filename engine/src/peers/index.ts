/**
 * peers/index.ts: the public API of the peer finder.
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import the peer finder from here.
 * Tests: test/src/engine/peers.test.ts
 */
export { findTunnels, type BackupPeer, type Tunnel, type TunnelEnd, type TunnelStatus } from './tunnels';
