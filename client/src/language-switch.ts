/**
 * client/language-switch.ts: gives the `junos` language to `.conf`/`.cfg` (and other plain-text) documents
 *   whose first lines look like a Junos configuration, since VS Code's built-in languages may claim those
 *   extensions before our `firstLine` pattern is consulted.
 * Owns: which documents are switched (file or untitled, not already `junos`, a claimable extension or
 *   plain text, content passing `looksLikeJunos`).
 * Must not know: the server; parsing.
 * Invariants: never switches a document twice; never switches a document the user moved away from Junos
 *   (it only looks at a document when it opens).
 * Tests: test/e2e/suite/extension.test.js ("a .conf file that starts like Junos becomes junos")
 */
import * as vscode from 'vscode';
import { looksLikeJunos } from '../../server/src/text/junos-sniff';

const CLAIMABLE_EXTENSIONS = /\.(conf|cfg|txt|config)$/i;
const CLAIMABLE_LANGUAGES = new Set(['plaintext', 'properties', 'ini', 'shellscript', 'log', 'nginx', 'apacheconf']);

export function shouldSwitchToJunos(document: Pick<vscode.TextDocument, 'languageId' | 'uri' | 'getText'>): boolean {
  if (document.languageId === 'junos') return false;
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') return false;
  if (!CLAIMABLE_EXTENSIONS.test(document.uri.path) && !CLAIMABLE_LANGUAGES.has(document.languageId)) return false;
  return looksLikeJunos(document.getText(new vscode.Range(0, 0, 100, 0)));
}

export async function switchIfJunos(document: vscode.TextDocument): Promise<void> {
  if (!shouldSwitchToJunos(document)) return;
  try {
    await vscode.languages.setTextDocumentLanguage(document, 'junos');
  } catch {
    // the document was closed meanwhile: nothing to switch
  }
}

export function watchLanguageSwitch(): vscode.Disposable {
  for (const document of vscode.workspace.textDocuments) void switchIfJunos(document);
  return vscode.workspace.onDidOpenTextDocument((document) => void switchIfJunos(document));
}
