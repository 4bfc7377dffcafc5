/**
 * analysis/values.ts: checks every leaf / leaf-list value and every list key against its schema type.
 * Owns: mapping a schema value problem to a diagnostic code (number, range, enumeration, address, name,
 *   other format), the message naming what is allowed, and replace data from did-you-mean.
 * Must not know: LSP types, line/column positions, how types are checked (schema/value-types does that).
 * Invariants: one diagnostic per bad word; group wildcards (`<*>`) and `$`-variables inside groups are not
 *   judged; secrets never appear in messages; never throws.
 *   Incremental: each node's findings are kept (`ValueMemo`); after an edit only the added subtree and the
 *   nodes on the way to it are checked again.
 * Tests: test/src/analysis/values.test.ts, test/src/analysis/incremental.test.ts
 */
import type { ConfigNode, Word } from '../model/index';
import { isNineSecret, maskSecretsInText } from '../model/secrets';
import { validateValue, type ValueProblem } from '../schema/index';
import type { ValueType } from '../schema/types';
import { defaultSeverity, type DiagnosticCode } from './codes';
import type { AnalysisContext } from './context';
import { flatten, moveAll, type ChangeScope } from './change';
import type { Diagnostic } from './diagnostic';

function codeFor(problem: ValueProblem, type: ValueType): DiagnosticCode {
  switch (problem.code) {
    case 'not-a-number':
      return 'invalid-number';
    case 'out-of-range':
      return 'out-of-range';
    case 'not-in-enumeration':
      return 'invalid-enum';
    case 'bad-address':
      return isIpType(type) ? 'invalid-address' : 'invalid-value';
    case 'too-long':
    case 'too-short':
      return 'invalid-name';
    case 'bad-characters':
      return isNameType(type) ? 'invalid-name' : 'invalid-value';
    case 'unexpected-value':
      return 'unexpected-value';
    case 'missing-value':
      return 'missing-value';
  }
}

function isIpType(type: ValueType): boolean {
  if (type.kind === 'named') return /ip|prefix|addr/.test(type.name) && !type.name.startsWith('mac');
  if (type.kind === 'union') return type.members.some(isIpType);
  return false;
}

function isNameType(type: ValueType): boolean {
  if (type.kind === 'string') return (type.posixPatterns?.length ?? 0) > 0 || type.lengths !== undefined;
  if (type.kind === 'union') return type.members.some(isNameType);
  return false;
}

function skipWord(w: Word, inGroup: boolean): boolean {
  if (w.kind === 'wildcard' || w.kind === 'synthetic') return true;
  // secrets are stored encrypted (`$9$...`): their form says nothing about the key's own format
  if (w.kind === 'secret' || isNineSecret(w.text)) return true;
  if (inGroup && (w.text.includes('<') || w.text.includes('*') || w.text.startsWith('$'))) return true;
  return false;
}

function message(what: string, w: Word, problem: ValueProblem): string {
  const shown = maskSecretsInText(w.text);
  const fix =
    problem.suggestions.length > 0
      ? `did you mean ${problem.suggestions.map((s) => `'${s}'`).join(' or ')}?`
      : `use ${problem.expected}.`;
  return `'${shown}' ${problem.reason} for '${what}': ${fix}`;
}

function check(type: ValueType | undefined, w: Word, what: string, inGroup: boolean, out: Diagnostic[]): void {
  if (!type || skipWord(w, inGroup)) return;
  const problem = validateValue(type, w.text);
  if (!problem) return;
  const code = codeFor(problem, type);
  out.push({
    docId: w.source.docId,
    start: w.source.start,
    end: w.source.end,
    code,
    severity: defaultSeverity(code),
    message: message(what, w, problem),
    related: [],
    ...(problem.suggestions.length > 0 ? { data: { kind: 'replace' as const, replacements: [...problem.suggestions] } } : {}),
  });
}

function checkNode(node: ConfigNode, inGroup: boolean, out: Diagnostic[]): void {
  const schema = node.schema;
  if (!schema) return;
  if (node.role === 'list-entry') {
    node.keys.forEach((k, i) => check(schema.keys[i]?.type, k, schema.name, inGroup, out));
  } else if (node.role === 'leaf' || node.role === 'leaf-list') {
    for (const v of node.values) check(schema.type, v, schema.name, inGroup, out);
    for (const earlier of node.overridden) for (const v of earlier) check(schema.type, v, schema.name, inGroup, out);
  }
}

export function valueDiagnostics(ctx: AnalysisContext): Diagnostic[] {
  return valueFindings(ctx).diagnostics;
}

/** What an incremental run keeps: each node's findings (offsets of the text they were made for). */
export interface ValueMemo {
  readonly byNode: Map<ConfigNode, Diagnostic[]>;
}

export function valueFindings(ctx: AnalysisContext): { diagnostics: Diagnostic[]; memo: ValueMemo } {
  const out: Diagnostic[] = [];
  const byNode = new Map<ConfigNode, Diagnostic[]>();
  const visit = (n: ConfigNode, inGroup: boolean): void => {
    const before = out.length;
    checkNode(n, inGroup, out);
    if (out.length > before) byNode.set(n, out.slice(before));
  };
  for (const n of ctx.written) visit(n, false);
  for (const n of ctx.inGroups) visit(n, true);
  return { diagnostics: out, memo: { byNode } };
}

/** The findings after one change: kept ones moved, the replaced subtree's dropped, the new one's checked
 *  (each finding depends on its node's own words and schema only). */
export function updateValueFindings(memo: ValueMemo, docId: string, scope: ChangeScope): { diagnostics: Diagnostic[]; memo: ValueMemo } {
  const byNode = memo.byNode;
  for (const n of scope.removed) byNode.delete(n);
  moveAll(byNode, docId, scope.edit);
  const inGroup = scope.addedInGroups;
  for (const n of [...scope.path, ...scope.added]) {
    const found: Diagnostic[] = [];
    checkNode(n, inGroup, found);
    if (found.length > 0) byNode.set(n, found);
    else byNode.delete(n);
  }
  return { diagnostics: flatten(byNode), memo };
}
