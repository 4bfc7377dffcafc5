/**
 * services/index.ts: the public API of service-set packet classification.
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import services from here.
 * Tests: test/src/engine/services.test.ts
 */
export type * from './types';
export { attachmentsAt, type Attachment } from './attachment';
export { createPacketClassifier, type ClassifierOptions, type PacketClassifier } from './classify';
export { prefixHolds, termMismatch } from './match';
export { tunnelProcessing, type TunnelProcessing } from './processing';
