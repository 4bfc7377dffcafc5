/**
 * client/extension.ts: the VS Code extension's entry point (bundled to `dist/extension.js`).
 * Owns: activation (on the `junos` language, on `properties` documents (`.conf`/`.cfg`, which may be
 *   Junos), in workspaces with Junos files, and on our commands) and when the server starts, wiring the pieces together, and the
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
import { defaultProbe } from './simulate-panel/probe';
import type { SimulateAnswer } from './simulate-panel/render';

const SIMULATE_METHOD = 'junos/simulate';
/** the files `workspaceContains` activates on (package.json): Junos by their extension alone */
const JUNOS_FILES = '**/*.{junos,jcfg,set}';

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
    vscode.commands.registerCommand(COMMANDS.simulateTunnel, async (params?: unknown) => simulateTunnel(junos, panel, output, params)),
    vscode.commands.registerCommand(COMMANDS.convertToSet, async () => (await convertDocument(junos, vscode.window.activeTextEditor, 'set'))?.uri.toString()),
    vscode.commands.registerCommand(COMMANDS.convertToCurly, async () => (await convertDocument(junos, vscode.window.activeTextEditor, 'curly'))?.uri.toString()),
    vscode.commands.registerCommand(COMMANDS.showEffectiveConfiguration, async () => (await showEffectiveConfiguration(effective, vscode.window.activeTextEditor))?.toString()),
    vscode.commands.registerCommand(COMMANDS.showReferences, showReferences),
  );
  // The server starts with the first Junos document (a `.conf` becomes one through watchLanguageSwitch), or
  // at once in a workspace holding `.junos`/`.jcfg`/`.set` files; a `.conf` of another kind (`properties`
  // activates us, since VS Code gives `.conf`/`.cfg` that language before any `firstLine` is read) starts nothing.
  const startOnJunos = (document: vscode.TextDocument) => {
    if (document.languageId === 'junos') void junos.start();
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startOnJunos));
  if (vscode.workspace.textDocuments.some((d) => d.languageId === 'junos')) await junos.start();
  else if ((await vscode.workspace.findFiles(JUNOS_FILES, '**/node_modules/**', 1)).length > 0) await junos.start();
  return { simulatePanelHtml: () => panel.html(), serverState: () => junos.serverState };
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** A ping or traceroute for `junos/simulate` (the server checks the details). */
interface Probe {
  from: string;
  to: string;
  count?: number;
}

/** `params.ping` / `params.traceroute` of the command, when a caller (a test, another extension) gives them. */
function probesOf(value: unknown): Probe[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((p): p is Probe => !!p && typeof p === 'object' && typeof (p as Probe).from === 'string' && typeof (p as Probe).to === 'string')
    .map((p) => ({ from: p.from, to: p.to, ...(Number.isInteger(p.count) ? { count: p.count } : {}) }));
}

/**
 * Runs `junos/simulate` for the code lens's params or the active Junos editor, shows the panel, returns the
 * answer. Unless the caller names its pings (`ping`/`traceroute` arrays, empty for none), a first run finds
 * the tunnel and the topology, and a second one adds the default ping and traceroute through the tunnel
 * (probe.ts), so the panel shows the packet path; if that second run fails, the first answer is shown.
 */
async function simulateTunnel(junos: JunosServer, panel: SimulatePanel, output: vscode.OutputChannel, params: unknown): Promise<SimulateAnswer | undefined> {
  let request: { uri: string; target?: unknown };
  const given = params && typeof params === 'object' ? (params as { uri?: unknown; target?: unknown; ping?: unknown; traceroute?: unknown }) : {};
  if (typeof given.uri === 'string') {
    request = given.target && typeof given.target === 'object' ? { uri: given.uri, target: given.target } : { uri: given.uri };
  } else {
    const editor = junosEditor(vscode.window.activeTextEditor);
    if (!editor) return undefined;
    request = { uri: editor.document.uri.toString() };
  }
  const ping = probesOf(given.ping);
  const traceroute = probesOf(given.traceroute);
  if (junos.serverState !== 'ready') await junos.start();
  const client = junos.current();
  let answer: SimulateAnswer;
  if (!client) {
    answer = { available: false, reason: `the Junos language server is ${junos.serverState}` };
  } else {
    const ask = async (extra: { ping?: Probe[]; traceroute?: Probe[] }): Promise<SimulateAnswer> => {
      try {
        return await client.sendRequest<SimulateAnswer>(SIMULATE_METHOD, { ...request, ...(extra.ping && extra.ping.length > 0 ? { ping: extra.ping } : {}), ...(extra.traceroute && extra.traceroute.length > 0 ? { traceroute: extra.traceroute } : {}) });
      } catch (err) {
        return { available: false, reason: err instanceof Error ? err.message : String(err) };
      }
    };
    answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Simulating the IPsec tunnel' }, async () => {
      if (ping || traceroute) return ask({ ...(ping ? { ping } : {}), ...(traceroute ? { traceroute } : {}) });
      const first = await ask({});
      const probe = first.available ? defaultProbe(first.result) : undefined;
      if (!probe) return first;
      const withPing = await ask({ ping: [{ from: probe.from, to: probe.to, count: 5 }], traceroute: [{ from: probe.from, to: probe.to }] });
      if (withPing.available) return withPing;
      output.appendLine(`simulate: the ping ${probe.from} -> ${probe.to} could not run: ${withPing.reason}`);
      return first;
    });
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
