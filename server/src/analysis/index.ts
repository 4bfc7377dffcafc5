/**
 * analysis/index.ts: the analysis layer's public API: analyze one parsed document (sync, on every edit)
 *   or a set of files (async: loads the grammar and the schema once).
 * Owns: the order of the rule families, the one shared walk (AnalysisContext, made on first use), folding
 *   consequences of a reported mistake into that mistake's diagnostic (statements shifted by a brace
 *   error, definitions a failed reference was meant for), de-duplication and ordering of the result; the
 *   choice between running every family over the whole tree and updating the previous analysis's
 *   findings after one edit (analysis/incremental.ts; timing phases then end in ` (incremental)`), also
 *   when the text has syntax problems (the syntax findings are read from the tree again, the whole-text
 *   scans' facts carried over when the edit cannot change them).
 * Must not know: LSP types, line/column positions, output formats.
 * Invariants: each document is one device's configuration; never throws on any text (only loading the
 *   grammar or schema, IO edges, can fail); every diagnostic's span lies inside its document; messages
 *   never hold a secret; output is sorted by document order then offset.
 * Tests: test/src/analysis/*.test.ts (incremental.test.ts: updated analyses equal fresh ones),
 *   test/src/cli/check.test.ts
 */
import { buildConfig, updateConfig, type ConfigModel, type ConfigNode, type ModelEdit, type SyntaxTreeLike } from '../model/index';
import { loadSchema } from '../schema/index';
import type { Schema } from '../schema/types';
import { initSyntax, parseText } from '../syntax/parser';
import { LineSet, preOrder, type AnalysisContext, type AnalysisOptions } from './context';
import type { Diagnostic, RelatedPlace } from './diagnostic';
import { runFamilies, updateFamilies, usableChange, type AnalysisMemo } from './incremental';
import { schemaFamily } from './platform';
import { ReferenceIndex } from './references';
import { scanFactsAfter, syntaxDiagnostics, syntaxStaysClean, type SyntaxFindings } from './syntax';

export { DIAGNOSTIC_CODES, defaultSeverity, type DiagnosticCode } from './codes';
export type { Diagnostic, FixData, RelatedPlace, Severity, SourceSpan } from './diagnostic';
export { PLATFORMS, isPlatform, schemaFamily, defaultReplayWindow, maxReplayWindow, type Platform } from './platform';
export { ReferenceIndex, type Definition, type Use } from './references';
export type { AnalysisOptions } from './context';

export interface DocumentAnalysis {
  readonly model: ConfigModel;
  readonly references: ReferenceIndex;
  readonly diagnostics: readonly Diagnostic[];
  /** what the next analysis (after one edit) updates instead of running every rule over the whole tree */
  readonly memo?: AnalysisMemo;
}

export interface AnalysisResult {
  /** every document's diagnostics, in the order the documents were given */
  readonly diagnostics: readonly Diagnostic[];
  readonly documents: ReadonlyMap<string, DocumentAnalysis>;
}

/** Analyzes one parsed document as one device's configuration. Synchronous: the language server calls it on edits. */
export function analyzeDocument(
  doc: { readonly id: string; readonly text: string; readonly tree: SyntaxTreeLike },
  options: AnalysisOptions,
  schema: Schema,
  /** called with each phase's duration in milliseconds (benchmarks; the server may log slow phases) */
  timing?: (phase: string, ms: number) => void,
  /** the analysis of the text before one edit (`edit`: offsets of that text and of this one): its model is
   *  updated where the edit fell instead of built again, when model/incremental.ts can; it must not be
   *  used afterwards */
  previous?: { readonly analysis: DocumentAnalysis; readonly edit: ModelEdit },
): DocumentAnalysis {
  let last = performance.now();
  const lap = (phase: string): void => {
    if (!timing) return;
    const now = performance.now();
    timing(phase, now - last);
    last = now;
  };
  // a clean text stays clean after an edit of word characters inside a line (the whole-text scans skipped);
  // else the syntax findings are read from the tree's errors again, with the scans' facts carried over
  // when the edit cannot change them (syntax.ts `scanFactsAfter`)
  const memo = previous?.analysis.memo;
  const usable = memo !== undefined && !memo.used && memo.docId === doc.id ? memo : undefined;
  const scans = usable ? scanFactsAfter(usable.text, doc.text, previous!.edit, usable.scans) : undefined;
  const stillClean = usable !== undefined && usable.syntaxClean && syntaxStaysClean(usable.text, doc.text, previous!.edit, doc.tree);
  const syntax: SyntaxFindings = stillClean ? { diagnostics: [], shifted: [], ...(scans ? { scans } : {}) } : syntaxDiagnostics(doc.id, doc.text, doc.tree, scans);
  lap(stillClean ? 'syntax (incremental)' : 'syntax');
  const source = { id: doc.id, text: doc.text, tree: doc.tree };
  const updated = previous ? updateConfig(previous.analysis.model, source, previous.edit) : undefined;
  const model = updated ?? buildConfig(source, schema);
  lap(updated ? 'model (incremental)' : 'model');

  const tainted = new LineSet(doc.text);
  for (const p of model.problems) if (p.docId === doc.id && (p.code === 'unknown-statement' || p.code === 'invalid-command')) tainted.addOffset(p.start);
  const isGroups = (n: ConfigNode): boolean => n.parent?.role === 'root' && n.keyword === 'groups';
  // the walks are made on first use: an incremental run does not need them
  let written: ConfigNode[] | undefined;
  let inGroups: ConfigNode[] | undefined;
  let effective: ConfigNode[] | undefined;
  const ctx: AnalysisContext = {
    docId: doc.id,
    text: doc.text,
    model,
    schema,
    options,
    get written() {
      return (written ??= preOrder(model.root, isGroups));
    },
    get inGroups() {
      if (!inGroups) {
        inGroups = [];
        for (const group of model.root.children) if (group.keyword === 'groups') inGroups.push(group, ...preOrder(group));
      }
      return inGroups;
    },
    get effective() {
      return (effective ??= preOrder(model.effective()));
    },
    isTainted: (docId, offset) => docId === doc.id && tainted.has(offset),
  };
  // (syntax problems before or after the edit do not matter here: the families read the model only, and
  // the model update checked that the parse errors outside what it read again stayed as they were)
  const scope = previous && updated ? usableChange(previous.analysis.memo, model, doc, options, schema, previous.edit, tainted) : undefined;
  if (!scope) {
    // a full run walks both trees (timed here, as before)
    ctx.written.length;
    ctx.inGroups.length;
    ctx.effective.length;
  }
  lap(scope ? 'effective + walk (incremental)' : 'effective + walk');

  const families = scope ? updateFamilies(ctx, previous!.analysis.memo!, scope, lap) : runFamilies(ctx, lap);
  const all: Diagnostic[] = [...syntax.diagnostics, ...families.statements, ...families.values, ...families.references, ...families.conflicts, ...families.ipsec];
  const diagnostics = finish(all, syntax.shifted, doc.text);
  lap('finish');
  const syntaxClean = syntax.diagnostics.length === 0 && syntax.shifted.length === 0;
  const next: AnalysisMemo = {
    docId: doc.id, text: doc.text, platform: options.platform, schema, tainted: tainted.lines, syntaxClean, scans: syntax.scans, ...families.memo, used: false,
  };
  return { model, references: families.index, diagnostics, memo: next };
}

