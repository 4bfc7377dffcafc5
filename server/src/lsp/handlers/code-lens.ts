/**
 * lsp/handlers/code-lens.ts: `textDocument/codeLens` ("Simulate tunnel" and "N references" lenses) and
 *   `codeLens/resolve` (the "N references" title and places of one lens).
 * Owns: converting `ide/code-lens` lenses: "Simulate tunnel" lenses complete in the list, "N references"
 *   lenses with only their range and `data` ({ uri, version, offset of the name word in that version's
 *   text }), resolved when the client shows them. Asked after every edit, the list answers from the last
 *   analysis while the new one is pending (lenses at edited spots left out; the client is asked to refresh
 *   when the analysis is in); a resolve maps the lens's offset from its version to the current text, and
 *   answers like a lens of a fresh list would (reference places at edited spots left out when the analysis
 *   is still pending). A lens whose name was edited since, or of a closed document, or of a version the
 *   edit log no longer holds, comes back with an empty, inert command (the client asks for a new list).
 * Must not know: which statements get lenses.
 * Invariants: a malformed resolve payload is an InvalidParams error, never a crash; a lens that already
 *   has a command comes back unchanged.
 * Tests: test/src/lsp/language-features.test.ts, test/src/lsp/code-lens-resolve.test.ts
 */
import type { CodeLens } from 'vscode-languageserver/node';
import { type CodeLens as JunosCodeLens, codeLensList, resolveReferenceLens } from '../../ide/code-lens';
import type { ServerContext } from '../context';
import { toRange } from '../convert';
import { toCodeLens } from '../convert-features';
import { EditMap } from '../edit-map';
import { InvalidParams, objectParam, rangeParam, stringField } from '../params';
import { documentRequestAllowingStale, type StaleDocumentRequest } from '../position-request';

/** What an unresolved "N references" lens carries to `codeLens/resolve`. */
interface ReferenceLensData {
  readonly uri: string;
  /** the document version the offset is of */
  readonly version: number;
  /** where the definition's name word starts, in that version's text */
  readonly offset: number;
}

export function codeLens(ctx: ServerContext, params: unknown): CodeLens[] | null {
  const request = documentRequestAllowingStale(ctx, params);
  if (!request) return null;
  const { doc, analysis, toCurrent } = request;
  const linesFor = (docId: string) => (docId === doc.uri ? doc.lines : ctx.documents.snapshot(docId)?.lines);
  const out: CodeLens[] = [];
  for (const listed of codeLensList(analysis, doc.uri)) {
    if (listed.kind === 'complete') {
      const start = toCurrent(listed.lens.start);
      const end = toCurrent(listed.lens.end);
      if (start !== undefined && end !== undefined) out.push(toCodeLens(doc.uri, doc.lines, { ...listed.lens, start, end }, linesFor));
      continue;
    }
    const start = toCurrent(listed.start);
    const end = toCurrent(listed.end);
    const offset = toCurrent(listed.nameStart);
    if (start === undefined || end === undefined || offset === undefined) continue;
    const data: ReferenceLensData = { uri: doc.uri, version: doc.version, offset };
    out.push({ range: toRange(doc.lines, start, end), data });
  }
  return out;
}

/** `codeLens/resolve`: the title ("N references") and the places of one "N references" lens. */
export function codeLensResolve(ctx: ServerContext, params: unknown): CodeLens {
  const object = objectParam(params);
  const lens = { ...object, range: rangeParam(object['range']) } as CodeLens;
  if (object['command'] !== undefined && object['command'] !== null) return lens;
  const data = lensData(object['data']);
  const resolved = resolveAt(ctx, data);
  return resolved ?? { ...lens, command: { title: '', command: '' } };
}

function lensData(value: unknown): ReferenceLensData {
  const data = objectParam(value, 'params.data');
  const uri = stringField(data, 'uri', 'params.data');
  const version = data['version'];
  const offset = data['offset'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version)) throw new InvalidParams('params.data.version must be an integer');
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) throw new InvalidParams('params.data.offset must be a non-negative integer');
  return { uri, version, offset };
}

/** The lens resolved in the document's current text; undefined when it no longer names a counted definition. */
function resolveAt(ctx: ServerContext, data: ReferenceLensData): CodeLens | undefined {
  const doc = ctx.documents.snapshot(data.uri);
  if (!doc || data.version > doc.version) return undefined;
  let offset: number | undefined = data.offset;
  if (data.version !== doc.version) {
    const steps = ctx.documents.editsSince(data.uri, data.version);
    offset = steps ? new EditMap(steps).toNew(data.offset) : undefined;
  }
  if (offset === undefined) return undefined;
  const request = documentRequestAllowingStale(ctx, { textDocument: { uri: data.uri } });
  if (!request) return undefined;
  const analysed = request.toAnalysed(offset);
  const lens = analysed === undefined ? undefined : resolveReferenceLens(request.analysis, data.uri, analysed);
  const moved = lens && moveLens(lens, request);
  if (!moved) return undefined;
  const linesFor = (docId: string) => (docId === doc.uri ? doc.lines : ctx.documents.snapshot(docId)?.lines);
  return toCodeLens(doc.uri, doc.lines, moved, linesFor);
}

/** The lens with its offsets in the current text (reference places edited since left out); undefined when
 *  its own span was edited. */
function moveLens(lens: JunosCodeLens, request: StaleDocumentRequest): JunosCodeLens | undefined {
  const { uri, toCurrent } = request;
  const start = toCurrent(lens.start);
  const end = toCurrent(lens.end);
  if (start === undefined || end === undefined) return undefined;
  if (lens.command.name === 'junos.simulateTunnel') return { ...lens, start, end };
  const offset = toCurrent(lens.command.args.offset);
  if (offset === undefined) return undefined;
  const locations = [];
  for (const place of lens.command.args.locations) {
    if (place.docId !== uri) {
      locations.push(place);
      continue;
    }
    const placeStart = toCurrent(place.start);
    const placeEnd = toCurrent(place.end);
    if (placeStart !== undefined && placeEnd !== undefined) locations.push({ ...place, start: placeStart, end: placeEnd });
  }
  return { ...lens, start, end, command: { name: lens.command.name, args: { ...lens.command.args, offset, locations } } };
}
