/**
 * analysis/diagnostic.ts: the plain diagnostic value every analysis rule produces.
 * Owns: the shape of a finding (code, severity, exact word range, message, related places, fix data).
 * Must not know: LSP types or line/column positions (offsets only; the lsp and cli layers convert).
 * Invariants: `start`/`end` are JS string offsets into the document named by `docId`; messages are ours and
 *   name the fix; secrets never appear in messages.
 * Tests: test/src/analysis/*.test.ts
 */
import type { DiagnosticCode } from './codes';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface SourceSpan {
  readonly docId: string;
  readonly start: number;
  readonly end: number;
}

export interface RelatedPlace extends SourceSpan {
  readonly message: string;
}

/** Machine-readable data a quick fix needs. */
export type FixData =
  | { readonly kind: 'replace'; readonly replacements: readonly string[] }
  | { readonly kind: 'create-definition'; readonly path: readonly string[]; readonly name: string }
  | { readonly kind: 'remove'; readonly spans: readonly SourceSpan[] }
  | { readonly kind: 'move'; readonly toPath: readonly string[] };

export interface Diagnostic extends SourceSpan {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly related: readonly RelatedPlace[];
  readonly data?: FixData;
  /** tags an editor can render (`unnecessary` fades unused definitions) */
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
}
