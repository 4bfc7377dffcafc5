/**
 * lsp/service.ts: the single map from LSP method to handler, and its registration on the connection.
 * Owns: which methods the server answers; wrapping each in the guard; refusing work before initialize.
 * Must not know: what any handler does.
 * Invariants: every request and notification handler goes through `guardRequest`/`guardNotification`;
 *   a request before initialize gets ServerNotInitialized.
 * Tests: test/src/lsp/protocol.test.ts, test/src/lsp/language-features.test.ts
 *
 * Adding a feature (hover, completion, ...):
 *   1. the logic goes in `server/src/ide/<feature>.ts` and returns plain data with offsets;
 *   2. `handlers/<method>.ts` exports `(ctx, params) => result`: validate params with `params.ts`, take
 *      `ctx.documents.snapshot(uri)` (null when not open), get the model from `currentAnalysis(ctx, doc)`
 *      (diagnostics-source.ts) when the feature needs it, or through position-request.ts (`positionRequest`;
 *      the `...AllowingStale` variants for features asked on every keystroke), call ide, convert with
 *      `convert.ts` / `convert-features.ts`;
 *   3. add the method here and the capability in `capabilities.ts` (filtered by `ClientFlags` if needed);
 *   4. a protocol test in test/src/lsp/ (protocol.test.ts, language-features.test.ts) that checks the wiring
 *      on an example.
 */
import { type CancellationToken, type Connection, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { ServerContext } from './context';
import { guardNotification, guardRequest } from './guard';
import { didChange } from './handlers/did-change';
import { didChangeConfiguration } from './handlers/did-change-configuration';
import { didChangeWatchedFiles } from './handlers/did-change-watched-files';
import { didChangeWorkspaceFolders } from './handlers/did-change-workspace-folders';
import { didClose } from './handlers/did-close';
import { didOpen } from './handlers/did-open';
import { documentSymbol } from './handlers/document-symbol';
import { effectiveConfig } from './handlers/effective-config';
import { foldingRange } from './handlers/folding-range';
import { formatting, rangeFormatting } from './handlers/formatting';
import { selectionRange } from './handlers/selection-range';
import { semanticTokensDelta, semanticTokensFull, semanticTokensRange } from './handlers/semantic-tokens';
import { simulate } from './handlers/simulate';
import { codeAction, codeActionResolve } from './handlers/code-action';
import { codeLens, codeLensResolve } from './handlers/code-lens';
import { completion, completionResolve } from './handlers/completion';
import { definition } from './handlers/definition';
import { documentHighlight } from './handlers/document-highlight';
import { hover } from './handlers/hover';
import { inlayHint } from './handlers/inlay-hint';
import { references } from './handlers/references';
import { prepareRename, rename } from './handlers/rename';
import { workspaceDiagnostics } from './handlers/workspace-diagnostics';
import { workspaceSymbol } from './handlers/workspace-symbol';
import { EFFECTIVE_CONFIG_METHOD, SIMULATE_METHOD, WORKSPACE_DIAGNOSTICS_METHOD } from './protocol-extensions';
import type { Tracer } from './trace';

type RequestHandler = (ctx: ServerContext, params: unknown, token: CancellationToken) => unknown;
type NotificationHandler = (ctx: ServerContext, params: unknown) => void | Promise<void>;

export const REQUEST_HANDLERS: Readonly<Record<string, RequestHandler>> = {
  'textDocument/foldingRange': foldingRange,
  'textDocument/selectionRange': selectionRange,
  'textDocument/documentSymbol': documentSymbol,
  'textDocument/formatting': formatting,
  'textDocument/rangeFormatting': rangeFormatting,
  'textDocument/semanticTokens/full': semanticTokensFull,
  'textDocument/semanticTokens/full/delta': semanticTokensDelta,
  'textDocument/semanticTokens/range': semanticTokensRange,
  'textDocument/completion': completion,
  'completionItem/resolve': completionResolve,
  'textDocument/hover': hover,
  'textDocument/inlayHint': inlayHint,
  'textDocument/definition': definition,
  'textDocument/references': references,
  'textDocument/documentHighlight': documentHighlight,
  'textDocument/prepareRename': prepareRename,
  'textDocument/rename': rename,
  'textDocument/codeAction': codeAction,
  'codeAction/resolve': codeActionResolve,
  'textDocument/codeLens': codeLens,
  'codeLens/resolve': codeLensResolve,
  'workspace/symbol': workspaceSymbol,
  [SIMULATE_METHOD]: simulate,
  [WORKSPACE_DIAGNOSTICS_METHOD]: workspaceDiagnostics,
  [EFFECTIVE_CONFIG_METHOD]: effectiveConfig,
};

export const NOTIFICATION_HANDLERS: Readonly<Record<string, NotificationHandler>> = {
  'textDocument/didOpen': didOpen,
  'textDocument/didChange': didChange,
  'textDocument/didClose': didClose,
  'workspace/didChangeConfiguration': didChangeConfiguration,
  'workspace/didChangeWatchedFiles': didChangeWatchedFiles,
  'workspace/didChangeWorkspaceFolders': didChangeWorkspaceFolders,
};

export function registerService(connection: Connection, context: () => ServerContext | undefined, tracer: Tracer): void {
  for (const [method, handler] of Object.entries(REQUEST_HANDLERS)) {
    connection.onRequest(
      method,
      guardRequest(method, (params, token) => handler(requireContext(context()), params, token), tracer),
    );
  }
  for (const [method, handler] of Object.entries(NOTIFICATION_HANDLERS)) {
    connection.onNotification(
      method,
      guardNotification(
        method,
        (params) => {
          const ctx = context();
          if (!ctx) {
            tracer.info(`${method} before initialize; ignored`);
            return;
          }
          return handler(ctx, params);
        },
        tracer,
      ),
    );
  }
}

function requireContext(ctx: ServerContext | undefined): ServerContext {
  if (!ctx) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'the server has not been initialized');
  return ctx;
}
