/**
 * sa/index.ts: the SA layer's public entry: `negotiate` and the config/result shapes; the tables and
 *   runners stay internal.
 * Must not know: anything beyond its re-exports.
 * Tests: test/src/engine/sa-*.test.ts
 */
export * from './config';
export * from './result';
export type { MessageLogEntry, MessageEntry, EventEntry } from './message-log';
export { negotiate, type NegotiateOptions } from './negotiate';
export { RETRANSMISSION_SCHEDULE, giveUpAfterMs } from './retransmission';
