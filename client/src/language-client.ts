/**
 * client/language-client.ts: starts, restarts and stops the bundled language server (`dist/server.js`) over
 *   node IPC (with the environment a server process starts with, server/src/lsp/process-heap.ts), and shows its state in the status bar and the "Junos" output channel.
 * Owns: the `LanguageClient` instance, the status bar item (state + platform setting, click = show output;
 *   shown from the first start on, so a window that never opens a Junos file shows nothing).
 * Must not know: any Junos feature; the commands (commands.ts) only ask for `current()`.
 * Invariants: at most one server process at a time (restart stops the old one first); a failed start
 *   shows "error" in the status bar and never throws out of `start()`.
 * Tests: test/e2e/suite/*.test.js (extension host), test/e2e/ui/workbench.e2e.js (status bar screenshot)
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { serverLaunchEnv } from '../../server/src/lsp/process-heap';

export type ServerState = 'stopped' | 'starting' | 'ready' | 'error';

export const SHOW_OUTPUT_COMMAND = 'junos.showOutput';

export class JunosServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private state: ServerState = 'stopped';
  private readonly statusItem: vscode.StatusBarItem;
  private readonly stateListeners: ((state: ServerState) => void)[] = [];

  constructor(
    private readonly extensionPath: string,
    readonly output: vscode.OutputChannel,
  ) {
    this.statusItem = vscode.window.createStatusBarItem('junos.serverStatus', vscode.StatusBarAlignment.Right, 100);
    this.statusItem.name = 'Junos language server';
    this.statusItem.command = SHOW_OUTPUT_COMMAND;
    this.render();
  }

  current(): LanguageClient | undefined {
    return this.state === 'ready' ? this.client : undefined;
  }

  get serverState(): ServerState {
    return this.state;
  }

  onStateChange(listener: (state: ServerState) => void): void {
    this.stateListeners.push(listener);
  }

  /** Starts the server (once; a call while it starts waits for the same start); resolves when it is ready or has failed (state says which). */
  start(): Promise<void> {
    if (this.starting) return this.starting;
    const starting = this.startClient().finally(() => {
      if (this.starting === starting) this.starting = undefined;
    });
    this.starting = starting;
    return starting;
  }

  private async startClient(): Promise<void> {
    if (this.client) return;
    this.statusItem.show();
    const module = path.join(this.extensionPath, 'dist', 'server.js');
    // the environment a server process starts with (read by the C library at start: server/src/lsp/process-heap.ts)
    const env = serverLaunchEnv();
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { env } },
      debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'junos' }],
      outputChannel: this.output,
      synchronize: { configurationSection: 'junos' },
    };
    const client = new LanguageClient('junos', 'Junos language server', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((change) => {
      if (change.newState === State.Running) this.setState('ready');
      else if (change.newState === State.Starting) this.setState('starting');
      else if (this.client === client && this.state !== 'error') this.setState('stopped');
    });
    this.setState('starting');
    try {
      await client.start();
      this.setState('ready');
    } catch (err) {
      this.output.appendLine(`The Junos language server could not start: ${err instanceof Error ? err.message : String(err)}`);
      this.setState('error');
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5000);
      } catch (err) {
        this.output.appendLine(`stopping the server: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.setState('stopped');
  }

  async restart(): Promise<void> {
    this.output.appendLine('Restarting the Junos language server');
    await this.stop();
    await this.start();
  }

  /** Re-renders the status bar (the platform setting changed). */
  render(): void {
    const platform = vscode.workspace.getConfiguration('junos').get<string>('platform', 'ms-pic');
    const icon = { stopped: '$(circle-slash)', starting: '$(sync~spin)', ready: '$(check)', error: '$(error)' }[this.state];
    this.statusItem.text = `${icon} Junos ${platform}`;
    this.statusItem.tooltip = `Junos language server: ${this.state}; platform ${platform}. Click to show the output.`;
    this.statusItem.accessibilityInformation = { label: `Junos language server ${this.state}, platform ${platform}`, role: 'button' };
    this.statusItem.backgroundColor = this.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  private setState(state: ServerState): void {
    if (this.state === state) return;
    this.state = state;
    this.render();
    for (const listener of this.stateListeners) listener(state);
  }

  dispose(): void {
    void this.stop();
    this.statusItem.dispose();
  }
}
