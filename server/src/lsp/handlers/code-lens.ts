/**
 * lsp/handlers/code-lens.ts: `textDocument/codeLens` ("Simulate tunnel" and "N references" lenses).
 * Owns: converting `ide/code-lens` lenses, resolved at once (no `codeLens/resolve`: titles are cheap).
 *   Asked after every edit, it answers from the last analysis while the new one is pending (lenses and
 *   reference places at edited spots left out; the client is asked to refresh when the analysis is in).
 * Must not know: which statements get lenses.
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { CodeLens } from 'vscode-languageserver/node';
import { type CodeLens as JunosCodeLens, codeLenses } from '../../ide/code-lens';
import type { ServerContext } from '../context';
import { toCodeLens } from '../convert-features';
import { documentRequestAllowingStale } from '../position-request';

export function codeLens(ctx: ServerContext, params: unknown): CodeLens[] | null {
  const request = documentRequestAllowingStale(ctx, params);
  if (!request) return null;
  const { doc, analysis, toCurrent } = request;
  const linesFor = (docId: string) => (docId === doc.uri ? doc.lines : ctx.documents.snapshot(docId)?.lines);
  const out: CodeLens[] = [];
  for (const lens of codeLenses(analysis, doc.uri)) {
    const moved = moveLens(lens, doc.uri, toCurrent);
    if (moved) out.push(toCodeLens(doc.uri, doc.lines, moved, linesFor));
  }
  return out;
}

/** The lens with its offsets in the current text; undefined when its own span was edited. */
function moveLens(lens: JunosCodeLens, uri: string, toCurrent: (offset: number) => number | undefined): JunosCodeLens | undefined {
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
