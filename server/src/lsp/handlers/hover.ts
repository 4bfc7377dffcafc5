/**
 * lsp/handlers/hover.ts: `textDocument/hover`.
 * Owns: calling `ide/hover` on the document's analysis (the last one while a newer is pending, see
 *   position-request.ts; not when the definition excerpt it shows was edited since) and converting its
 *   markdown and range (mapped to the current text).
 * Must not know: what a hover says (ide decides, secrets masked there).
 * Tests: test/src/lsp/language-features.test.ts
 */
import type { Hover } from 'vscode-languageserver/node';
import { hover as hoverAt, type HoverResult } from '../../ide/hover';
import type { ServerContext } from '../context';
import { toHover } from '../convert-features';
import { wordsOf, type ConfigModel, type ConfigNode } from '../../model/index';
import { positionRequest, positionRequestAllowingStale } from '../position-request';

export function hover(ctx: ServerContext, params: unknown): Hover | null {
  let request = positionRequestAllowingStale(ctx, params);
  if (!request) return null;
  let found = hoverAt({ model: request.analysis.model, docId: request.doc.uri, offset: request.offset, schema: request.schema, platform: request.platform });
  if (found && request.untouched && !excerptUntouched(request.analysis.model, found, request.untouched)) {
    // the older model's definition excerpt was edited since: answer from the current version
    request = positionRequest(ctx, params)!;
    found = hoverAt({ model: request.analysis.model, docId: request.doc.uri, offset: request.offset, schema: request.schema, platform: request.platform });
  }
  const { doc, toCurrent } = request;
  if (!found) return null;
  const start = toCurrent(found.start);
  const end = toCurrent(found.end);
  return start === undefined || end === undefined ? null : toHover(doc.lines, { ...found, start, end });
}

/**
 * False when the hover shows a definition excerpt that edits since the analysis may have changed: one
 * touched the span of the entry's words, comments and annotations (in set form that span reaches over
 * every line that wrote into the entry), or the configuration has groups (their entries merge into what
 * the excerpt shows).
 */
function excerptUntouched(model: ConfigModel, found: HoverResult, untouched: (start: number, end: number) => boolean): boolean {
  const definition = found.definition;
  if (!definition) return true;
  if (model.root.children.some((c) => c.keyword === 'groups')) return false;
  const entry = model.nodeAt(definition.docId, definition.start)?.node;
  if (!entry) return false;
  let start = definition.start;
  let end = definition.end;
  const cover = (source: { readonly docId: string; readonly start: number; readonly end: number } | undefined): void => {
    if (!source || source.docId !== definition.docId) return;
    if (source.start < start) start = source.start;
    if (source.end > end) end = source.end;
  };
  // an explicit stack: free-form words nest one node per word, deeper than recursion goes
  const stack: ConfigNode[] = [entry];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const w of wordsOf(node)) if (w.kind !== 'synthetic') cover(w.source);
    for (const c of node.comments) cover(c.source);
    if (node.annotation) cover(node.annotation.source);
    for (const c of node.children) stack.push(c);
  }
  return untouched(start, end);
}
