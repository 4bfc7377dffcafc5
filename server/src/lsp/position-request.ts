/**
 * lsp/position-request.ts: what every "at this position" request starts with: the open document, its
 *   analysis, the schema and platform in force, and the position as an offset.
 * Owns: reading `textDocument` + `position` params and gathering those values in one place; for completion
 *   and hover, the stale-but-consistent snapshot: while the analysis of the current version is pending (it
 *   runs debounced, off the request path), the last analysis is used with the text it was made from, when
 *   no edit since then fell between the start of the cursor's top-level statement and the end of its line
 *   (so the hierarchy around the cursor is the same; in set files with `edit`/`up`/`top` levels, no edit
 *   before the cursor's line end at all); the edits are mapped through edit-map.ts, results are in that
 *   text's offsets and `toCurrent` maps them back. Otherwise the analysis is computed now.
 * Must not know: any feature.
 * Invariants: undefined when the document is not open (handlers answer null); throws only InvalidParams
 *   (bad params) or what `currentAnalysis` throws (schema missing), which the guard turns into errors.
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { DocumentAnalysis, Platform } from '../analysis/index';
import { schemaFamily } from '../analysis/index';
import { loadSchema } from '../schema/index';
import type { Schema } from '../schema/types';
import type { ServerContext } from './context';
import { currentAnalysis } from './diagnostics-source';
import { EditMap } from './edit-map';
import { objectParam, positionParam, textDocumentUri } from './params';
import type { DocumentSnapshot } from './stores/documents';
import type { LiveSyntax } from './syntax-binding';

export interface DocumentRequest {
  readonly uri: string;
  readonly doc: DocumentSnapshot<LiveSyntax>;
  readonly analysis: DocumentAnalysis;
  readonly schema: Schema;
  readonly platform: Platform;
}

export interface PositionRequest extends DocumentRequest {
  /** the text `analysis` was made from (the document's current text unless the snapshot is stale) */
  readonly text: string;
  /** the position, as an offset into `text` */
  readonly offset: number;
  /** an offset of `text` -> the same place in the current text (undefined when it was edited since) */
  readonly toCurrent: (offset: number) => number | undefined;
}

export function documentRequest(ctx: ServerContext, params: unknown): DocumentRequest | undefined {
  const uri = textDocumentUri(params);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return undefined;
  const platform = ctx.settings.current.platform;
  return { uri, doc, analysis: currentAnalysis(ctx, doc), schema: loadSchema(schemaFamily(platform)), platform };
}

const identity = (offset: number): number => offset;

export function positionRequest(ctx: ServerContext, params: unknown): PositionRequest | undefined {
  const position = positionParam(objectParam(params)['position']);
  const found = documentRequest(ctx, params);
  return found && { ...found, text: found.doc.text, offset: found.doc.lines.offsetAt(position), toCurrent: identity };
}

export interface StaleDocumentRequest extends DocumentRequest {
  /** the text `analysis` was made from */
  readonly text: string;
  /** true when `analysis` is of an older version than the document's */
  readonly stale: boolean;
  /** an offset of `text` -> the same place in the current text (undefined when it was edited since) */
  readonly toCurrent: (offset: number) => number | undefined;
  /** an offset of the current text -> `text` (undefined when it was edited since) */
  readonly toAnalysed: (offset: number) => number | undefined;
}

/**
 * For whole-document features the editor asks for after every edit (inlay hints, code lenses): while the
 * analysis of the current version is pending, the last analysis with offset maps both ways (results at
 * edited places are dropped by the caller; the client is asked to refresh once the new analysis is in).
 */
