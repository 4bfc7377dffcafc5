/**
 * analysis/incremental.ts: runs the rule families after one edit by updating the previous analysis's
 *   findings where the model changed (model/incremental.ts `ModelChange`), instead of over the whole tree.
 * Owns: the memo an analysis keeps for the next one, the conditions under which it may be used (same
 *   document, options and schema; the model's edit the one made or the same moved right (model/incremental.ts
 *   `slidEdit`, then used as the edit; syntax problems before or after it do not matter: the model update
 *   checked the parse errors outside what it read again); the effective tree kept; the same "tainted"
 *   lines, or lines whose tainted state changed holding only words the families look at again or that went
 *   away: where the edit adds or removes a line break, a line that was tainted before it may hold only words
 *   of the removed subtrees, mentions of nodes on the path, and the edit's old text; one tainted after it only
 *   words of the added subtrees and mentions of nodes on the path), and, per family, the choice between its update and a full run
 *   (a family's update may decline: see each family's `update...Findings`).
 * Must not know: LSP types, line/column positions, rule logic (each family owns its update).
 * Invariants: gives exactly the findings a full run gives (test/src/analysis/incremental.test.ts checks it
 *   against fresh analyses); a memo is used once (its maps are updated in place); never throws.
 * Tests: test/src/analysis/incremental.test.ts, test/src/lsp/incremental-diagnostics.test.ts,
 *   test/src/model/incremental-errors.test.ts
 */
import type { ConfigModel, ConfigNode, ModelEdit, Word } from '../model/index';
import type { Schema } from '../schema/types';
import { changeScope, type ChangeScope } from './change';
import { conflictFindings, updateConflictFindings, type ConflictMemo } from './conflicts';
import type { AnalysisContext, AnalysisOptions, LineSet } from './context';
import type { Diagnostic } from './diagnostic';
import { ipsecFindings, updateIpsecFindings, type IpsecMemo } from './ipsec';
import { referenceFindings, updateReferenceFindings, type ReferenceIndex, type ReferenceMemo } from './references';
import type { ScanFacts } from './syntax';
import { statementFindings, updateStatementFindings, type StatementMemo } from './statements';
import { updateValueFindings, valueFindings, type ValueMemo } from './values';

/** What an analysis keeps so the next one (after one edit) can update its findings. */
export interface AnalysisMemo {
  readonly docId: string;
  readonly text: string;
  readonly platform: string;
  readonly schema: Schema;
  readonly tainted: ReadonlySet<number>;
  /** the text had no syntax finding (then `syntaxStaysClean` may skip reading them again) */
  readonly syntaxClean: boolean;
  /** the whole-text scans' facts of the text, when known (syntax.ts `scanFactsAfter`) */
  readonly scans: ScanFacts | undefined;
  readonly statements: StatementMemo;
  readonly values: ValueMemo;
  readonly references: ReferenceMemo;
  readonly conflicts: ConflictMemo;
  readonly ipsec: IpsecMemo;
  /** set once a later analysis has taken it (its maps were changed) */
  used: boolean;
}

export interface FamilyResults {
  readonly statements: Diagnostic[];
  readonly values: Diagnostic[];
  readonly references: Diagnostic[];
  readonly index: ReferenceIndex;
  readonly conflicts: Diagnostic[];
  readonly ipsec: Diagnostic[];
  readonly memo: Omit<AnalysisMemo, 'docId' | 'text' | 'platform' | 'schema' | 'tainted' | 'syntaxClean' | 'scans' | 'used'>;
}

type Lap = (phase: string) => void;

/** The five families' findings put together (diagnostics, the reference index, the memo for the next run). */
function familyResults(
  statements: { diagnostics: Diagnostic[]; memo: StatementMemo },
  values: { diagnostics: Diagnostic[]; memo: ValueMemo },
  references: { diagnostics: Diagnostic[]; index: ReferenceIndex; memo: ReferenceMemo },
  conflicts: { diagnostics: Diagnostic[]; memo: ConflictMemo },
  ipsec: { diagnostics: Diagnostic[]; memo: IpsecMemo },
): FamilyResults {
  return {
    statements: statements.diagnostics,
    values: values.diagnostics,
    references: references.diagnostics,
    index: references.index,
    conflicts: conflicts.diagnostics,
    ipsec: ipsec.diagnostics,
    memo: { statements: statements.memo, values: values.memo, references: references.memo, conflicts: conflicts.memo, ipsec: ipsec.memo },
  };
}

