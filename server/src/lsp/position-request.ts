/**
 * lsp/position-request.ts: what every "at this position" request starts with: the open document, its
 *   analysis, the schema and platform in force, and the position as an offset.
 * Owns: reading `textDocument` + `position` params and gathering those values in one place; for completion
 *   and hover, the stale-but-consistent snapshot: while the analysis of the current version is pending (it
 *   runs debounced, off the request path), the last analysis is used with the text it was made from, when
 *   no edit since then fell in the cursor's top-level statement, from its start to the line before the
 *   next one (so the hierarchy around the cursor and the statements beside it are the same; in set files
 *   with `edit`/`up`/`top` levels, no edit before that end at all; in a plain set file the top-level
 *   statement is the cursor's line: commands elsewhere writing beside it are not looked at); the edits are mapped through edit-map.ts, results are in that
 *   text's offsets and `toCurrent` maps them back. Also when the edits in that region fell inside value
 *   words nothing else reads (typing in a `description`): the model is the same but for those values.
 *   For completion, also a line typed since that analysis (a new statement being written, see
 *   `typedLineView`): the blocks and edit level around it come from the last analysis, its words from
 *   the current text. After either answer the current version is analysed on the next turn (`analyseSoon`),
 *   so that the next request finds it (an edit elsewhere before it is not merged with this one into one
 *   wide update either way: far-edits.ts analyses first then). Otherwise the
 *   analysis is computed now. (`untouched` lets hover refuse an excerpt edited since.)
 *   And the warm-up of a new analysis's offset indexes (`prepareQueriesSoon`). The text facts the rule
 *   reads (lsp/text-facts.ts) are carried from the analysis an update was made from (analysis-lineage.ts).
 * Must not know: any feature.
 * Invariants: undefined when the document is not open (handlers answer null); throws only InvalidParams
 *   (bad params) or what `currentAnalysis` throws (schema missing), which the guard turns into errors.
 * Tests: test/src/lsp/language-features.test.ts, stale-snapshot.test.ts, typed-line-completion.test.ts,
 *   text-facts.test.ts
 */
import type { DocumentAnalysis, Platform } from '../analysis/index';
import { schemaFamily } from '../analysis/index';
import { valuesReadElsewhere } from '../ide/completion-references';
import type { ConfigModel, ConfigNode, CursorContext, TypedLine, Word } from '../model/index';
import { loadSchema } from '../schema/index';
import type { Schema } from '../schema/types';
import type { ServerContext } from './context';
import { analysisCost, currentAnalysis } from './diagnostics-source';
import { analysisId, predecessorId } from './analysis-lineage';
import { EditMap } from './edit-map';
import { objectParam, positionParam, textDocumentUri } from './params';
import type { DocumentSnapshot, EditStep } from './stores/documents';
import type { LiveSyntax } from './syntax-binding';
import { changesLevels, editedTextFacts, scanTextFacts, type TextFacts, topLevelEnd, topLevelStart } from './text-facts';

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
  /** when answering from an older analysis: true when no edit since it touched [start, end] of `text`
   *  (hover uses it to refuse a definition excerpt that changed since) */
  readonly untouched?: (start: number, end: number) => boolean;
  /** completion on a typed line (see `typedLineView`): the model to ask instead of `analysis.model` */
  readonly model?: ConfigModel;
}

export function documentRequest(ctx: ServerContext, params: unknown): DocumentRequest | undefined {
  const uri = textDocumentUri(params);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return undefined;
  const platform = ctx.settings.current.platform;
  return { uri, doc, analysis: currentAnalysis(ctx, doc), schema: loadSchema(schemaFamily(platform)), platform };
}

const identity = (offset: number): number => offset;

/**
 * Builds the offset indexes of a just-stored analysis's model (what completion and hover search: the
 * word and scope indexes) and the facts of its text the stale-snapshot rule reads, right after the job
 * that stored it (and after the document's pending diagnostics are published), so the first request on the new model does
 * not pay for them; skipped when that analysis is no longer the document's latest (a newer one replaced
 * it, or an incremental update used its model up). A request that comes first builds them itself.
 */
export function prepareQueriesSoon(ctx: ServerContext, uri: string, analysis: DocumentAnalysis): void {
  // after the document's pending diagnostics are published: the warm-up must not delay them
  ctx.scheduler.afterPublish(uri, () => {
    const latest = ctx.analyses.latest(uri);
    if (latest?.analysis !== analysis) return;
    try {
      analysis.model.prepareQueries();
      if (latest.text !== undefined) factsOf(analysis, latest.text);
    } catch (err) {
      ctx.tracer.error(`preparing queries for ${uri} failed: ${String(err)}`);
    }
  });
}

