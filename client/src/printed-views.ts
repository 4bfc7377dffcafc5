/**
 * client/printed-views.ts: the commands that print a document again through the server's
 *   `junos/effectiveConfig` request: "Show Effective Configuration" (groups applied, secrets masked, a
 *   read-only `junos-effective:` virtual document) and "Convert to set / Curly Format".
 * Choice: a conversion opens its result in a new untitled `junos` editor beside the original and leaves the
 *   original untouched (the user compares, then saves or copies); an in-place edit would make reviewing the
 *   conversion harder, and undo across a whole-file replacement is easy to lose.
 * Owns: the virtual document provider, the request params, showing refusals (syntax errors) as messages.
 * Must not know: how the server prints.
 * Invariants: the effective view never shows secrets (`maskSecrets: true`); a refusal never opens an editor.
 * Tests: test/e2e/suite/commands.test.js
 */
import * as vscode from 'vscode';
import type { JunosServer } from './language-client';

export const EFFECTIVE_SCHEME = 'junos-effective';
const EFFECTIVE_CONFIG_METHOD = 'junos/effectiveConfig';

type Printed = { available: true; text: string } | { available: false; reason: string };

interface PrintParams {
  uri: string;
  form: 'curly' | 'set';
  applyGroups: boolean;
  maskSecrets: boolean;
}

async function print(server: JunosServer, params: PrintParams): Promise<Printed> {
  if (server.serverState !== 'ready') await server.start();
  const client = server.current();
  if (!client) return { available: false, reason: `the Junos language server is ${server.serverState}` };
  try {
    const result = await client.sendRequest<Printed>(EFFECTIVE_CONFIG_METHOD, params);
    if (result && typeof result === 'object' && (result.available === true || result.available === false)) return result;
    return { available: false, reason: 'the server gave an unexpected answer' };
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** `junos-effective:/<path>.effective.conf?<source uri>`: the source document's URI sits in the query. */
export function effectiveUriFor(source: vscode.Uri): vscode.Uri {
  const base = source.path.split('/').pop() || 'configuration';
  return vscode.Uri.from({ scheme: EFFECTIVE_SCHEME, path: `/${base} (effective)`, query: source.toString() });
}

export class EffectiveConfigProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly server: JunosServer) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const printed = await print(this.server, { uri: uri.query, form: 'curly', applyGroups: true, maskSecrets: true });
    return printed.available ? printed.text : `/* The effective configuration is not available: ${printed.reason} */\n`;
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export async function showEffectiveConfiguration(provider: EffectiveConfigProvider, editor: vscode.TextEditor | undefined): Promise<vscode.Uri | undefined> {
  const source = junosEditor(editor);
  if (!source) return undefined;
  const uri = effectiveUriFor(source.document.uri);
  provider.refresh(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'junos');
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  return uri;
}

/** Opens the converted text in a new untitled editor; returns that document (undefined on refusal). */
export async function convertDocument(server: JunosServer, editor: vscode.TextEditor | undefined, form: 'curly' | 'set'): Promise<vscode.TextDocument | undefined> {
  const source = junosEditor(editor);
  if (!source) return undefined;
  const printed = await print(server, { uri: source.document.uri.toString(), form, applyGroups: false, maskSecrets: false });
  if (!printed.available) {
    void vscode.window.showWarningMessage(`Junos: cannot convert to ${form === 'set' ? 'set' : 'curly'} format: ${printed.reason}`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'junos', content: printed.text });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
  return document;
}

export function junosEditor(editor: vscode.TextEditor | undefined): vscode.TextEditor | undefined {
  if (editor && editor.document.languageId === 'junos' && editor.document.uri.scheme !== EFFECTIVE_SCHEME) return editor;
  void vscode.window.showInformationMessage('Junos: open a Junos configuration first.');
  return undefined;
}
