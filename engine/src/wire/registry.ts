/**
 * wire/registry.ts: turning the numeric registries (the `as const` tables in ikev1/constants.ts and
 * ikev2/constants.ts) back into names for logs, traces and reports.
 * Owns: number -> RFC-style name (`NO_PROPOSAL_CHOSEN`), with a numeric fallback for unknown values.
 * Must not know: any particular registry.
 * Invariants: never throws; unknown values print as `<prefix>(<number>)`.
 * Tests: test/src/engine/registry.test.ts
 */

/** `noProposalChosen` -> `NO_PROPOSAL_CHOSEN`, `hmacSha2_256_128` -> `HMAC_SHA2_256_128`. */
export function registryName(camelCase: string): string {
  return camelCase.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toUpperCase();
}

/** The name of `value` in `table`, or `prefix(value)` when the table has no such number. */
export function nameOf(table: Readonly<Record<string, number>>, value: number, prefix = 'UNKNOWN'): string {
  for (const [key, number] of Object.entries(table)) if (number === value) return registryName(key);
  return `${prefix}(${value})`;
}
