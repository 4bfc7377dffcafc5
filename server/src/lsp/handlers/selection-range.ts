/**
 * lsp/handlers/selection-range.ts: `textDocument/selectionRange`.
 * Owns: positions -> offsets, converting `ide/selection-ranges` chains.
 * Must not know: which nodes are steps (ide decides).
 * Tests: test/src/lsp/protocol.test.ts
 */
import type { SelectionRange } from 'vscode-languageserver/node';
import { selectionChain } from '../../ide/selection-ranges';
import type { ServerContext } from '../context';
import { toSelectionRange } from '../convert';
import { objectParam, positionsParam, textDocumentUri } from '../params';

export function selectionRange(ctx: ServerContext, params: unknown): SelectionRange[] | null {
  const uri = textDocumentUri(params);
  const positions = positionsParam(objectParam(params)['positions']);
  const doc = ctx.documents.snapshot(uri);
  if (!doc) return null;
  return positions.map((p) => toSelectionRange(doc.lines, selectionChain(doc.root, doc.lines.offsetAt(p))));
}
