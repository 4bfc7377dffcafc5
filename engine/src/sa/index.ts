/**
 * sa/index.ts: the SA layer's public entry: `negotiate` and the config/result shapes; the tables and
 *   runners stay internal.
 * Must not know: anything beyond its re-exports.
 * Tests: test/src/engine/sa-*.test.ts
 */
export * from './config';
export * from './result';
export type { MessageLogEntry, MessageEntry, EventEntry } from './message-log';
export { negotiate, startNegotiation, type NegotiateOptions, type RunningNegotiation } from './negotiate';
export type { IkeKeying, Ikev1Keying, Ikev2Keying } from './ike-keying';
export { RETRANSMISSION_SCHEDULE, giveUpAfterMs } from './retransmission';
