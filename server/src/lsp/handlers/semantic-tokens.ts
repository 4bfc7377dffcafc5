/**
 * lsp/handlers/semantic-tokens.ts: `textDocument/semanticTokens/full`, `.../full/delta` and `.../range`.
 * Owns: choosing the schema classes a request uses, encoding tokens, remembering full results and
 *   answering deltas against them. The classes come from the analysis of the document's current version
 *   when there is one; while it is pending (typing: the analysis runs debounced), from the last analysis,
 *   each class moved through the edits since (edit-map.ts) and dropped where an edit touched its word, so
 *   the changed area shows the grammar's classes; such an answer is marked incomplete and, once the new
 *   analysis is in, a client that can is asked to refresh (`workspace/semanticTokens/refresh`, sent from
 *   server.ts when the diagnostics of that version are published). A request never runs the analysis;
 *   the classes of a new analysis are computed once per analysis, right after it is published for
 *   documents the client asks tokens for (`prepareSemanticClassesSoon`), so requests find them ready.
 * Must not know: which capture or class becomes which token (ide/token-legend.ts), how captures are found.
 * Tests: test/src/lsp/protocol.test.ts, test/src/lsp/semantic-tokens.test.ts
 */
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver/node';
import { schemaFamily, type DocumentAnalysis } from '../../analysis/index';
import { classifyWords, type ClassifiedWord } from '../../ide/schema-tokens';
import { semanticTokens } from '../../ide/semantic-tokens';
import { loadSchema } from '../../schema/index';
import type { ServerContext } from '../context';
import { encodeSemanticTokens } from '../convert';
import { EditMap } from '../edit-map';
import { objectParam, rangeParam, stringField, textDocumentUri } from '../params';
import type { DocumentSnapshot } from '../stores/documents';
import type { LiveSyntax } from '../syntax-binding';
import { describeError } from '../trace';

export function semanticTokensFull(ctx: ServerContext, params: unknown): SemanticTokens | null {
  const uri = textDocumentUri(params);
  const data = encodedTokens(ctx, uri);
  if (!data) return null;
  return { resultId: ctx.semanticTokens.remember(uri, data), data };
}

export function semanticTokensDelta(ctx: ServerContext, params: unknown): SemanticTokens | SemanticTokensDelta | null {
  const uri = textDocumentUri(params);
  const previous = stringField(objectParam(params), 'previousResultId');
  const data = encodedTokens(ctx, uri);
  if (!data) return null;
  const edits = ctx.semanticTokens.delta(uri, previous, data);
  const resultId = ctx.semanticTokens.remember(uri, data);
  return edits ? { resultId, edits } : { resultId, data };
}

export function semanticTokensRange(ctx: ServerContext, params: unknown): SemanticTokens | null {
  const uri = textDocumentUri(params);
  const range = rangeParam(objectParam(params)['range']);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return null;
  const span = { start: doc.lines.offsetAt(range.start), end: doc.lines.offsetAt(range.end) };
  const rows = { startRow: range.start.line, endRow: range.end.line + 1 };
  const classes = schemaClasses(ctx, doc, span);
  return { data: encodeSemanticTokens(semanticTokens(ctx.syntax.highlights(doc.syntax, rows), doc.lines, span, classes.words)) };
}

function encodedTokens(ctx: ServerContext, uri: string): number[] | undefined {
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return undefined;
  const classes = schemaClasses(ctx, doc);
  // one computation per (version, analysis used): a complete answer replaces an incomplete one
  return ctx.semanticTokens.dataFor(uri, doc.version, classes.basis, () =>
    encodeSemanticTokens(semanticTokens(ctx.syntax.highlights(doc.syntax), doc.lines, undefined, classes.words)),
  );
}

/**
 * Classifies the words of a just-published analysis right after the job that made it, off the request
 * path, for documents the client asks semantic tokens for (the first request on a new analysis would
 * otherwise pay for the walk); skipped when the document moved on to a newer version since.
 */
export function prepareSemanticClassesSoon(ctx: ServerContext, uri: string): void {
  if (!ctx.semanticTokens.asked(uri)) return;
  setImmediate(() => {
    const doc = ctx.documents.snapshot(uri);
    const analysis = doc && ctx.analyses.get(uri, doc.version, ctx.settings.current.platform);
    if (!analysis) return;
    try {
      classesFor(ctx, uri, analysis);
    } catch (err) {
      ctx.tracer.error(`semantic tokens: schema classes of ${uri} failed: ${describeError(err)}`);
    }
  });
}

/** Classes per analysis: computed once, kept as plain data (the model may be updated in place later). */
const classesOf = new WeakMap<DocumentAnalysis, ClassifiedWord[]>();

function classesFor(ctx: ServerContext, uri: string, analysis: DocumentAnalysis): ClassifiedWord[] {
  let words = classesOf.get(analysis);
  if (!words) {
    words = classifyWords({ model: analysis.model, references: analysis.references, schema: loadSchema(schemaFamily(ctx.settings.current.platform)), docId: uri });
    classesOf.set(analysis, words);
  }
  return words;
}

interface Classes {
  readonly words: readonly ClassifiedWord[];
  /** which analysis the classes came from: `v<version>` (complete), `stale-v<version>` or 'none' */
  readonly basis: string;
}

/** The classes for the document's current text; with `span`, at least those of the words in it. */
function schemaClasses(ctx: ServerContext, doc: DocumentSnapshot<LiveSyntax>, span?: { readonly start: number; readonly end: number }): Classes {
  const platform = ctx.settings.current.platform;
  try {
    const current = ctx.analyses.get(doc.uri, doc.version, platform);
    if (current) return { words: classesFor(ctx, doc.uri, current), basis: `v${doc.version}` };
    ctx.semanticTokens.awaitAnalysis(doc.uri);
    const latest = ctx.analyses.latest(doc.uri);
    const steps = latest && latest.platform === platform ? ctx.documents.editsSince(doc.uri, latest.version) : undefined;
    if (!latest || !steps) return { words: [], basis: 'none' };
    const map = new EditMap(steps);
    const all = classesFor(ctx, doc.uri, latest.analysis);
    // a range request maps only the words of its span (in the analysed text; an edited boundary widens it)
    const from = span ? firstAtOrAfter(all, map.toOld(span.start) ?? 0) : 0;
    const oldEnd = span ? (map.toOld(span.end) ?? Infinity) : Infinity;
    const moved: ClassifiedWord[] = [];
    for (let i = from; i < all.length && all[i]!.start <= oldEnd; i++) {
      const w = all[i]!;
      const start = map.movedStart(w.start, w.end);
      if (start !== undefined) moved.push({ start, end: start + (w.end - w.start), cls: w.cls });
    }
    return { words: moved, basis: `stale-v${latest.version}` };
  } catch (err) {
    ctx.tracer.error(`semantic tokens: schema classes of ${doc.uri} failed: ${describeError(err)}`);
    return { words: [], basis: 'none' };
  }
}

/** Index of the first word starting at or after `offset` (words sorted by start). */
function firstAtOrAfter(words: readonly ClassifiedWord[], offset: number): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}
