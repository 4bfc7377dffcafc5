/**
 * lsp/diagnostics-source.ts: finds the diagnostics of one open document and converts them to LSP.
 * Owns: running the analysis (and how long each took, `analysisCost`) (`analyzeDocument` on the plain copy of the document's incrementally parsed
 *   tree, with the schema of the platform setting; after edits, from the last analysis and the edits since (the
 *   document state after it, `seq`: several per version in a multi-change `didChange`, see far-edits.ts),
 *   so the model is updated where they fell; the trace line names the update's edit) and keeping it in the analysis store, and the fallback when the analysis cannot run (schema file missing,
 *   an analysis bug): the syntax layer's problems as `syntax-error` diagnostics, with the reason logged once.
 * Must not know: rules; the scheduler's timing.
 * Invariants: the result names the version it was computed for; a cancelled run returns undefined;
 *   never throws.
 * Tests: test/src/lsp/protocol.test.ts, test/src/lsp/incremental-diagnostics.test.ts, test/src/lsp/far-edits.test.ts
 *   (both read the trace line of each analysis: its model phase and the edit it updated over)
 */
import { performance } from 'node:perf_hooks';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { analyzeDocument, type DocumentAnalysis, schemaFamily } from '../analysis/index';
import type { Diagnostic } from '../analysis/diagnostic';
import type { ModelEdit } from '../model/index';
import { loadSchema } from '../schema/index';
import type { ServerContext } from './context';
import { toLspDiagnostic } from './convert';
import type { RunToken } from './diagnostics-scheduler';
import { linkAnalysis } from './analysis-lineage';
import { updateSemanticClassesOf } from './handlers/semantic-tokens';
import { prepareQueriesSoon } from './position-request';
import type { DocumentSnapshot, EditStep } from './stores/documents';
import type { LiveSyntax } from './syntax-binding';
import { describeError } from './trace';

const reportedFailures = new Set<string>();

/** How long each analysis this module made took (milliseconds), for `analysisCost`. */
const costs = new WeakMap<DocumentAnalysis, number>();

/** How long the analysis took to make (undefined when not made by `currentAnalysis`). */
export function analysisCost(analysis: DocumentAnalysis): number | undefined {
  return costs.get(analysis);
}

export async function documentDiagnostics(
  ctx: ServerContext,
  uri: string,
  token: RunToken,
): Promise<{ version: number; diagnostics: LspDiagnostic[] } | undefined> {
  const doc = ctx.documents.snapshot(uri);
  if (!doc || token.cancelled) return undefined;
  const found = analyzeOrFallBack(ctx, doc);
  if (token.cancelled) return undefined;
  const linesFor = (docId: string) => (docId === uri ? doc.lines : ctx.documents.snapshot(docId)?.lines);
  const started = performance.now();
  const diagnostics = found.map((d) => toLspDiagnostic(d, doc.lines, ctx.flags, linesFor));
  ctx.tracer.verbose(`converted ${diagnostics.length} diagnostics of ${uri} v${doc.version} to LSP in ${(performance.now() - started).toFixed(1)} ms`);
  return { version: doc.version, diagnostics };
}

/**
 * The analysis of a document's current version (cached; computed now when missing). Hover, completion and
 * the other model-based features call this. Throws only when the schema cannot be loaded. `why` (for the
 * trace): `state` names a state inside a multi-change `didChange` (see far-edits.ts), `reason` what the
 * analysis is made for when it is not a request's (the trace of a request's own analysis has none);
 * `publishes`: its diagnostics are published next (its semantic classes are made after that publish).
 */
export function currentAnalysis(
  ctx: ServerContext,
  doc: DocumentSnapshot<LiveSyntax>,
  why?: { readonly state?: string; readonly reason?: string; readonly publishes?: boolean },
): DocumentAnalysis {
  const platform = ctx.settings.current.platform;
  const cached = ctx.analyses.get(doc.uri, doc.version, platform, doc.seq);
  if (cached) return cached;
  const schema = loadSchema(schemaFamily(platform));
  const started = performance.now();
  // the plain copy of the tree: the analysis walks it about twice as fast as web-tree-sitter's nodes
  const rootNode = doc.root;
  const copied = performance.now();
  // the last analysis, when the edits since it are known: its model is updated where they fell (and is
  // used up: it leaves the store before the update starts)
  const latest = ctx.analyses.latest(doc.uri);
  const steps = latest && latest.platform === platform && latest.seq < doc.seq ? ctx.documents.editsAfter(doc.uri, latest.seq) : undefined;
  const edit = steps && steps.length > 0 ? coveringEdit(steps) : undefined;
  const previous = latest && edit ? { analysis: latest.analysis, edit } : undefined;
  if (previous) ctx.analyses.forget(doc.uri);
  let model = '';
  const analysis = analyzeDocument({ id: doc.uri, text: doc.text, tree: { rootNode } }, { platform }, schema, (phase) => {
    if (phase.startsWith('model')) model = phase;
  }, previous);
  const ended = performance.now();
  costs.set(analysis, ended - started);
  // (the trace names the update's edit: tests and benchmarks read how wide it was)
  const from = previous && edit ? `; from v${latest!.version} over ${steps!.length} edit(s): [${edit.start}, ${edit.oldEnd}) -> [${edit.start}, ${edit.newEnd})` : '';
  ctx.tracer.verbose(
    `analysis ${doc.uri} v${doc.version}${why?.state ? ` (${why.state})` : ''}: tree copy ${(copied - started).toFixed(1)} ms, rules ${(ended - copied).toFixed(1)} ms (${model})${from}${why?.reason ? `; ${why.reason}` : ''}`,
  );
  if (previous) linkAnalysis(analysis, previous.analysis);
  ctx.analyses.set(doc.uri, doc, platform, analysis, doc.text);
  prepareQueriesSoon(ctx, doc.uri, analysis);
  // the semantic classes go from analysis to analysis (updated where the model was): now, unless the
  // diagnostics are published first (the publish then asks for them, server.ts)
  if (!why?.publishes) updateSemanticClassesOf(ctx, doc.uri, doc.version, analysis, doc.lines);
  return analysis;
}

/** One edit covering a series of edits (each in the text the one before it left): the part of the first
 *  text they changed, and what it became in the last text. */
export function coveringEdit(steps: readonly EditStep[]): ModelEdit {
  let start = steps[0]!.start;
  let oldEnd = steps[0]!.end;
  let newEnd = start + steps[0]!.newLength;
  for (let i = 1; i < steps.length; i++) {
    const s = steps[i]!;
    const end = Math.max(newEnd, s.end);
    if (s.end > newEnd) oldEnd += s.end - newEnd;
    start = Math.min(start, s.start);
    newEnd = end + s.newLength - (s.end - s.start);
  }
  return { start, oldEnd, newEnd };
}

function analyzeOrFallBack(ctx: ServerContext, doc: DocumentSnapshot<LiveSyntax>): readonly Diagnostic[] {
  try {
    return currentAnalysis(ctx, doc, { reason: 'for diagnostics', publishes: true }).diagnostics;
  } catch (err) {
    const reason = describeError(err);
    if (!reportedFailures.has(reason)) {
      reportedFailures.add(reason);
      ctx.tracer.error(`analysis failed (${reason}); showing syntax errors only`);
    }
    return ctx.syntax.problems(doc.syntax, doc.uri);
  }
}