/** Every family over the whole tree, keeping what the next run needs. */
export function runFamilies(ctx: AnalysisContext, lap: Lap): FamilyResults {
  const statements = statementFindings(ctx);
  lap('statements');
  const values = valueFindings(ctx);
  lap('values');
  const references = referenceFindings(ctx, statements.repaired);
  lap('references');
  const conflicts = conflictFindings(ctx);
  lap('conflicts');
  const ipsec = ipsecFindings(ctx, references.index);
  lap('ipsec');
  return familyResults(statements, values, references, conflicts, ipsec);
}

/** The change scope when `memo` may be updated for this analysis; undefined otherwise (run in full). */
export function usableChange(
  memo: AnalysisMemo | undefined,
  model: ConfigModel,
  doc: { readonly id: string; readonly text: string },
  options: AnalysisOptions,
  schema: Schema,
  given: ModelEdit,
  tainted: LineSet,
): ChangeScope | undefined {
  if (!memo || memo.used) return undefined;
  const change = model.change;
  if (!change || memo.docId !== doc.id || memo.platform !== options.platform || memo.schema !== schema) return undefined;
  if (memo.text.length - (given.oldEnd - given.start) + (given.newEnd - given.start) !== doc.text.length) return undefined;
  // the model may report the same edit moved right (model/incremental.ts `slidEdit`): used from here on
  const edit = change.edit;
  if (!sameEdit(memo.text, doc.text, given, edit)) return undefined;
  // a line break added or removed changes which offsets share a line: a word kept on a line the edit
  // spans may move from a tainted line to an untainted one, or back. Those tainted before it (`spanned`)
  // must hold only words that went away (removed subtrees, the edit's old text) or that every family looks
  // at again (mentions of nodes on the path); those tainted after it are checked as changed ones
  const breaks = memo.text.slice(edit.start, edit.oldEnd).includes('\n') || doc.text.slice(edit.start, edit.newEnd).includes('\n');
  const scope = changeScope(change);
  if (!scope) return undefined;
  const lines = tainted.lines;
  const changed = new Set<number>();
  const kept = new Set<number>();
  const oldFrom = memo.text.lastIndexOf('\n', edit.start - 1) + 1;
  const newFrom = doc.text.lastIndexOf('\n', edit.start - 1) + 1;
  // tainted lines the edit spans before it: their words must all be gone or looked at again (below)
  const spanned = new Set<number>();
  for (const s of memo.tainted) {
    if (breaks && s >= oldFrom && s <= edit.oldEnd) {
      spanned.add(s);
      continue;
    }
    const now = s >= edit.oldEnd ? s + edit.newEnd - edit.oldEnd : s;
    kept.add(now);
    if (!lines.has(now)) changed.add(now);
  }
  for (const s of lines) if (!kept.has(s) || (breaks && s >= newFrom && s <= edit.newEnd)) changed.add(s);
  if (spanned.size > 0 && !linesHoldOnly(memo.text, spanned, removedWordEnds(scope, doc.id, lineBounds(memo.text, spanned)), edit)) return undefined;
  if (changed.size === 0 && spanned.size === 0) return scope;
  if (changed.size > 0 && !linesHoldOnly(doc.text, changed, addedWordEnds(scope, lineBounds(doc.text, changed)), undefined)) return undefined;
  return { ...scope, taintChanged: true };
}

/** True when `moved` is `edit` itself, or the same edit moved right: the same lengths, and the text it
 *  moved over the same before and after (then both turn `before` into `after`). */
function sameEdit(before: string, after: string, edit: ModelEdit, moved: ModelEdit): boolean {
  if (moved.start === edit.start) return moved.oldEnd === edit.oldEnd && moved.newEnd === edit.newEnd;
  const by = moved.start - edit.start;
  if (by < 0 || moved.oldEnd !== edit.oldEnd + by || moved.newEnd !== edit.newEnd + by || moved.oldEnd > before.length) return false;
  for (let i = edit.start; i < moved.start; i++) if (before.charCodeAt(i) !== after.charCodeAt(i)) return false;
  return true;
}

/** The offsets from the first of the given lines' starts to the last one's end. */
function lineBounds(text: string, lineStarts: ReadonlySet<number>): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const start of lineStarts) {
    lo = Math.min(lo, start);
    const end = text.indexOf('\n', start);
    hi = Math.max(hi, end < 0 ? text.length : end);
  }
  return { lo, hi };
}

/** Start -> end of the words (offsets of the text after the edit) of the added subtree and the mentions
 *  of the nodes on the path, those starting in `bounds` (nodes on the way may be mentioned on every line
 *  of a set-form file). */
