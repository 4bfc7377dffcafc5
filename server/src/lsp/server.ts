/**
 * lsp/server.ts: starts the language server on a connection: initialize, the stores, the service map.
 * Owns: the lifecycle (initialize -> initialized -> shutdown), building the `ServerContext` once the
 *   syntax layer has loaded, process-level safety nets (unhandled rejections are logged, not fatal).
 * Must not know: any feature (service.ts maps methods to handlers).
 * Invariants: client capabilities are read once, at initialize; a failure to load the grammar answers
 *   initialize with an error instead of crashing; nothing here blocks on IO after initialize; work that
 *   follows a publish (warm-ups, semantic classes) starts once the diagnostics message is written.
 * Tests: test/src/lsp/protocol.test.ts
 */
import { performance } from 'node:perf_hooks';
import {
  type Connection,
  type Diagnostic as LspDiagnostic,
  ErrorCodes,
  type InitializeError,
  type InitializeParams,
  type InitializeResult,
  ResponseError,
} from 'vscode-languageserver/node';
import { type ClientFlags, readClientFlags, serverCapabilities } from './capabilities';
import type { ServerContext } from './context';
import { DiagnosticsScheduler } from './diagnostics-scheduler';
import { documentDiagnostics } from './diagnostics-source';
import { catchUpSemanticTokens, prepareSemanticClassesSoon } from './handlers/semantic-tokens';
import { SemanticTokenCache } from './semantic-token-cache';
import { registerService } from './service';
import { refreshSettings } from './settings-sync';
import { AnalysisStore } from './stores/analyses';
import { DocumentStore } from './stores/documents';
import { FileAnalysisCache } from './stores/file-analyses';
import { SettingsStore } from './stores/settings';
import { WorkspaceIndex } from './stores/workspace-index';
import { loadSyntaxBinding } from './syntax-binding';
import { describeError, Tracer } from './trace';
import { rebuildWorkspaceIndex, registerFileWatchers, trackIndexing, workspaceFolderPaths } from './workspace-sync';

export interface ServerOptions {
  /** shown to the client in `serverInfo` */
  readonly version?: string;
  /** debounce between the last edit and diagnostics (ms) */
  readonly diagnosticsDelayMs?: number;
}

const DEFAULT_DIAGNOSTICS_DELAY_MS = 200;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const tracer = new Tracer(connection.console);
  let context: ServerContext | undefined;

  process.on('unhandledRejection', (reason) => tracer.error(`unhandled rejection: ${describeError(reason)}`));

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult | ResponseError<InitializeError>> => {
    try {
      context = await createContext(connection, params, tracer, options);
      return { capabilities: serverCapabilities(context.flags), serverInfo: { name: 'junos-ipsec', version: options.version ?? '0.0.0' } };
    } catch (err) {
      tracer.error(`initialize failed: ${describeError(err)}`);
      return new ResponseError(ErrorCodes.InternalError, `junos-ipsec could not start: ${describeError(err)}`, { retry: false });
    }
  });

  connection.onInitialized(() => {
    const ctx = context;
    if (!ctx) return;
    // tracked from this moment: a request reading the workspace index waits for the first scan
    trackIndexing(
      ctx,
      (async () => {
        // the pulled settings first: the watchers and the scan use their globs; the scan does not wait for
        // the client to acknowledge the watchers (requests waiting for the index must not hang on that)
        const rescanned = await refreshSettings(ctx, undefined);
        void registerFileWatchers(ctx); // never rejects (a refusal is logged)
        if (!rescanned) await rebuildWorkspaceIndex(ctx);
      })(),
    ).catch((err: unknown) => tracer.error(`after initialize: ${describeError(err)}`));
  });

  connection.onShutdown(() => {
    context?.scheduler.dispose();
  });

  registerService(connection, () => context, tracer);
  connection.listen();
}

async function createContext(connection: Connection, params: InitializeParams, tracer: Tracer, options: ServerOptions): Promise<ServerContext> {
  const flags = readClientFlags(params);
  const syntax = await loadSyntaxBinding();
  const settings = new SettingsStore();
  if (params.initializationOptions !== undefined && params.initializationOptions !== null) {
    for (const problem of settings.update(params.initializationOptions)) tracer.error(`settings: ${problem}`);
  }
  tracer.level = settings.current.trace;
  const workspace = new WorkspaceIndex();
  workspace.setGlobs(settings.current.files);
  const folders = Array.isArray(params.workspaceFolders) ? params.workspaceFolders : [];
  const rootUri = typeof params.rootUri === 'string' ? [params.rootUri] : [];
  workspace.setFolders(workspaceFolderPaths(folders.length > 0 ? folders : rootUri));
  const documents = new DocumentStore(
    (text: string) => syntax.open(text),
    (live, previous) => syntax.rootOf(live, previous),
    (uri) => tracer.error(`document ${uri} went out of sync; reparsed in full`),
  );
  const ctx: ServerContext = {
    connection,
    flags,
    syntax,
    documents,
    analyses: new AnalysisStore(),
    fileAnalyses: new FileAnalysisCache(),
    settings,
    workspace,
    semanticTokens: new SemanticTokenCache((uri) => catchUpSemanticTokens(ctx, uri)),
    tracer,
    scheduler: new DiagnosticsScheduler<LspDiagnostic>({
      current: (uri) => {
        const version = documents.version(uri);
        return version === undefined ? undefined : { uri, version };
      },
      compute: (uri, token) => documentDiagnostics(ctx, uri, token),
      publish: (uri, version, diagnostics) => {
        const payload = version !== undefined && flags.diagnosticVersions ? { uri, version, diagnostics } : { uri, diagnostics };
        const sending = performance.now();
        const sent = connection.sendDiagnostics(payload).catch((err: unknown) => tracer.error(`publishing diagnostics failed: ${describeError(err)}`));
        tracer.verbose(`sent ${diagnostics.length} diagnostics of ${uri} in ${(performance.now() - sending).toFixed(1)} ms`);
        if (version !== undefined) askForRefresh(connection, flags, tracer);
        if (version !== undefined) prepareSemanticClassesSoon(ctx, uri);
        // semantic tokens answered while this analysis was pending used the last one (or none)
        if (version !== undefined && ctx.semanticTokens.takeRefresh(uri) && flags.semanticTokensRefresh) {
          connection.sendRequest('workspace/semanticTokens/refresh').catch((err: unknown) => tracer.info(`refresh request failed: ${describeError(err)}`));
        }
        // the scheduler holds the work it defers after a publish (warm-ups, semantic classes) until the
        // message is written: the writer sends one queued message per turn of the event loop
        return sent;
      },
      tracer,
      delayMs: options.diagnosticsDelayMs ?? DEFAULT_DIAGNOSTICS_DELAY_MS,
    }),
  };
  tracer.info(`junos-ipsec language server ${options.version ?? '(development build)'} ready (platform ${settings.current.platform})`);
  return ctx;
}

/**
 * Inlay hints and code lenses answered while an analysis was pending came from the previous one; once a
 * new analysis is in (its diagnostics were just published), clients that can are asked to ask again.
 */
function askForRefresh(connection: Connection, flags: ClientFlags, tracer: Tracer): void {
  const fail = (err: unknown): void => tracer.info(`refresh request failed: ${describeError(err)}`);
  if (flags.inlayHintRefresh) connection.sendRequest('workspace/inlayHint/refresh').catch(fail);
  if (flags.codeLensRefresh) connection.sendRequest('workspace/codeLens/refresh').catch(fail);
}
