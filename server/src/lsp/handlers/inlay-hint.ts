/**
 * lsp/handlers/inlay-hint.ts: `textDocument/inlayHint`.
 * Owns: the range -> offsets, the peer lookup `ide/inlay-hints` asks for (peer-lookup.ts over the
 *   workspace's configurations), converting hints. Asked after every edit, it answers from the last
 *   analysis while the new one is pending (hints at edited places left out; the server asks the client to
 *   refresh when the new analysis is in), so it never runs the analysis on the typing path.
 * Must not know: which defaults are shown.
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { InlayHint } from 'vscode-languageserver/node';
import { inlayHints } from '../../ide/inlay-hints';
import type { ServerContext } from '../context';
import { toInlayHint } from '../convert-features';
import { objectParam, rangeParam } from '../params';
import { peerFinder } from '../peer-lookup';
import { documentRequestAllowingStale } from '../position-request';

export function inlayHint(ctx: ServerContext, params: unknown): InlayHint[] | null {
  const range = rangeParam(objectParam(params)['range']);
  const request = documentRequestAllowingStale(ctx, params);
  if (!request) return null;
  const { doc, analysis, schema, platform, text, toCurrent, toAnalysed } = request;
  const start = doc.lines.offsetAt(range.start);
  const end = doc.lines.offsetAt(range.end);
  // the range in the analysed text: an edited end widens to the whole text, hints are filtered below
  const span = { start: toAnalysed(start) ?? 0, end: toAnalysed(end) ?? text.length };
  const out: InlayHint[] = [];
  for (const hint of inlayHints({ model: analysis.model, docId: doc.uri, text, range: span, schema, platform, peers: peerFinder(ctx, doc.uri) })) {
    const offset = toCurrent(hint.offset);
    if (offset !== undefined && offset >= start && offset <= end) out.push(toInlayHint(doc.lines, { ...hint, offset }));
  }
  return out;
}