function addedWordEnds(scope: ChangeScope, bounds: { lo: number; hi: number }): Map<number, number> {
  const ends = new Map<number, number>();
  const add = (w: Word | undefined): void => {
    if (w && w.kind !== 'synthetic' && w.source.start >= bounds.lo && w.source.start <= bounds.hi) ends.set(w.source.start, Math.max(w.source.end, ends.get(w.source.start) ?? 0));
  };
  for (const n of scope.added) eachOwnWord(n, add);
  for (const n of scope.path) n.mentions.forEach(add);
  return ends;
}

/** Start -> end of the words (offsets of the text before the edit) of the removed subtrees (detached:
 *  they keep those offsets) and the mentions of the nodes on the path that lie outside the edit (moved
 *  back to the text before it), those starting in `bounds`. */
function removedWordEnds(scope: ChangeScope, docId: string, bounds: { lo: number; hi: number }): Map<number, number> {
  const ends = new Map<number, number>();
  const put = (start: number, end: number): void => {
    if (start >= bounds.lo && start <= bounds.hi) ends.set(start, Math.max(end, ends.get(start) ?? 0));
  };
  const add = (w: Word | undefined): void => {
    if (w && w.kind !== 'synthetic' && w.source.docId === docId) put(w.source.start, w.source.end);
  };
  for (const n of scope.removed) eachOwnWord(n, add);
  const { start, newEnd } = scope.edit;
  for (const n of scope.path) {
    for (const m of n.mentions) {
      if (m.kind === 'synthetic' || m.source.docId !== docId) continue;
      if (m.source.end <= start) put(m.source.start, m.source.end);
      else if (m.source.start >= newEnd) put(m.source.start - scope.delta, m.source.end - scope.delta);
    }
  }
  return ends;
}

function eachOwnWord(n: ConfigNode, add: (w: Word | undefined) => void): void {
  add(n.keywordWord);
  n.mentions.forEach(add);
  n.keys.forEach(add);
  n.values.forEach(add);
  for (const vs of n.overridden) vs.forEach(add);
}

/**
 * True when every word on the given lines of `text` is one of `wordEnds` (start -> end) or lies in the
 * edit's old range `skip` (gone with it). A line whose "tainted" state changed then only holds what the
 * rules look at again (the added subtree and the nodes on the path, which every family re-checks when
 * `taintChanged`) or what went away (the removed subtrees, whose findings go with them).
 */
function linesHoldOnly(text: string, lineStarts: ReadonlySet<number>, ends: ReadonlyMap<number, number>, skip: ModelEdit | undefined): boolean {
  for (const start of lineStarts) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    let first = true;
    while (i < end) {
      if (skip && i >= skip.start && i < skip.oldEnd) {
        i = skip.oldEnd;
        continue;
      }
      const c = text[i]!;
      if (c === ' ' || c === '\t' || c === '\r' || c === '{' || c === '}' || c === ';' || c === '[' || c === ']') {
        i++;
        continue;
      }
      const wordEnd = ends.get(i);
      if (wordEnd !== undefined && wordEnd > i) {
        i = wordEnd;
        first = false;
        continue;
      }
      // a note to the end of the line holds nothing the rules read
      if (c === '#') break;
      // a set-form command's verb
      if (first && text.startsWith('set ', i)) {
        i += 3;
        first = false;
        continue;
      }
      return false;
    }
  }
  return true;
}

/** Every family updated for one change (a family whose update declines runs in full). */
export function updateFamilies(ctx: AnalysisContext, memo: AnalysisMemo, scope: ChangeScope, lap: Lap): FamilyResults {
  memo.used = true;
  const statements = updateStatementFindings(ctx, memo.statements, scope);
  lap('statements (incremental)');
  const values = updateValueFindings(memo.values, ctx.docId, scope);
  lap('values (incremental)');
  const referenceUpdate = updateReferenceFindings(ctx, memo.references, scope, statements.repaired);
  const references = referenceUpdate ?? { ...referenceFindings(ctx, statements.repaired), changed: true };
  lap(referenceUpdate ? 'references (incremental)' : 'references');
  const braceTouched = memo.text.slice(scope.edit.start, scope.edit.oldEnd).includes('{') || ctx.text.slice(scope.edit.start, scope.edit.newEnd).includes('{');
  const conflictUpdate = updateConflictFindings(ctx, memo.conflicts, scope, braceTouched);
  const conflicts = conflictUpdate ?? conflictFindings(ctx);
  lap(conflictUpdate ? 'conflicts (incremental)' : 'conflicts');
  const ipsec = updateIpsecFindings(ctx, references.index, memo.ipsec, scope, references.changed);
  lap('ipsec (incremental)');
  return familyResults(statements, values, references, conflicts, ipsec);
}
