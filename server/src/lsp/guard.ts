/**
 * lsp/guard.ts: wraps every handler so a failure becomes an LSP error response or a log line, never a crash.
 * Owns: the mapping from failures to JSON-RPC errors (bad params -> InvalidParams, cancellation ->
 *   RequestCancelled, anything else -> InternalError), cancellation checks before and after the work,
 *   per-request timing at `verbose` trace.
 * Must not know: any feature.
 * Invariants: a wrapped request handler always settles with a result or a `ResponseError` (its message
 *   masked like every log line); a wrapped notification handler never throws or rejects.
 * Tests: test/src/lsp/protocol.test.ts (malformed requests, server keeps serving)
 */
import { performance } from 'node:perf_hooks';
import { type CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { maskSecretsInText } from '../model/secrets';
import { InvalidParams } from './params';
import { describeError, type Tracer } from './trace';

export type RequestWork<R> = (params: unknown, token: CancellationToken) => R | Promise<R>;
export type NotificationWork = (params: unknown) => void | Promise<void>;

/**
 * vscode-jsonrpc calls a string-method handler as `(token)` without params, `(params, token)` with named
 * params and `(...positional, token)` with positional ones; this reads all three.
 */
function splitArguments(args: readonly unknown[]): { params: unknown; token: CancellationToken } {
  const last = args[args.length - 1];
  const isToken = typeof last === 'object' && last !== null && 'isCancellationRequested' in last;
  const token: CancellationToken = isToken ? (last as CancellationToken) : NEVER_CANCELLED;
  const rest = isToken ? args.slice(0, -1) : args;
  return { params: rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : rest, token };
}

const NEVER_CANCELLED: CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };

export function guardRequest<R>(
  method: string,
  work: RequestWork<R>,
  tracer: Tracer,
): (...args: unknown[]) => Promise<R | ResponseError<void>> {
  return async (...args) => {
    const { params, token } = splitArguments(args);
    const started = performance.now();
    if (token.isCancellationRequested) return cancelled(method);
    try {
      const result = await work(params, token);
      if (token.isCancellationRequested) return cancelled(method);
      tracer.verbose(`${method} answered in ${(performance.now() - started).toFixed(1)} ms`);
      return result;
    } catch (err) {
      if (err instanceof ResponseError) return err as ResponseError<void>;
      if (err instanceof InvalidParams) {
        tracer.info(`${method}: invalid params: ${err.message}`);
        return new ResponseError(ErrorCodes.InvalidParams, maskSecretsInText(`${method}: ${err.message}`));
      }
      tracer.error(`${method} failed: ${describeError(err)}`);
      return new ResponseError(ErrorCodes.InternalError, maskSecretsInText(`${method} failed: ${describeError(err)}`));
    }
  };
}

export function guardNotification(method: string, work: NotificationWork, tracer: Tracer): (...args: unknown[]) => void {
  return (...args) => {
    const params = args.length === 0 ? undefined : args.length === 1 ? args[0] : args;
    const report = (err: unknown): void => {
      if (err instanceof InvalidParams) tracer.info(`${method}: invalid params: ${err.message}`);
      else tracer.error(`${method} failed: ${describeError(err)}`);
    };
    try {
      const pending = work(params);
      if (pending) pending.catch(report);
    } catch (err) {
      report(err);
    }
  };
}

function cancelled(method: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `${method} was cancelled`);
}
