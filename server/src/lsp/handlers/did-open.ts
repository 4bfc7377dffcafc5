/**
 * lsp/handlers/did-open.ts: `textDocument/didOpen`: stores and parses the document, diagnoses it at once.
 * Owns: reading the open params.
 * Tests: test/src/lsp/protocol.test.ts
 */
import { performance } from 'node:perf_hooks';
import type { ServerContext } from '../context';
import { InvalidParams, objectParam, stringField } from '../params';

export function didOpen(ctx: ServerContext, params: unknown): void {
  const item = objectParam(objectParam(params)['textDocument'], 'params.textDocument');
  const uri = stringField(item, 'uri', 'params.textDocument');
  const { version, text, languageId } = item;
  if (typeof text !== 'string') throw new InvalidParams('params.textDocument.text must be a string');
  if (typeof version !== 'number') throw new InvalidParams('params.textDocument.version must be a number');
  const started = performance.now();
  ctx.documents.open(uri, typeof languageId === 'string' ? languageId : 'junos', version, text);
  ctx.tracer.verbose(`opened ${uri} v${version}: ${text.length} characters parsed in ${(performance.now() - started).toFixed(1)} ms`);
  ctx.scheduler.schedule(uri, 0);
}
