/**
 * model/problems.ts: the problems the configuration model reports while building.
 * Owns: the problem shape and the model's codes (the same kebab-case names analysis/codes.ts declares).
 * Must not know: LSP types, line/column positions (offsets only), the analysis layer (it sits above us).
 * Invariants: `start`/`end` are offsets into `docId`; messages and data are ours and pass through
 *   `maskSecretsInText`, so a secret quoted from the source never appears in them.
 * Tests: every model test checks the problems it expects.
 */
import { maskSecretsInText } from './secrets';

export type ModelProblemCode =
  | 'unknown-statement'
  | 'missing-value'
  | 'unexpected-value'
  | 'delete-nonexistent'
  | 'undefined-group'
  | 'invalid-command';

export type ModelSeverity = 'error' | 'warning';

export interface ModelProblem {
  readonly code: ModelProblemCode;
  readonly severity: ModelSeverity;
  readonly docId: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** `path`: the statement path (words) where it happened; `word`: the offending word's text */
  readonly data?: { readonly path: readonly string[]; readonly word?: string };
}

export const MODEL_SEVERITY: Readonly<Record<ModelProblemCode, ModelSeverity>> = {
  'unknown-statement': 'error',
  'missing-value': 'error',
  'unexpected-value': 'error',
  'delete-nonexistent': 'warning',
  'undefined-group': 'error',
  'invalid-command': 'error',
};

export function problem(
  code: ModelProblemCode,
  at: { docId: string; start: number; end: number },
  message: string,
  path: readonly string[],
  word?: string,
): ModelProblem {
  return {
    code,
    severity: MODEL_SEVERITY[code],
    docId: at.docId,
    start: at.start,
    end: at.end,
    message: maskSecretsInText(message),
    data: {
      path: path.map((p) => maskSecretsInText(p)),
      ...(word === undefined ? {} : { word: maskSecretsInText(word) }),
    },
  };
}

/** Path as Junos prints it in an `[edit ...]` banner. */
export function editBanner(path: readonly string[]): string {
  return path.length === 0 ? '[edit]' : `[edit ${path.join(' ')}]`;
}
