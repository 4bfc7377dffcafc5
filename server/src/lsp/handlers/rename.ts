/**
 * lsp/handlers/rename.ts: `textDocument/prepareRename` and `textDocument/rename`.
 * Owns: turning a refusal from `ide/rename` into a `RequestFailed` error whose message the editor shows,
 *   and the edits into a `WorkspaceEdit` for the document.
 * Must not know: what may be renamed (ide decides; messages are masked there).
 * Tests: test/src/lsp/language-features.test.ts
 */
import { LSPErrorCodes, type Range, ResponseError, type WorkspaceEdit } from 'vscode-languageserver/node';
import { prepareRename as prepareAt, rename as renameAt } from '../../ide/rename';
import type { ServerContext } from '../context';
import { toRange } from '../convert';
import { toWorkspaceEdit } from '../convert-features';
import { InvalidParams, objectParam } from '../params';
import { positionRequest } from '../position-request';

export function prepareRename(ctx: ServerContext, params: unknown): { range: Range; placeholder: string } | null {
  const request = positionRequest(ctx, params);
  if (!request) return null;
  const { doc, analysis, offset } = request;
  const found = prepareAt(analysis, doc.uri, offset);
  if ('error' in found) throw new ResponseError(LSPErrorCodes.RequestFailed, found.error);
  return { range: toRange(doc.lines, found.start, found.end), placeholder: found.placeholder };
}

export function rename(ctx: ServerContext, params: unknown): WorkspaceEdit | null {
  const newName = objectParam(params)['newName'];
  if (typeof newName !== 'string') throw new InvalidParams('params.newName must be a string');
  const request = positionRequest(ctx, params);
  if (!request) return null;
  const { doc, analysis, offset, schema } = request;
  const found = renameAt(analysis, doc.uri, offset, newName, schema);
  if ('error' in found) throw new ResponseError(LSPErrorCodes.RequestFailed, found.error);
  return toWorkspaceEdit(found.edits, (docId) => (docId === doc.uri ? doc.lines : ctx.documents.snapshot(docId)?.lines));
}
