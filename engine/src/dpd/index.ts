/**
 * dpd/index.ts: the public API of dead peer detection.
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import DPD from here.
 * Tests: test/src/engine/dpd.test.ts
 */
export { startDeadPeerDetection, type DpdEnd, type DpdEvent, type DpdMonitor } from './monitor';
