/**
 * lsp/handlers/did-close.ts: `textDocument/didClose`: forgets the document and clears its diagnostics.
 * Tests: test/src/lsp/protocol.test.ts
 */
import type { ServerContext } from '../context';
import { textDocumentUri } from '../params';
import { forgetSemanticClasses } from './semantic-tokens';

export function didClose(ctx: ServerContext, params: unknown): void {
  const uri = textDocumentUri(params);
  ctx.documents.close(uri);
  ctx.semanticTokens.forget(uri);
  forgetSemanticClasses(uri);
  ctx.analyses.forget(uri);
  ctx.scheduler.closed(uri);
}