/** `analyseSoon` runs when the last analysis took at most this long (milliseconds). */
const SOON_LIMIT_MS = 150;

/**
 * The analysis of a document's version on the next turn (unless a newer version or its analysis came
 * first), rather than after the diagnostics debounce: after a request answered from an older analysis (a
 * stale snapshot, a typed line), the next request answers from this version's analysis, made while the
 * user reads the answer (else a `didChange` far from this edit would make it, far-edits.ts, or the next
 * request). Its query indexes and snapshot facts are built with it (the next request answers
 * from it). The diagnostics run then finds it stored. Only when the last analysis was quick (`SOON_LIMIT_MS`).
 */
function analyseSoon(ctx: ServerContext, uri: string, version: number): void {
  // only when the last analysis was quick (an update in place): else the next one is likely a full run,
  // left to the debounced diagnostics (a user still typing would wait for it)
  const latest = ctx.analyses.latest(uri);
  if (!latest || (analysisCost(latest.analysis) ?? Infinity) > SOON_LIMIT_MS) return;
  setImmediate(() => {
    const doc = ctx.documents.snapshot(uri);
    if (!doc || doc.version !== version || ctx.analyses.get(uri, version, ctx.settings.current.platform, doc.seq)) return;
    try {
      const analysis = currentAnalysis(ctx, doc, { reason: 'on the next turn after an answer from an older analysis' });
      // and what the next requests read of it (as `prepareQueriesSoon` would, after the debounced publish)
      prepareForRequests(analysis, doc.text);
    } catch (err) {
      ctx.tracer.error(`analysing ${uri} v${version} after a typed-line completion failed: ${String(err)}`);
    }
  });
}

/** Builds now what completion and hover read of an analysis of `text`: the model's offset indexes and
 *  the facts of the text the stale-snapshot rule reads (see `prepareQueriesSoon`). May throw. */
export function prepareForRequests(analysis: DocumentAnalysis, text: string): void {
  analysis.model.prepareQueries();
  factsOf(analysis, text);
}

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
  const latest = ctx.analyses.get(uri, doc.version, platform, doc.seq) ? undefined : ctx.analyses.latest(uri);
  const steps = latest && latest.platform === platform && latest.text !== undefined ? ctx.documents.editsAfter(uri, latest.seq) : undefined;
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

/** Like `positionRequest`, but answers from the last analysis while a newer one is pending (see above).
 *  `typedLine` (completion): also when the cursor's line is the only thing typed since (see
 *  `typedLineView`); the request's `model` then answers `contextAt` for the current text. */
export function positionRequestAllowingStale(ctx: ServerContext, params: unknown, typedLine = false): PositionRequest | undefined {
  const position = positionParam(objectParam(params)['position']);
  const uri = textDocumentUri(params);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return undefined;
  const platform = ctx.settings.current.platform;
  const offset = doc.lines.offsetAt(position);
  const analysed = ctx.analyses.get(uri, doc.version, platform, doc.seq) !== undefined;
  const stale = analysed ? undefined : staleView(ctx, doc, platform, offset);
  if (!stale && !analysed && typedLine) {
    const typed = typedLineView(ctx, doc, platform, offset);
    if (typed) {
      ctx.tracer.verbose(`${uri} v${doc.version}: completing the typed line from the analysis of v${typed.version}`);
      analyseSoon(ctx, uri, doc.version);
      return {
        uri, doc, analysis: typed.analysis, model: typed.model, schema: loadSchema(schemaFamily(platform)), platform, text: doc.text, offset, toCurrent: identity,
      };
    }
  }
  if (!stale) return positionRequest(ctx, params);
  ctx.tracer.verbose(`${uri} v${doc.version}: answering from the analysis of v${stale.version} (${stale.valuesEdited ? 'only values edited near it' : 'line unchanged'})`);
  analyseSoon(ctx, uri, doc.version);
  return {
    uri, doc, analysis: stale.analysis, schema: loadSchema(schemaFamily(platform)), platform, text: stale.text, offset: stale.offset, toCurrent: stale.toCurrent,
    untouched: stale.untouched,
  };
}