/** Folds consequences of brace mistakes into them, removes exact repeats, orders by offset. */
function finish(all: Diagnostic[], shifted: ReturnType<typeof syntaxDiagnostics>['shifted'], text: string): Diagnostic[] {
  const folded = new Map<Diagnostic, RelatedPlace[]>();
  const kept: Diagnostic[] = [];
  for (const d of all) {
    const region = d.code === 'syntax-error' ? undefined : shifted.find((s) => isConsequence(d, s, text));
    if (region) {
      let list = folded.get(region.diagnostic);
      if (!list) folded.set(region.diagnostic, (list = []));
      list.push({ docId: d.docId, start: d.start, end: d.end, message: `consequence: ${d.message}` });
      continue;
    }
    kept.push(d);
  }
  // sorted first (a stable sort: repeats keep their order), then each repeat of an earlier diagnostic
  // (same document, span and code) dropped: repeats are neighbours, or apart only by other documents'
  const byPlace = kept.sort((a, b) => a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out: Diagnostic[] = [];
  let groupFrom = 0;
  for (let i = 0; i < byPlace.length; i++) {
    const d = byPlace[i]!;
    const first = out[groupFrom];
    if (!first || first.start !== d.start || first.end !== d.end || first.code !== d.code) groupFrom = out.length;
    else {
      let repeat = false;
      for (let k = groupFrom; k < out.length && !repeat; k++) repeat = out[k]!.docId === d.docId;
      if (repeat) continue;
    }
    const extra = folded.get(d);
    out.push(extra ? { ...d, related: [...d.related, ...extra] } : d);
  }
  return out;
}

/** Statements read at the wrong level inside a shifted region, and references to interfaces it swallowed. */
function isConsequence(d: Diagnostic, s: { start: number; end: number }, text: string): boolean {
  if (d.code === 'unknown-statement') return d.start >= s.start && d.start <= s.end;
  if ((d.code === 'undefined-interface' || d.code === 'undefined-reference') && d.data?.kind === 'create-definition' && d.data.path[0] === 'interfaces') {
    const name = d.data.name;
    const dot = name.lastIndexOf('.');
    const device = dot > 0 ? name.slice(0, dot) : name;
    const unit = dot > 0 ? name.slice(dot + 1) : '0';
    const region = text.slice(s.start, s.end);
    return new RegExp(`(^|\\s)(${escapeRegExp(device)}|unit ${escapeRegExp(unit)})\\s`).test(region);
  }
  return false;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Parses and analyzes files; each is one device's configuration. Loads the grammar and the schema once. */
export async function analyzeDocuments(
  docs: readonly { readonly id: string; readonly text: string }[],
  options: AnalysisOptions,
): Promise<AnalysisResult> {
  await initSyntax();
  const schema = loadSchema(schemaFamily(options.platform));
  const documents = new Map<string, DocumentAnalysis>();
  const diagnostics: Diagnostic[] = [];
  for (const doc of docs) {
    const tree = parseText(doc.text);
    const analysis = analyzeDocument({ id: doc.id, text: doc.text, tree }, options, schema);
    documents.set(doc.id, analysis);
    diagnostics.push(...analysis.diagnostics);
    (tree as { delete?: () => void }).delete?.();
  }
  return { diagnostics, documents };
}
