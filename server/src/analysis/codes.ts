/**
 * analysis/codes.ts: every diagnostic code the project emits, declared once.
 * Owns: the stable kebab-case names, their default severity and a one-line meaning (for docs and SARIF rules).
 * Must not know: how the rules find problems.
 * Invariants: codes are never renamed once shipped (users filter on them); each code has a test.
 * Tests: test/src/analysis/codes.test.ts
 */
import type { Severity } from './diagnostic';

export const DIAGNOSTIC_CODES = {
  'syntax-error': { severity: 'error', meaning: 'The text does not follow Junos configuration syntax.' },
  'unknown-statement': { severity: 'error', meaning: 'The statement does not exist at this hierarchy level.' },
  'missing-value': { severity: 'error', meaning: 'The statement needs a value.' },
  'unexpected-value': { severity: 'error', meaning: 'The statement takes no value, or fewer values than given.' },
  'invalid-number': { severity: 'error', meaning: 'The value must be a number.' },
  'out-of-range': { severity: 'error', meaning: 'The number is outside the allowed range.' },
  'invalid-enum': { severity: 'error', meaning: 'The value is not one of the allowed keywords.' },
  'invalid-address': { severity: 'error', meaning: 'The value is not a valid IPv4 or IPv6 address or prefix.' },
  'invalid-name': { severity: 'error', meaning: 'The name is too long or has characters Junos does not allow.' },
  'invalid-value': { severity: 'error', meaning: 'The value does not match the allowed format.' },
  'undefined-reference': { severity: 'error', meaning: 'The name refers to a definition that does not exist.' },
  'unused-definition': { severity: 'hint', meaning: 'The definition is not referenced anywhere.' },
  'duplicate-definition': { severity: 'warning', meaning: 'The same definition appears more than once.' },
  'conflicting-value': { severity: 'error', meaning: 'The same statement is given two different values.' },
  'mutually-exclusive': { severity: 'error', meaning: 'Two statements that cannot be configured together.' },
  'missing-companion': { severity: 'error', meaning: 'A statement requires another one that is missing.' },
  'undefined-group': { severity: 'error', meaning: 'apply-groups names a group that is not defined.' },
  'delete-nonexistent': { severity: 'warning', meaning: 'A delete/deactivate command targets a statement that is not configured.' },
  'invalid-command': { severity: 'error', meaning: 'A set-form command is incomplete or malformed.' },
  'manual-key-length': { severity: 'error', meaning: 'A manual SA key does not have the length its algorithm needs.' },
  'missing-pre-shared-key': { severity: 'error', meaning: 'Pre-shared-key authentication without a pre-shared key.' },
  'missing-remote-gateway': { severity: 'error', meaning: 'A dynamic or manual IPsec rule term without remote-gateway.' },
  'local-gateway-not-configured': { severity: 'error', meaning: 'local-gateway is not an address of any interface.' },
  'service-domain-mismatch': { severity: 'error', meaning: 'Next-hop service set interfaces are not inside/outside units of one service interface.' },
  'inside-interface-with-interface-style': { severity: 'error', meaning: 'ipsec-inside-interface used with an interface-style service set.' },
  'gcm-with-authentication': { severity: 'error', meaning: 'AES-GCM already authenticates; an authentication algorithm must not be set.' },
  'duplicate-statement': { severity: 'warning', meaning: 'The same statement is given again with the same value.' },
  'undefined-interface': { severity: 'warning', meaning: 'An interface named outside [edit interfaces] is not configured there.' },
  'unapplied-rule': { severity: 'warning', meaning: 'An IPsec rule that no service set applies: no tunnel is built from it.' },
  'secret-not-encoded': { severity: 'warning', meaning: "A secret that looks like a placeholder, not a '$9$' string: Junos takes it as plain text." },
  'platform-limit': { severity: 'warning', meaning: 'The platform silently limits or rejects this setting.' },
} as const satisfies Record<string, { severity: Severity; meaning: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function defaultSeverity(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CODES[code].severity;
}