function staleView(ctx: ServerContext, doc: DocumentSnapshot<LiveSyntax>, platform: Platform, offset: number) {
  const latest = ctx.analyses.latest(doc.uri);
  if (!latest || latest.platform !== platform || latest.text === undefined) return undefined;
  const steps = ctx.documents.editsAfter(doc.uri, latest.seq);
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
  const facts = factsOf(latest.analysis, text);
  // the cursor's top-level statement, to the line before the next one: completion also reads the
  // statements beside the cursor's (what is configured already), below its line as well as above
  const regionStart = changesLevels(facts) ? 0 : topLevelStart(facts, oldStart);
  const regionEnd = topLevelEnd(facts, oldEnd, text.length);
  let valuesEdited = false;
  if (map.movedStart(regionStart, regionEnd) === undefined) {
    // edits in the cursor's region: each group of them must have changed one value word and nothing else
    for (const edit of editedSpans(steps)) {
      if (edit.oldEnd < regionStart || edit.oldStart > regionEnd) continue;
      if (!valueOnlyEdit(latest.analysis, doc, text, edit, oldStart, oldEnd)) return undefined;
      valuesEdited = true;
    }
  }
  return {
    version: latest.version,
    analysis: latest.analysis,
    text,
    offset: oldStart + (offset - lineStart),
    toCurrent: (old: number): number | undefined => (old >= oldStart && old <= oldEnd ? lineStart + (old - oldStart) : map.toNew(old)),
    untouched: (start: number, end: number): boolean => map.movedStart(start, end) !== undefined,
    valuesEdited,
  };
}

/** A part of the older text that edits replaced: [oldStart, oldEnd) became [newStart, newEnd) of the
 *  current text. */
export interface EditedSpan {
  readonly oldStart: number;
  readonly oldEnd: number;
  readonly newStart: number;
  readonly newEnd: number;
}

/**
 * The parts of the older text `steps` changed (each step in the text the one before it left), as
 * disjoint spans in text order: steps that overlap or touch an earlier one's result merge with it (typing
 * a word is one span however many keystrokes).
 */
export function editedSpans(steps: readonly EditStep[]): EditedSpan[] {
  let spans: EditedSpan[] = [];
  for (const step of steps) {
    const growth = step.newLength - (step.end - step.start);
    const before: EditedSpan[] = [];
    const touching: EditedSpan[] = [];
    const after: EditedSpan[] = [];
    for (const sp of spans) {
      if (sp.newEnd < step.start) before.push(sp);
      else if (sp.newStart > step.end) after.push(sp);
      else touching.push(sp);
    }
    // growth of the spans before a place, to map an unedited offset of the current text to the older one
    let shift = 0;
    for (const sp of before) shift += sp.newEnd - sp.newStart - (sp.oldEnd - sp.oldStart);
    const first = touching[0];
    const last = touching[touching.length - 1];
    let through = shift;
    for (const sp of touching) through += sp.newEnd - sp.newStart - (sp.oldEnd - sp.oldStart);
    const newStart = first && first.newStart < step.start ? first.newStart : step.start;
    const oldStart = first && first.newStart < step.start ? first.oldStart : step.start - shift;
    const endBefore = last && last.newEnd > step.end ? last.newEnd : step.end;
    const oldEnd = last && last.newEnd > step.end ? last.oldEnd : step.end - through;
    const merged: EditedSpan = { oldStart, oldEnd, newStart, newEnd: endBefore + growth };
    spans = [...before, merged, ...after.map((sp) => ({ ...sp, newStart: sp.newStart + growth, newEnd: sp.newEnd + growth }))];
  }
  return spans;
}

/** Characters that, typed into an unquoted word, keep it one word of the same kind. */
const PLAIN_WORD = /^[A-Za-z0-9._-]*$/;

/**
 * The node whose value the edit changed, when that is all it changed: the edit lies strictly inside one
 * value word of the older model (its first and last characters kept), typed text cannot end or split the
 * word (no quote, backslash or line break in a quoted string; word characters only in a plain one), the
 * word is not on the cursor's line, and nothing elsewhere reads the value (`valuesReadElsewhere`). The
 * syntax tree and the model are then the same as before apart from that value's text, and completion
 * elsewhere offers exactly what it offered before; undefined otherwise.
 */