export function documentRequestAllowingStale(ctx: ServerContext, params: unknown): StaleDocumentRequest | undefined {
  const uri = textDocumentUri(params);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return undefined;
  const platform = ctx.settings.current.platform;
  const latest = ctx.analyses.get(uri, doc.version, platform) ? undefined : ctx.analyses.latest(uri);
  const steps = latest && latest.platform === platform && latest.text !== undefined ? ctx.documents.editsSince(uri, latest.version) : undefined;
  if (!latest || latest.text === undefined || !steps) {
    const found = documentRequest(ctx, params)!;
    return { ...found, text: doc.text, stale: false, toCurrent: identity, toAnalysed: identity };
  }
  const map = new EditMap(steps);
  ctx.tracer.verbose(`${uri} v${doc.version}: whole-document answer from the analysis of v${latest.version}`);
  return {
    uri,
    doc,
    analysis: latest.analysis,
    schema: loadSchema(schemaFamily(platform)),
    platform,
    text: latest.text,
    stale: true,
    toCurrent: (offset) => map.toNew(offset),
    toAnalysed: (offset) => map.toOld(offset),
  };
}

/** Like `positionRequest`, but answers from the last analysis while a newer one is pending (see above). */
export function positionRequestAllowingStale(ctx: ServerContext, params: unknown): PositionRequest | undefined {
  const position = positionParam(objectParam(params)['position']);
  const uri = textDocumentUri(params);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return undefined;
  const platform = ctx.settings.current.platform;
  const offset = doc.lines.offsetAt(position);
  const stale = ctx.analyses.get(uri, doc.version, platform) ? undefined : staleView(ctx, doc, platform, offset);
  if (!stale) return positionRequest(ctx, params);
  ctx.tracer.verbose(`${uri} v${doc.version}: answering from the analysis of v${stale.version} (line unchanged)`);
  return { uri, doc, analysis: stale.analysis, schema: loadSchema(schemaFamily(platform)), platform, text: stale.text, offset: stale.offset, toCurrent: stale.toCurrent };
}

function staleView(ctx: ServerContext, doc: DocumentSnapshot<LiveSyntax>, platform: Platform, offset: number) {
  const latest = ctx.analyses.latest(doc.uri);
  if (!latest || latest.platform !== platform || latest.text === undefined) return undefined;
  const steps = ctx.documents.editsSince(doc.uri, latest.version);
  if (!steps) return undefined;
  const map = new EditMap(steps);
  const lineStart = doc.text.lastIndexOf('\n', offset - 1) + 1;
  const newline = doc.text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? doc.text.length : newline;
  const oldStart = map.toOld(lineStart);
  const oldEnd = map.toOld(lineEnd);
  if (oldStart === undefined || oldEnd === undefined) return undefined;
  const text = latest.text;
  if (text.slice(oldStart, oldEnd) !== doc.text.slice(lineStart, lineEnd)) return undefined;
  const regionStart = changesLevels(text) ? 0 : topLevelStart(text, oldStart);
  if (map.movedStart(regionStart, oldEnd) === undefined) return undefined;
  return {
    version: latest.version,
    analysis: latest.analysis,
    text,
    offset: oldStart + (offset - lineStart),
    toCurrent: (old: number): number | undefined => (old >= oldStart && old <= oldEnd ? lineStart + (old - oldStart) : map.toNew(old)),
  };
}

const levelCommands = new Map<string, boolean>();

/** true when set-form commands move between levels (`edit`, `up`, `top`, `[edit ...]` banners): the
 *  context of a line then depends on every line before it. One answer per text, kept for the latest. */
function changesLevels(text: string): boolean {
  let known = levelCommands.get(text);
  if (known === undefined) {
    levelCommands.clear();
    known = /^[ \t]*(\[edit\b|edit\b|up\b|top\b)/m.test(text);
    levelCommands.set(text, known);
  }
  return known;
}

/** The start of the top-level statement holding `offset`: the nearest line at or before it that starts
 *  with a word in column 0 (not a brace or a comment); 0 when there is none. */
function topLevelStart(text: string, offset: number): number {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  for (;;) {
    const c = text[lineStart];
    if (c !== undefined && !/[\s}#/]/.test(c)) return lineStart;
    if (lineStart === 0) return 0;
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  }
}
