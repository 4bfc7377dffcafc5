/**
 * lsp/handlers/formatting.ts: `textDocument/formatting` and `textDocument/rangeFormatting` (one layout, two
 *   entry points that differ only in the span they may touch).
 * Owns: reading the params, reporting a refusal (syntax errors, changed words) as a log line and an empty
 *   edit list.
 * Must not know: the layout rules (ide/formatting.ts).
 * Tests: test/src/lsp/protocol.test.ts
 */
import type { TextEdit } from 'vscode-languageserver/node';
import { formatJunos } from '../../ide/formatting';
import type { ServerContext } from '../context';
import { toTextEdits } from '../convert';
import { objectParam, rangeParam, textDocumentUri } from '../params';

export function formatting(ctx: ServerContext, params: unknown): TextEdit[] | null {
  return format(ctx, textDocumentUri(params), undefined);
}

export function rangeFormatting(ctx: ServerContext, params: unknown): TextEdit[] | null {
  const uri = textDocumentUri(params);
  return format(ctx, uri, rangeParam(objectParam(params)['range']));
}

function format(ctx: ServerContext, uri: string, range: ReturnType<typeof rangeParam> | undefined): TextEdit[] | null {
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return null;
  const span = range ? { start: doc.lines.offsetAt(range.start), end: doc.lines.offsetAt(range.end) } : undefined;
  const outcome = formatJunos(doc.text, doc.root, { reparse: (text) => ctx.syntax.parseRoot(text), ...(span ? { range: span } : {}) });
  if (!outcome.ok) {
    // logged, not shown in a pop-up: format-on-save would raise one on every save of a broken file
    ctx.tracer.info(`formatting ${uri}: ${outcome.reason}`);
    return [];
  }
  return toTextEdits(doc.lines, outcome.edits);
}
