/**
 * client/extension.ts: the VS Code extension's entry point (bundled to `dist/extension.js`).
 * Owns: activation (on the `junos` language and on our commands), wiring the pieces together, and the
 *   command table: restart, show output, simulate tunnel, convert to set/curly, show effective
 *   configuration, show references (the code lens's command).
 * Must not know: Junos syntax or features (the server answers), how the panel is drawn.
 * Invariants: every command resolves (never rejects) and returns what it produced, so extension-host
 *   tests can check it: the simulate answer, the new document's URI, ...
 * Tests: test/e2e/suite/*.test.js
 */
import * as vscode from 'vscode';
import { JunosServer, SHOW_OUTPUT_COMMAND } from './language-client';
import { watchLanguageSwitch } from './language-switch';
import { convertDocument, EFFECTIVE_SCHEME, EffectiveConfigProvider, junosEditor, showEffectiveConfiguration } from './printed-views';
import { SimulatePanel } from './simulate-panel/panel';
import type { SimulateAnswer } from './simulate-panel/render';

const SIMULATE_METHOD = 'junos/simulate';

export const COMMANDS = {
  simulateTunnel: 'junos.simulateTunnel',
  convertToSet: 'junos.convertToSet',
  convertToCurly: 'junos.convertToCurly',
  showEffectiveConfiguration: 'junos.showEffectiveConfiguration',
  restartServer: 'junos.restartServer',
  showOutput: SHOW_OUTPUT_COMMAND,
  showReferences: 'junos.showReferences',
} as const;

let server: JunosServer | undefined;

/** What `activate` hands to other extensions and to the extension-host tests. */
export interface JunosExtensionApi {
  /** the Simulate Tunnel panel's current HTML, undefined when it is closed */
  simulatePanelHtml(): string | undefined;
  serverState(): string;
}

export async function activate(context: vscode.ExtensionContext): Promise<JunosExtensionApi> {
  const output = vscode.window.createOutputChannel('Junos');
  const junos = new JunosServer(context.extensionPath, output);
  server = junos;
  const effective = new EffectiveConfigProvider(junos);
  const panel = new SimulatePanel(vscode.Uri.joinPath(context.extensionUri, 'client', 'media'), output);
  context.subscriptions.push(
    output,
    junos,
    effective,
    { dispose: () => panel.dispose() },
    watchLanguageSwitch(),
    vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_SCHEME, effective),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('junos.platform')) junos.render();
    }),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      await junos.restart();
      return junos.serverState;
    }),
    vscode.commands.registerCommand(COMMANDS.simulateTunnel, async (params?: unknown) => simulateTunnel(junos, panel, params)),
    vscode.commands.registerCommand(COMMANDS.convertToSet, async () => (await convertDocument(junos, vscode.window.activeTextEditor, 'set'))?.uri.toString()),
    vscode.commands.registerCommand(COMMANDS.convertToCurly, async () => (await convertDocument(junos, vscode.window.activeTextEditor, 'curly'))?.uri.toString()),
    vscode.commands.registerCommand(COMMANDS.showEffectiveConfiguration, async () => (await showEffectiveConfiguration(effective, vscode.window.activeTextEditor))?.toString()),
    vscode.commands.registerCommand(COMMANDS.showReferences, showReferences),
  );
  await junos.start();
  return { simulatePanelHtml: () => panel.html(), serverState: () => junos.serverState };
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** Runs `junos/simulate` for the code lens's params or the active Junos editor, shows the panel, returns the answer. */
async function simulateTunnel(junos: JunosServer, panel: SimulatePanel, params: unknown): Promise<SimulateAnswer | undefined> {
  let request: { uri: string; target?: unknown };
  if (params && typeof params === 'object' && typeof (params as { uri?: unknown }).uri === 'string') {
    const p = params as { uri: string; target?: unknown };
    request = p.target && typeof p.target === 'object' ? { uri: p.uri, target: p.target } : { uri: p.uri };
  } else {
    const editor = junosEditor(vscode.window.activeTextEditor);
    if (!editor) return undefined;
    request = { uri: editor.document.uri.toString() };
  }
  const client = junos.current();
  let answer: SimulateAnswer;
  if (!client) {
    answer = { available: false, reason: `the Junos language server is ${junos.serverState}` };
  } else {
    try {
      answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Simulating the IPsec tunnel' }, () => client.sendRequest<SimulateAnswer>(SIMULATE_METHOD, request));
    } catch (err) {
      answer = { available: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }
  panel.show(answer);
  return answer;
}

interface PlainPosition {
  line: number;
  character: number;
}
interface PlainLocation {
  uri: string;
  range: { start: PlainPosition; end: PlainPosition };
}

/** The code lens's "N references": LSP values in, VS Code's references peek out. */
async function showReferences(uri: unknown, position: unknown, locations: unknown): Promise<number> {
  if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations)) return 0;
  const toPosition = (p: PlainPosition) => new vscode.Position(p.line, p.character);
  const converted = locations
    .filter((l): l is PlainLocation => !!l && typeof l === 'object' && typeof (l as PlainLocation).uri === 'string' && isPosition((l as PlainLocation).range?.start) && isPosition((l as PlainLocation).range?.end))
    .map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(toPosition(l.range.start), toPosition(l.range.end))));
  await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), toPosition(position), converted);
  return converted.length;
}

function isPosition(value: unknown): value is PlainPosition {
  return !!value && typeof value === 'object' && Number.isInteger((value as PlainPosition).line) && Number.isInteger((value as PlainPosition).character);
}
