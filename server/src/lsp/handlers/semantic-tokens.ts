/**
 * lsp/handlers/semantic-tokens.ts: `textDocument/semanticTokens/full`, `.../full/delta` and `.../range`.
 * Owns: choosing the schema classes a request uses, bringing the held tokens (lsp/semantic-token-rows.ts)
 *   up to the current text and classes (also while the process is idle, when that is an update with classes
 *   made already: `catchUpSemanticTokens`, so the older version's text and classes are let go), remembering
 *   full results and answering deltas against them. The
 *   classes come from the analysis of the document's current version when there is one; while it is
 *   pending (typing: the analysis runs debounced), from the last analysis, each class moved through the
 *   edits since and dropped where an edit touched its word (lsp/class-rows.ts, the rule of edit-map.ts),
 *   so the changed area shows the grammar's classes; such an answer is marked incomplete and, once the new
 *   analysis is in, a client that can is asked to refresh (`workspace/semanticTokens/refresh`, sent from
 *   server.ts when the diagnostics of that version are published). A request never runs the analysis; the
 *   classes of a new analysis are computed once per analysis, right after its diagnostics are written for
 *   documents the client asks tokens for (`prepareSemanticClassesSoon`), so requests find them ready; when
 *   the analysis updated the one whose classes were computed last (lsp/analysis-lineage.ts), they are
 *   updated from those where the model update read again (lsp/class-update.ts), else every word is
 *   classified, in slices with other work between them (`classifyInSlices`: dropped when a newer analysis
 *   is made, finished at once when a request needs them). The classes of an analysis that is not published (made for a request, before a far change,
 *   on the next turn) are updated right when it is made, when that update applies
 *   (`updateSemanticClassesOf`, from diagnostics-source.ts), so the chain of updates goes on; a closed
 *   document's last classes are forgotten (`forgetSemanticClasses`).
 *   After an edit only the rows that can differ are recomputed: the rows the edits touched, the rows the
 *   parse tree changed on since the held tokens' version (a snapshot of that version's tree is kept,
 *   ide/tree-changes.ts) and the rows whose classes differ; otherwise (no held tokens, edit log too short,
 *   a text with lone CR line breaks, whose rows tree-sitter counts differently) everything is computed.
 *   A full answer's data is the held rows' (`forSending`): over stdio written from JSON text pieces kept
 *   across versions (lsp/json-encoder.ts), else serialized as a plain array.
 * Must not know: which capture or class becomes which token (ide/token-legend.ts), how captures are found.
 * Tests: test/src/lsp/protocol.test.ts, test/src/lsp/semantic-tokens.test.ts, test/src/lsp/semantic-token-rows.test.ts,
 *   test/src/lsp/class-update.test.ts
 */
import { performance } from 'node:perf_hooks';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver/node';
import { schemaFamily, type DocumentAnalysis } from '../../analysis/index';
import { semanticTokens } from '../../ide/semantic-tokens';
import { TreeSnapshot, type RowRange } from '../../ide/tree-changes';
import { loadSchema } from '../../schema/index';
import { LineIndex } from '../../text/line-index';
import { analysisId, predecessorId } from '../analysis-lineage';
import { ClassRows } from '../class-rows';
import { FullClassification, fullClasses, updatedClasses, type AnalysisClasses } from '../class-update';
import type { ServerContext } from '../context';
import { encodeSemanticTokens } from '../convert';
import { writtenSpans, replacementsOf, treeEditsOf } from '../edit-span';
import { objectParam, rangeParam, stringField, textDocumentUri } from '../params';
import { TokenRows, type TokenInput } from '../semantic-token-rows';
import type { DocumentSnapshot } from '../stores/documents';
import type { LiveSyntax } from '../syntax-binding';
import { describeError } from '../trace';

export function semanticTokensFull(ctx: ServerContext, params: unknown): SemanticTokens | null {
  const uri = textDocumentUri(params);
  const rows = currentTokens(ctx, uri);
  if (!rows) return null;
  return { resultId: ctx.semanticTokens.remember(uri), data: sent(rows) };
}

export function semanticTokensDelta(ctx: ServerContext, params: unknown): SemanticTokens | SemanticTokensDelta | null {
  const uri = textDocumentUri(params);
  const previous = stringField(objectParam(params), 'previousResultId');
  const rows = currentTokens(ctx, uri);
  if (!rows) return null;
  const edits = ctx.semanticTokens.delta(uri, previous);
  const resultId = ctx.semanticTokens.remember(uri);
  return edits ? { resultId, edits } : { resultId, data: sent(rows) };
}

