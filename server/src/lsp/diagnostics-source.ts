/**
 * lsp/diagnostics-source.ts: finds the diagnostics of one open document and converts them to LSP.
 * Owns: running the analysis (`analyzeDocument` on the plain copy of the document's incrementally parsed
 *   tree, with the schema of the platform setting) and keeping it in the analysis store, and the fallback when the analysis cannot run (schema file missing,
 *   an analysis bug): the syntax layer's problems as `syntax-error` diagnostics, with the reason logged once.
 * Must not know: rules; the scheduler's timing.
 * Invariants: the result names the version it was computed for; a cancelled run returns undefined;
 *   never throws.
 * Tests: test/src/lsp/protocol.test.ts
 */
import { performance } from 'node:perf_hooks';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { analyzeDocument, type DocumentAnalysis, schemaFamily } from '../analysis/index';
import type { Diagnostic } from '../analysis/diagnostic';
import { loadSchema } from '../schema/index';
import type { ServerContext } from './context';
import { toLspDiagnostic } from './convert';
import type { RunToken } from './diagnostics-scheduler';
import type { DocumentSnapshot } from './stores/documents';
import type { LiveSyntax } from './syntax-binding';
import { describeError } from './trace';

const reportedFailures = new Set<string>();

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
  return { version: doc.version, diagnostics: found.map((d) => toLspDiagnostic(d, doc.lines, ctx.flags, linesFor)) };
}

/**
 * The analysis of a document's current version (cached; computed now when missing). Hover, completion and
 * the other model-based features call this. Throws only when the schema cannot be loaded.
 */
export function currentAnalysis(ctx: ServerContext, doc: DocumentSnapshot<LiveSyntax>): DocumentAnalysis {
  const platform = ctx.settings.current.platform;
  const cached = ctx.analyses.get(doc.uri, doc.version, platform);
  if (cached) return cached;
  const schema = loadSchema(schemaFamily(platform));
  const started = performance.now();
  // the plain copy of the tree: the analysis walks it about twice as fast as web-tree-sitter's nodes
  const rootNode = doc.root;
  const copied = performance.now();
  const analysis = analyzeDocument({ id: doc.uri, text: doc.text, tree: { rootNode } }, { platform }, schema);
  ctx.tracer.verbose(
    `analysis ${doc.uri} v${doc.version}: tree copy ${(copied - started).toFixed(1)} ms, rules ${(performance.now() - copied).toFixed(1)} ms`,
  );
  ctx.analyses.set(doc.uri, doc.version, platform, analysis, doc.text);
  return analysis;
}

function analyzeOrFallBack(ctx: ServerContext, doc: DocumentSnapshot<LiveSyntax>): readonly Diagnostic[] {
  try {
    return currentAnalysis(ctx, doc).diagnostics;
  } catch (err) {
    const reason = describeError(err);
    if (!reportedFailures.has(reason)) {
      reportedFailures.add(reason);
      ctx.tracer.error(`analysis failed (${reason}); showing syntax errors only`);
    }
    return ctx.syntax.problems(doc.syntax, doc.uri);
  }
}