function valueOnlyEdit(
  analysis: DocumentAnalysis,
  doc: DocumentSnapshot<LiveSyntax>,
  oldText: string,
  edit: EditedSpan,
  cursorLineStart: number,
  cursorLineEnd: number,
): ConfigNode | undefined {
  const at = analysis.model.nodeAt(doc.uri, edit.oldStart);
  if (!at || at.part !== 'value' || at.word.source.docId !== doc.uri) return undefined;
  const word = at.word.source;
  if (!(word.start < edit.oldStart && edit.oldEnd < word.end)) return undefined;
  if (word.end >= cursorLineStart && word.start <= cursorLineEnd) return undefined;
  if (valuesReadElsewhere(at.node)) return undefined;
  const typed = doc.text.slice(edit.newStart, edit.newEnd);
  if (oldText[word.start] === '"') {
    if (/["\\\r\n]/.test(typed) || oldText.slice(word.start, word.end).includes('\\')) return undefined;
  } else if (!PLAIN_WORD.test(typed) || !PLAIN_WORD.test(oldText.slice(word.start, word.end))) {
    return undefined;
  }
  return at.node;
}

const textFacts = new WeakMap<DocumentAnalysis, TextFacts>();
/** The facts of the analyses most recently given facts (by analysis id, lsp/analysis-lineage.ts), with
 *  their text's length: an analysis updated from one of them carries them over its edit. */
const recentFacts = new Map<number, { readonly facts: TextFacts; readonly length: number }>();
/** How many analyses' facts `recentFacts` keeps (one per open document is the usual need). */
const RECENT_FACTS = 8;

/** What the stale-snapshot rule asks of an analysed text, found once per analysis (by the warm-up after
 *  it is stored, or by the first request on it): from the facts of the analysis it was updated from,
 *  moved over the update's edit (lsp/text-facts.ts), else from the whole text. */
function factsOf(analysis: DocumentAnalysis, text: string): TextFacts {
  let facts = textFacts.get(analysis);
  if (!facts) {
    const from = predecessorId(analysis);
    const before = from === undefined ? undefined : recentFacts.get(from);
    const edit = analysis.model.change?.edit;
    facts = before && edit && before.length - edit.oldEnd === text.length - edit.newEnd ? editedTextFacts(before.facts, text, edit) : scanTextFacts(text);
    if (from !== undefined) recentFacts.delete(from);
    recentFacts.set(analysisId(analysis), { facts, length: text.length });
    if (recentFacts.size > RECENT_FACTS) recentFacts.delete(recentFacts.keys().next().value!);
    textFacts.set(analysis, facts);
  }
  return facts;
}

/** A word of a line being typed: plain characters only (no quotes, braces, `;`, comments, wildcards),
 *  not a `inactive:`-style modifier. */
const TYPED_WORD = /[A-Za-z0-9_][A-Za-z0-9_.\/:-]*/g;
const TYPED_LINE = /^[ \t]*(?:[A-Za-z0-9_][A-Za-z0-9_.\/:-]*[ \t]*)*$/;
/** How many lines back the line before a typed one is looked for (over blanks and `#` comments). */
const LOOK_BACK = 50;

/**
 * Completion on a line typed since the last analysis (a new statement being written), without analysing
 * the current text: when the edits since that analysis are one span confined to the cursor's line (and
 * the line break that opened it) that replaced only blanks, the line holds plain words only (curly: a
 * statement inside a block; set: a `set` command), and the line before it ends its statement (curly: `;`,
 * `{` or `}`; set: no continuation or open quote), the text around the line holds the same blocks and
 * commands as the analysed text at the span's start. The model answers from those and the line's words
 * (`contextAtTypedLine`); everything else (names, ranking) comes from the last analysis, which did not
 * have the typed line. Undefined otherwise (the caller analyses the current text).
 */
export function typedLineView(ctx: ServerContext, doc: DocumentSnapshot<LiveSyntax>, platform: Platform, offset: number):
  { version: number; analysis: DocumentAnalysis; model: ConfigModel } | undefined {
  const latest = ctx.analyses.latest(doc.uri);
  if (!latest || latest.platform !== platform || latest.text === undefined) return undefined;
  const old = latest.analysis.model;
  if (!old.contextAtTypedLine) return undefined;
  const steps = ctx.documents.editsAfter(doc.uri, latest.seq);
  if (!steps || steps.length === 0) return undefined;
  const spans = editedSpans(steps);
  if (spans.length !== 1) return undefined;
  const span = spans[0]!;
  const text = doc.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? text.length : newline;
  // the span: inside the line, or starting with the line break before it
  if (span.newEnd > lineEnd || span.newStart < lineStart - 1) return undefined;
  if (!/^\s*$/.test(text.slice(span.newEnd, lineEnd)) || !/^\s*$/.test(latest.text.slice(span.oldStart, span.oldEnd))) return undefined;
  const lineText = text.slice(lineStart, lineEnd);
  if (!TYPED_LINE.test(lineText)) return undefined;
  // the analysed text may already hold the start of the line (typing on): then only characters were
  // added after it, so what the older model made of it is what a model of the current text makes of a
  // prefix of the line
  const kept = text.slice(lineStart, Math.max(lineStart, span.newStart));
  let anchor = span.oldStart;
  if (!/^\s*$/.test(kept)) {
    anchor = span.oldStart - kept.length;
    if (anchor > 0 && latest.text[anchor - 1] !== '\n') return undefined;
    if (!lineText.startsWith(kept + text.slice(span.newStart, span.newEnd))) return undefined;
  }
  const words: Word[] = [];
  for (const m of lineText.matchAll(TYPED_WORD)) {
    if (m[0].endsWith(':')) return undefined;
    const start = lineStart + m.index!;
    words.push({ text: m[0], kind: 'identifier', source: { docId: doc.uri, start, end: start + m[0].length } });
  }
  const isCommand = words[0]?.text === 'set' && (words.length > 1 || /set[ \t]/.test(lineText));
  // curly: a statement without its `;` takes the words of the lines after it, up to a `;` or a block
  // (so the model of the current text would lose the next statement); only before a `}` it does not
  if (!isCommand && (!previousLineEnds(text, lineStart, /[;{}]$/) || !nextLineCloses(text, lineEnd))) return undefined;
  if (isCommand && !previousLineEnds(text, lineStart, undefined)) return undefined;
  const line: TypedLine = isCommand
    ? { kind: 'command', start: words[0]!.source.start, end: lineEnd, verb: 'set', words: words.slice(1) }
    : { kind: 'statement', start: words[0]?.source.start ?? offset, end: lineEnd, words };
  const model: ConfigModel = {
    root: old.root,
    problems: old.problems,
    effective: () => old.effective(),
    find: (path) => old.find(path),
    all: (pattern) => old.all(pattern),
    nodeAt: () => undefined,
    contextAt: (docId, at) => (docId === doc.uri && at === offset ? old.contextAtTypedLine!(docId, anchor, line, at, text) : undefined),
    prepareQueries: () => undefined,
  };
  const context = model.contextAt(doc.uri, offset);
  if (!context || materializesPartial(context)) return undefined;
  return { version: latest.version, analysis: latest.analysis, model };
}

/** True when the nearest line before `lineStart` that is not blank or a `#` comment ends its statement:
 *  matches `ending` (curly), or (set form, `ending` undefined) has no open quote or continuation; true at
 *  the start of the text. */
function previousLineEnds(text: string, lineStart: number, ending: RegExp | undefined): boolean {
  let end = lineStart - 1;
  for (let n = 0; n < LOOK_BACK && end > 0; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    end = start - 1;
    if (line === '' || line.startsWith('#')) continue;
    if (ending) return ending.test(line) && !line.includes('#');
    return !line.endsWith('\\') && (line.split('"').length - 1) % 2 === 0;
  }
  return end <= 0;
}

/** True when the nearest line after `lineEnd` that is not blank or a `#` comment starts with `}`. */
function nextLineCloses(text: string, lineEnd: number): boolean {
  let start = lineEnd + 1;
  for (let n = 0; n < LOOK_BACK && start < text.length; n++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    return line.startsWith('}');
  }
  return false;
}

/**
 * True when the word being typed may be a node of the model of the current text that completion reads
 * (which the older model does not have): a list key (an entry of that list), a name where a keyword-less
 * list takes entries (`interfaces ge-0/0/0`), or a statement name the schema knows at that place (ranked
 * as already configured).
 */
function materializesPartial(context: CursorContext): boolean {
  const partial = context.partial?.text;
  if (partial === undefined || partial === '') return false;
  if (context.expecting.kind === 'key') return true;
  if (context.expecting.kind !== 'statement' || !context.schema) return false;
  if (context.schema.child(partial)) return true;
  for (const child of context.schema.children()) if (child.nokeyword) return true;
  return false;
}
