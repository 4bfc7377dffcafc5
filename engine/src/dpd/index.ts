/**
 * dpd/index.ts: the public API of dead peer detection.
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import DPD from here.
 * Tests: test/src/engine/dpd.test.ts, test/src/engine/dpd-wire.test.ts
 */
export {
  MAX_FAILOVERS, RETRY_MS, startDeadPeerDetection,
  type DpdEvent, type DpdEventKind, type DpdHost, type DpdMonitor, type DpdSession, type DpdWatch, type FailoverOutcome, type WatchStart,
} from './monitor';
export { buildIkev1Dpd, buildIkev2Liveness, openIkev1Dpd, openIkev2Liveness, type Ikev1DpdType } from './messages';
