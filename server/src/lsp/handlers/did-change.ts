/**
 * lsp/handlers/did-change.ts: `textDocument/didChange`: applies incremental (or full) changes to the
 *   stored text and tree, analysing first before a change far from the edits not analysed yet
 *   (far-edits.ts), then schedules diagnostics (debounced) and, once the messages waiting are handled, the
 *   read of the new text as a whole (documents.ts `flattenText`).
 * Owns: validating the content changes before any is applied (all or nothing).
 * Tests: test/src/lsp/protocol.test.ts (incremental edits)
 */
import { performance } from 'node:perf_hooks';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import { changeSettler } from '../far-edits';
import { InvalidParams, objectParam, rangeParam, stringField } from '../params';

export function didChange(ctx: ServerContext, params: unknown): void {
  const object = objectParam(params);
  const identifier = objectParam(object['textDocument'], 'params.textDocument');
  const uri = stringField(identifier, 'uri', 'params.textDocument');
  const version = identifier['version'];
  if (typeof version !== 'number') throw new InvalidParams('params.textDocument.version must be a number');
  const raw = object['contentChanges'];
  if (!Array.isArray(raw)) throw new InvalidParams('params.contentChanges must be an array');
  const changes: TextDocumentContentChangeEvent[] = raw.map((change, i) => {
    const c = objectParam(change, `params.contentChanges[${i}]`);
    if (typeof c['text'] !== 'string') throw new InvalidParams(`params.contentChanges[${i}].text must be a string`);
    return c['range'] === undefined ? { text: c['text'] } : { range: rangeParam(c['range'], `params.contentChanges[${i}].range`), text: c['text'] };
  });
  const started = performance.now();
  const settler = changeSettler(ctx, uri, changes.length);
  if (!ctx.documents.change(uri, version, changes, settler.before)) {
    ctx.tracer.info(`didChange for a document that is not open: ${uri}`);
    return;
  }
  settler.after();
  const analysed = settler.spentMs();
  const also = analysed > 0 ? ` (and analysed before far changes in ${analysed.toFixed(1)} ms)` : '';
  ctx.tracer.verbose(`changed ${uri} v${version}: ${changes.length} change(s) applied and reparsed in ${(performance.now() - started - analysed).toFixed(1)} ms${also}`);
  ctx.scheduler.schedule(uri);
  // the new text is read whole (made one flat string by V8) once the messages waiting now are handled,
  // off the path from this change to its diagnostics (the reparse read it through its pieces)
  setImmediate(() => {
    const flattening = performance.now();
    if (ctx.documents.flattenText(uri)) ctx.tracer.verbose(`read the text of ${uri} v${version} whole in ${(performance.now() - flattening).toFixed(1)} ms`);
  });
}
