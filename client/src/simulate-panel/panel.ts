/**
 * client/simulate-panel/panel.ts: the "Simulate Tunnel" webview panel: asks the server (`junos/simulate`),
 *   renders the answer (render.ts) inside a strict-CSP page, and handles the one message the page may send.
 * Owns: the single panel instance (re-used and revealed on each run), the CSP with a per-render nonce,
 *   validating webview messages (only `{ type: 'reveal', docUri, line, character }` for a file of the
 *   workspace or one of the simulated files) and revealing that line.
 * Must not know: how the result is computed or laid out.
 * Invariants: scripts only from `media/` with the nonce; no remote resources; `enableScripts` with
 *   `localResourceRoots` limited to `media/`; an invalid message is ignored (logged), never acted on.
 * Tests: test/e2e/suite/commands.test.js, test/e2e/ui/workbench.e2e.js
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml, headlineVerdict, renderBody, type SimulateAnswer } from './render';

export interface RevealMessage {
  readonly type: 'reveal';
  readonly docUri: string;
  readonly line: number;
  readonly character: number;
}

/** The message if it is a well-formed reveal request, else undefined. */
export function parseRevealMessage(message: unknown): RevealMessage | undefined {
  if (!message || typeof message !== 'object' || Array.isArray(message)) return undefined;
  const m = message as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  if (keys !== 'character,docUri,line,type' || m['type'] !== 'reveal') return undefined;
  const { docUri, line, character } = m;
  if (typeof docUri !== 'string' || docUri.length > 4096) return undefined;
  if (!Number.isSafeInteger(line) || !Number.isSafeInteger(character) || (line as number) < 0 || (character as number) < 0) return undefined;
  return { type: 'reveal', docUri, line: line as number, character: character as number };
}

export class SimulatePanel {
  private panel: vscode.WebviewPanel | undefined;
  private allowedDocs = new Set<string>();
  /** the last answer shown (the e2e tests read it through the command's return value) */
  lastAnswer: SimulateAnswer | undefined;

  constructor(
    private readonly mediaRoot: vscode.Uri,
    private readonly output: vscode.OutputChannel,
  ) {}

  show(answer: SimulateAnswer): void {
    this.lastAnswer = answer;
    this.allowedDocs = new Set(answer.available ? answer.result.files.map((f) => f.id) : []);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('junos.simulate', 'Junos: Simulate Tunnel', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [this.mediaRoot],
        retainContextWhenHidden: true,
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.mediaRoot, 'tunnel.svg');
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message));
    }
    this.panel.title = `Simulate Tunnel: ${headlineVerdict(answer)}`;
    this.panel.webview.html = this.page(this.panel.webview, answer);
    this.panel.reveal(undefined, true);
  }

  /** The current page's HTML (for tests), or undefined when the panel is closed. */
  html(): string | undefined {
    return this.panel?.webview.html;
  }

  private page(webview: vscode.Webview, answer: SimulateAnswer): string {
    const nonce = randomBytes(16).toString('base64');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'simulate.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'simulate.js'));
    const csp = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(css.toString())}">
<title>Junos: Simulate Tunnel</title>
</head>
<body>
<main id="simulation" data-verdict="${escapeHtml(headlineVerdict(answer))}">
${renderBody(answer)}
</main>
<script nonce="${nonce}" src="${escapeHtml(js.toString())}"></script>
</body>
</html>`;
  }

  private async onMessage(message: unknown): Promise<void> {
    const reveal = parseRevealMessage(message);
    if (!reveal) {
      this.output.appendLine(`simulate panel: ignored a malformed message`);
      return;
    }
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(reveal.docUri, true);
    } catch {
      this.output.appendLine(`simulate panel: ignored a message with an invalid URI`);
      return;
    }
    if (!this.allowedDocs.has(reveal.docUri) && !vscode.workspace.getWorkspaceFolder(uri)) {
      this.output.appendLine(`simulate panel: ignored a reveal outside the workspace: ${reveal.docUri}`);
      return;
    }
    await revealLine(uri, reveal.line, reveal.character);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

export async function revealLine(uri: vscode.Uri, line: number, character: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const position = document.validatePosition(new vscode.Position(line, character));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