/** The data of a full answer: written by lsp/json-encoder.ts from pieces of JSON text the rows keep (a
 *  full answer after an edit costs about the edit), or as a plain array by any other JSON path. */
function sent(rows: TokenRows): number[] {
  return rows.forSending() as unknown as number[];
}

export function semanticTokensRange(ctx: ServerContext, params: unknown): SemanticTokens | null {
  const uri = textDocumentUri(params);
  const range = rangeParam(objectParam(params)['range']);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return null;
  // held tokens are brought up to date (a few rows after an edit) and cut
  if (ctx.semanticTokens.current(uri)) {
    const rows = currentTokens(ctx, uri);
    if (rows) return { data: rows.encodeRange(range.start, range.end) };
  }
  const span = { start: doc.lines.offsetAt(range.start), end: doc.lines.offsetAt(range.end) };
  const captures = ctx.syntax.highlights(doc.syntax, { startRow: range.start.line, endRow: range.end.line + 1 });
  // a capture starting above the range takes the class of its first word
  let firstRow = range.start.line;
  for (const c of captures) if (c.start < span.start) firstRow = Math.min(firstRow, doc.lines.positionAt(c.start).line);
  const classes = schemaClasses(ctx, doc);
  return { data: encodeSemanticTokens(semanticTokens(captures, doc.lines, span, classes.wordsOfRows(firstRow, range.end.line))) };
}

/** The held tokens of `uri` brought up to its current text and classes (computed from scratch if need be). */
function currentTokens(ctx: ServerContext, uri: string): TokenRows | undefined {
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return undefined;
  const classes = schemaClasses(ctx, doc);
  const input: TokenInput = {
    version: doc.version,
    text: doc.text,
    lines: doc.lines,
    classes,
    captures: (rows) => ctx.syntax.highlights(doc.syntax, rows),
  };
  const held = ctx.semanticTokens.current(uri);
  if (held && held.rows.version === doc.version && held.rows.classes === classes && held.rows.text === doc.text) return held.rows;
  const rowsAgree = !hasLoneCarriageReturn(doc.text);
  if (held && rowsAgree) {
    const updated = updatedTokens(ctx, doc, input, held);
    if (updated) return updated;
  }
  const rows = TokenRows.compute(input);
  ctx.semanticTokens.advance(uri, rows, rowsAgree ? TreeSnapshot.of(doc.syntax.tree) : undefined, undefined);
  return rows;
}

function updatedTokens(
  ctx: ServerContext,
  doc: DocumentSnapshot<LiveSyntax>,
  input: TokenInput,
  held: { readonly rows: TokenRows; readonly snapshot: TreeSnapshot | undefined },
): TokenRows | undefined {
  const steps = ctx.documents.editsSince(doc.uri, held.rows.version);
  if (!steps) return undefined;
  let snapshot = held.snapshot;
  let treeChanges: RowRange[] = [];
  if (steps.length > 0) {
    if (!snapshot) return undefined;
    const replacements = replacementsOf(steps);
    const changed = snapshot.changedRows(doc.syntax.tree, treeEditsOf(replacements, held.rows.lines, doc.lines), writtenSpans(replacements));
    snapshot = TreeSnapshot.of(doc.syntax.tree);
    if (!changed || !snapshot) {
      snapshot?.dispose();
      return undefined;
    }
    treeChanges = changed;
  }
  const result = held.rows.update(input, steps, treeChanges);
  if (!result) {
    if (snapshot !== held.snapshot) snapshot?.dispose();
    return undefined;
  }
  ctx.semanticTokens.advance(doc.uri, result.rows, snapshot, result.window ?? 'none');
  return result.rows;
}

/**
 * While the process is idle (before its idle release, lsp/semantic-token-cache.ts): the held tokens of `uri`
 * brought up to the document's current version when that is an update from the rows held and the current
 * version's analysis and classes are made already (nothing is classified or computed in full here); the
 * older version's rows, text, line index, classes and tree snapshot are let go then. The next request
 * finds the rows current (the same answer it would have made).
 */
export function catchUpSemanticTokens(ctx: ServerContext, uri: string): void {
  const held = ctx.semanticTokens.current(uri);
  const doc = ctx.documents.snapshot(uri);
  if (!held || !doc || held.rows.version === doc.version || hasLoneCarriageReturn(doc.text)) return;
  const analysis = ctx.analyses.get(uri, doc.version, ctx.settings.current.platform);
  const classes = analysis && classesOf.get(analysis);
  if (!classes) return;
  const started = performance.now();
  const input: TokenInput = {
    version: doc.version,
    text: doc.text,
    lines: doc.lines,
    classes: classes.classes,
    captures: (rows) => ctx.syntax.highlights(doc.syntax, rows),
  };
  const from = held.rows.version;
  if (updatedTokens(ctx, doc, input, held)) ctx.tracer.verbose(`semantic tokens ${uri}: v${from} brought up to v${doc.version} while idle in ${(performance.now() - started).toFixed(1)} ms`);
}

