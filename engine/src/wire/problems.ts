/**
 * wire/problems.ts: what a decoder or verifier reports instead of throwing.
 * Owns: the WireProblem shape and the DecodeResult union shared by every codec.
 * Must not know: any protocol.
 * Invariants: decoders return `{ ok: false, problem }` on bad input and never throw.
 * Tests: through every codec test in test/src/engine/.
 */

export type WireProblemCode =
  | 'truncated' | 'bad-length' | 'bad-value' | 'trailing-bytes' | 'count-mismatch' | 'unsupported'
  | 'bad-checksum' | 'bad-padding';

export interface WireProblem {
  readonly code: WireProblemCode;
  readonly message: string;
  /** Byte offset in the buffer handed to the decoder, when known. */
  readonly offset?: number;
}

export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: WireProblem };

export function wireProblem(code: WireProblemCode, message: string, offset?: number): WireProblem {
  return offset === undefined ? { code, message } : { code, message, offset };
}
