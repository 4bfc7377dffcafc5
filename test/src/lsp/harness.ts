/**
 * test/lsp/harness.ts: starts the real language server in a child process and talks JSON-RPC to it over
 *   stdio, the way an editor does.
 * Owns: spawning (`node bin/junos-ipsec.js lsp --stdio`, or the server's own entry point while the CLI does
 *   not dispatch `lsp` yet; with the environment every launcher gives a server, lsp/process-heap.ts
 *   `serverLaunchEnv`), the client side of initialize/shutdown/exit, waiting for published diagnostics
 *   of a given version (a signal, never a sleep), and killing the child whatever happens.
 * Must not know: server internals (it only speaks the protocol).
 * Invariants: every session is disposed (tests call `dispose` in `finally`/`after`); waits have a generous
 *   safety limit that fails the test with a message instead of hanging the run.
 * Tests: used by test/src/lsp/protocol.test.ts
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverLaunchEnv } from '../../../server/src/lsp/process-heap';
import {
  type ClientCapabilities,
  createProtocolConnection,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

/** the repository root, from out/test/src/lsp/ */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Waits longer than this fail the test (a hung server must not hang the run); LSP_SAFETY_LIMIT_MS sets
 *  another limit (benchmarks of large files on a busy machine). */
const SAFETY_LIMIT_MS = Number(process.env.LSP_SAFETY_LIMIT_MS ?? 30_000);

export const FULL_CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: true },
    semanticTokens: {
      requests: { full: { delta: true }, range: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
    },
  },
};

export interface SessionOptions {
  readonly capabilities?: ClientCapabilities;
  readonly initializationOptions?: unknown;
  readonly workspaceFolders?: readonly string[];
  /** answers to `workspace/configuration` pulls (the `junos` section) */
  readonly settings?: unknown;
}

export function serverCommand(): string[] {
  const cliMain = path.join(REPO_ROOT, 'out', 'cli', 'src', 'main.js');
  const cliDispatchesLsp = fs.existsSync(cliMain) && /runLsp/.test(fs.readFileSync(cliMain, 'utf8'));
  return cliDispatchesLsp
    ? [path.join(REPO_ROOT, 'bin', 'junos-ipsec.js'), 'lsp', '--stdio']
    : [path.join(REPO_ROOT, 'out', 'server', 'src', 'lsp', 'main.js'), '--stdio'];
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export class LspSession {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logLines: string[] = [];
  /** publishes and log lines in the order they arrived: `publish URI vN`, `log MESSAGE` */
  readonly received: string[] = [];
  initializeResult: InitializeResult | undefined;
  private stderr = '';
  private waiters: { match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private logWaiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  private exited = false;
  private settings: unknown;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {}

  static async start(options: SessionOptions = {}): Promise<LspSession> {
    const [script, ...args] = serverCommand();
    const child = spawn(process.execPath, [script!, ...args], { cwd: REPO_ROOT, stdio: 'pipe', env: serverLaunchEnv() });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new LspSession(child, connection);
    session.settings = options.settings;
    child.stderr.on('data', (chunk: Buffer) => (session.stderr += chunk.toString('utf8')));
    child.on('exit', () => (session.exited = true));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      session.published.push(params);
      session.received.push(`publish ${params.uri} v${params.version ?? ''}`);
      session.waiters = session.waiters.filter((w) => (w.match(params) ? (w.resolve(params), false) : true));
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      session.logLines.push(params.message);
      session.received.push(`log ${params.message}`);
      session.logWaiters = session.logWaiters.filter((w) => (w.match(params.message) ? (w.resolve(params.message), false) : true));
    });
    connection.onNotification('window/showMessage', (params: { message: string }) => session.logLines.push(`[shown] ${params.message}`));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => session.settings ?? null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.listen();
    try {
      session.initializeResult = await session.within(
        connection.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: options.capabilities ?? FULL_CLIENT_CAPABILITIES,
          initializationOptions: options.initializationOptions,
          workspaceFolders: (options.workspaceFolders ?? []).map((f) => ({ uri: fileUri(f), name: path.basename(f) })),
        }),
        'initialize',
      );
      await connection.sendNotification('initialized', {});
    } catch (err) {
      session.kill();
      throw err;
    }
    return session;
  }

  /** Changes what the fake client answers to `workspace/configuration` and tells the server. */
  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.within(this.connection.sendRequest<R>(method, params), method);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async open(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const published = this.diagnosticsFor(uri, version);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'junos', version, text } });
    return published;
  }

  async change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  /** Resolves with the first publish for `uri` at `version` (already received or still to come). */
  diagnosticsFor(uri: string, version: number | undefined): Promise<PublishDiagnosticsParams> {
    const match = (p: PublishDiagnosticsParams): boolean => p.uri === uri && p.version === version;
    const seen = this.published.find(match);
    if (seen) return Promise.resolve(seen);
    return this.within(new Promise((resolve) => this.waiters.push({ match, resolve })), `diagnostics for ${uri} v${version}`);
  }

  /** Resolves with the next publish for `uri` after this call (a re-publish at the same version included). */
  nextDiagnosticsFor(uri: string): Promise<PublishDiagnosticsParams> {
    return this.within(new Promise((resolve) => this.waiters.push({ match: (p) => p.uri === uri, resolve })), `the next diagnostics for ${uri}`);
  }

  /** Resolves with the first log line (already received or to come) that matches. */
  logLine(pattern: RegExp): Promise<string> {
    const seen = this.logLines.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return this.within(new Promise((resolve) => this.logWaiters.push({ match: (l) => pattern.test(l), resolve })), `log line ${pattern}`);
  }

  /** the server's process id (benchmarks read its memory) */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get isRunning(): boolean {
    return !this.exited;
  }

  get stderrText(): string {
    return this.stderr;
  }

  /** shutdown + exit; resolves with the exit code. Kills the child if it does not leave by itself. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.exited) resolve(this.child.exitCode);
      else this.child.on('exit', (code) => resolve(code));
    });
    try {
      await this.request('shutdown', undefined);
      await this.notify('exit', undefined);
      return await this.within(exited, 'exit');
    } finally {
      this.kill();
    }
  }

  dispose(): void {
    this.kill();
  }

  private kill(): void {
    this.connection.dispose();
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private within<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${SAFETY_LIMIT_MS} ms; server stderr:\n${this.stderr}`)), SAFETY_LIMIT_MS);
    });
    return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
  }
}