/** True when the text has a `\r` not followed by `\n` (tree-sitter then counts rows differently). */
function hasLoneCarriageReturn(text: string): boolean {
  return text.includes('\r') && /\r(?!\n)/.test(text);
}

/**
 * Classifies the words of a just-published analysis right after the job that made it, off the request
 * path, for documents the client asks semantic tokens for (the first request on a new analysis would
 * otherwise pay for the walk); once the diagnostics are written (`afterPublish`: the client gets them
 * first); skipped when the document moved on to a newer version since.
 */
export function prepareSemanticClassesSoon(ctx: ServerContext, uri: string): void {
  if (!ctx.semanticTokens.asked(uri)) return;
  ctx.scheduler.afterPublish(uri, () => {
    const doc = ctx.documents.snapshot(uri);
    const analysis = doc && ctx.analyses.get(uri, doc.version, ctx.settings.current.platform);
    if (!doc || !analysis || classesOf.has(analysis)) return;
    try {
      // every word to classify (no classes to update from): in slices, so requests are answered between them
      if (!updatable(uri, analysis)) classifyInSlices(ctx, uri, doc.version, analysis, doc.lines);
      else classesFor(ctx, uri, doc.version, analysis, doc.lines);
    } catch (err) {
      ctx.tracer.error(`semantic tokens: schema classes of ${uri} failed: ${describeError(err)}`);
    }
  });
}

/** How long one slice of a full classification runs before the server turns to other work. */
const SLICE_MS = 8;

/** Per document, the full classification running in slices (at most one). */
const slicedJobs = new Map<string, { readonly version: number; readonly job: FullClassification; readonly started: number; walked: boolean }>();

/**
 * Classifies every word of `analysis` a slice at a time (`setImmediate` between them: requests that
 * arrived are answered first). Dropped when the document moves on to a newer analysis (made after a new
 * edit: it may update this one's model in place) or closes; finished at once when its classes are asked for.
 */
function classifyInSlices(ctx: ServerContext, uri: string, version: number, analysis: DocumentAnalysis, lines: LineIndex): void {
  const schema = loadSchema(schemaFamily(ctx.settings.current.platform));
  const started = performance.now(); // (the job's reference marks are made in its constructor: counted)
  const entry = { version, job: new FullClassification(analysis, schema, uri, lines), started, walked: false };
  slicedJobs.set(uri, entry);
  const slice = (): void => {
    if (slicedJobs.get(uri) !== entry) return;
    // (a new edit alone changes nothing the walk reads: its classes, moved through the edit, are what
    // tokens show until the next analysis; that analysis may update this one's model in place)
    if (!ctx.documents.snapshot(uri) || ctx.analyses.latest(uri)?.analysis !== analysis) {
      slicedJobs.delete(uri);
      ctx.tracer.verbose(`semantic classes ${uri} v${version}: dropped after ${entry.job.slices} slice(s) (a newer analysis was made)`);
      return;
    }
    try {
      if (!entry.walked && !entry.job.run(SLICE_MS)) {
        setImmediate(slice);
        return;
      }
      // the walk is done: the sort and the rows (finish) in a turn of their own, after what came in meanwhile
      if (!entry.walked) {
        entry.walked = true;
        setImmediate(slice);
        return;
      }
      slicedJobs.delete(uri);
      store(ctx, uri, version, analysis, entry.job.finish(), `all words in ${entry.job.slices} slice(s)`, entry.started);
    } catch (err) {
      slicedJobs.delete(uri);
      ctx.tracer.error(`semantic tokens: schema classes of ${uri} failed: ${describeError(err)}`);
    }
  };
  setImmediate(slice);
}

/** True when the classes of `analysis` can be updated from the last ones computed for the document. */
function updatable(uri: string, analysis: DocumentAnalysis): boolean {
  const from = predecessorId(analysis);
  return from !== undefined && lastClasses.get(uri)?.id === from;
}

/** Keeps the classes of an analysis as its own and the document's last. */
function store(ctx: ServerContext, uri: string, version: number, analysis: DocumentAnalysis, classes: AnalysisClasses, how: string, started: number): void {
  classesOf.set(analysis, classes);
  lastClasses.set(uri, { id: analysisId(analysis), classes });
  ctx.tracer.verbose(`semantic classes ${uri} v${version}: ${how} in ${(performance.now() - started).toFixed(1)} ms`);
}

