/**
 * lsp/handlers/completion.ts: `textDocument/completion` and `completionItem/resolve`.
 * Owns: calling `ide/completion` on the document's analysis (the last one while a newer is pending, or
 *   its model with the words of the line being typed, see position-request.ts) and converting the list, with replace ranges mapped to the current text; on
 *   resolve, the full documentation from the item's `data` (the schema of the platform the item was made for).
 * Must not know: which candidates a position gets (ide decides).
 * Tests: test/src/lsp/language-features.test.ts, test/src/lsp/typed-line-completion.test.ts
 */
import type { CompletionItem as LspCompletionItem, CompletionList } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import { isPlatform, schemaFamily } from '../../analysis/index';
import { complete, type CompletionData, resolveCompletion } from '../../ide/completion';
import { loadSchema } from '../../schema/index';
import type { ServerContext } from '../context';
import { toCompletionItem } from '../convert-features';
import { InvalidParams, objectParam } from '../params';
import { positionRequestAllowingStale } from '../position-request';

export function completion(ctx: ServerContext, params: unknown): CompletionList | null {
  const request = positionRequestAllowingStale(ctx, params, true);
  if (!request) return null;
  const { doc, analysis, schema, platform, text, offset, toCurrent } = request;
  const found = complete({ model: request.model ?? analysis.model, docId: doc.uri, text, offset, schema, platform });
  const items = [];
  for (const item of found.items) {
    const replaceStart = toCurrent(item.replaceStart);
    const replaceEnd = toCurrent(item.replaceEnd);
    if (replaceStart !== undefined && replaceEnd !== undefined) items.push(toCompletionItem(doc.lines, { ...item, replaceStart, replaceEnd }));
  }
  return { isIncomplete: found.isIncomplete, items };
}

export function completionResolve(_ctx: ServerContext, params: unknown): LspCompletionItem {
  const item = objectParam(params) as unknown as LspCompletionItem;
  if (typeof item.label !== 'string') throw new InvalidParams('params.label must be a string');
  const data = item.data as Partial<CompletionData> | undefined;
  if (typeof data !== 'object' || data === null || typeof data.platform !== 'string' || !isPlatform(data.platform)) return item;
  const markdown = resolveCompletion(data as CompletionData, loadSchema(schemaFamily(data.platform)));
  return markdown === undefined ? item : { ...item, documentation: { kind: MarkupKind.Markdown, value: markdown } };
}