/**
 * The classes of a just-made analysis (diagnostics-source.ts `currentAnalysis`: for a request, before a far
 * change, on the next turn), when the client asks tokens and they can be updated from the last classes
 * (cheap): so the chain of updates goes on through analyses whose diagnostics are never published (else
 * the next published analysis, updated from such a one, would find no classes to update and classify every
 * word). Never classifies every word itself.
 */
export function updateSemanticClassesOf(ctx: ServerContext, uri: string, version: number, analysis: DocumentAnalysis, lines: LineIndex): void {
  if (!ctx.semanticTokens.asked(uri) || classesOf.has(analysis) || !updatable(uri, analysis)) return;
  try {
    classesFor(ctx, uri, version, analysis, lines);
  } catch (err) {
    ctx.tracer.error(`semantic tokens: schema classes of ${uri} failed: ${describeError(err)}`);
  }
}

/** Classes per analysis: computed once, kept as plain data (the model may be updated in place later). */
const classesOf = new WeakMap<DocumentAnalysis, AnalysisClasses>();
/** Per document, the last analysis's classes computed (by the analysis's id: no analysis kept alive). */
const lastClasses = new Map<string, { readonly id: number; readonly classes: AnalysisClasses }>();
/** The last move of an analysis's classes to a later version (typing moves them one version at a time). */
const movedOf = new WeakMap<ClassRows, { version: number; classes: ClassRows }>();

/**
 * `version`, `lines`: the analysed text's. When the analysis updated the one whose classes were
 * computed last, those are updated where the model update read again (lsp/class-update.ts); else every
 * word is classified.
 */
function classesFor(ctx: ServerContext, uri: string, version: number, analysis: DocumentAnalysis, lines: LineIndex): ClassRows {
  let classes = classesOf.get(analysis);
  if (!classes) {
    const started = performance.now();
    // a classification of this analysis running in slices: finished now
    const sliced = slicedJobs.get(uri);
    if (sliced && sliced.job.analysis === analysis) {
      slicedJobs.delete(uri);
      classes = sliced.job.finish();
      store(ctx, uri, version, analysis, classes, `all words, ${sliced.job.slices} slice(s) and the rest at once`, sliced.started);
      return classes.classes;
    }
    const schema = loadSchema(schemaFamily(ctx.settings.current.platform));
    const last = lastClasses.get(uri);
    const updated = last && updatable(uri, analysis) ? updatedClasses(last.classes, analysis, schema, uri, lines) : undefined;
    classes = updated ?? fullClasses(analysis, schema, uri, lines);
    store(ctx, uri, version, analysis, classes, updated ? 'updated' : 'all words', started);
  }
  return classes.classes;
}

/** Forgets the last classes of a closed document. */
export function forgetSemanticClasses(uri: string): void {
  lastClasses.delete(uri);
  slicedJobs.delete(uri);
}

/** The classes for the document's current text. */
function schemaClasses(ctx: ServerContext, doc: DocumentSnapshot<LiveSyntax>): ClassRows {
  const platform = ctx.settings.current.platform;
  try {
    const current = ctx.analyses.get(doc.uri, doc.version, platform);
    if (current) return classesFor(ctx, doc.uri, doc.version, current, doc.lines);
    ctx.semanticTokens.awaitAnalysis(doc.uri);
    const latest = ctx.analyses.latest(doc.uri);
    if (!latest || latest.platform !== platform) return ClassRows.empty(doc.lines);
    const analysed = classesOf.get(latest.analysis)?.classes ?? (latest.text !== undefined ? classesFor(ctx, doc.uri, latest.version, latest.analysis, new LineIndex(latest.text)) : undefined);
    if (!analysed) return ClassRows.empty(doc.lines);
    // typing: move the last move on by the edits since it, else the analysis's classes by all of them
    const last = movedOf.get(analysed);
    if (last && last.version === doc.version && last.classes.lines === doc.lines) return last.classes;
    const from = last && last.version < doc.version ? last : { version: latest.version, classes: analysed };
    const steps = ctx.documents.editsSince(doc.uri, from.version);
    if (!steps) return ClassRows.empty(doc.lines);
    const moved = from.classes.moved(steps, doc.lines);
    movedOf.set(analysed, { version: doc.version, classes: moved });
    return moved;
  } catch (err) {
    ctx.tracer.error(`semantic tokens: schema classes of ${doc.uri} failed: ${describeError(err)}`);
    return ClassRows.empty(doc.lines);
  }
}
