/**
 * test/lsp/code-action-tree.test.ts: `textDocument/codeAction` and `codeAction/resolve` work on the document's
 * own, incrementally kept syntax tree (the handler passes it to the ide layer instead of a reparse): after a
 * series of incremental edits, the quick fixes and the conversions equal those of a fresh open of the final
 * text, over stdio JSON-RPC.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FULL_CLIENT_CAPABILITIES, fileUri, LspSession, REPO_ROOT } from './harness';

const R2 = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa', 'r2.conf'), 'utf8');
let session: LspSession;
let counter = 0;
const scratchUri = (name: string): string => fileUri(path.join(REPO_ROOT, 'scratch', `tree-${++counter}-${name}`));

before(async () => {
  // codeAction/resolve support: whole-document conversions come back unresolved and are resolved on request
  session = await LspSession.start({
    settings: { platform: 'ms-pic' },
    capabilities: { ...FULL_CLIENT_CAPABILITIES, textDocument: { ...FULL_CLIENT_CAPABILITIES.textDocument, codeAction: { resolveSupport: { properties: ['edit'] } } } },
  });
});
after(() => session?.dispose());

/** Every action for the whole document with its published diagnostics, conversions resolved, edits keyed by `uri`. */
async function actionsOf(uri: string, text: string, diagnostics: Diagnostic[]): Promise<unknown[]> {
  const end = TextDocument.create(uri, 'junos', 1, text).positionAt(text.length);
  const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end },
    context: { diagnostics },
  });
  const out: unknown[] = [];
  for (const action of actions) {
    const resolved = action.edit ? action : await session.request<CodeAction>('codeAction/resolve', action);
    out.push({ title: resolved.title, kind: resolved.kind, edits: resolved.edit?.changes?.[uri] ?? null });
  }
  return out;
}

test('after incremental edits, quick fixes and resolved conversions equal those of a fresh open', async () => {
  const uri = scratchUri('r2.conf');
  let text = R2;
  await session.open(uri, text);
  const edits: { needle: string; replace: string }[] = [
    { needle: 'ike-policy ike-demo-policy;', replace: 'ike-policy ike-demo-polcy;' },
    { needle: '    router-id 10.0.0.2;\n', replace: '    router-id 10.0.0.2;\n    autonomous-system 64496;\n' },
    { needle: 'proposals ike-demo-proposal;', replace: 'proposals ike-demo-propsal;' },
  ];
  let version = 1;
  for (const { needle, replace } of edits) {
    const start = text.indexOf(needle);
    assert.ok(start >= 0, needle);
    const current = TextDocument.create(uri, 'junos', version, text);
    const range = { start: current.positionAt(start), end: current.positionAt(start + needle.length) };
    await session.change(uri, ++version, [{ range, text: replace }]);
    text = text.slice(0, start) + replace + text.slice(start + needle.length);
  }
  const edited = await session.diagnosticsFor(uri, version);
  const freshUri = scratchUri('r2.conf');
  const fresh = await session.open(freshUri, text);
  const sameUri = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replaceAll(freshUri, uri));
  assert.deepEqual(edited.diagnostics, sameUri(fresh.diagnostics));
  assert.ok(edited.diagnostics.filter((d) => d.code === 'undefined-reference').length === 2, 'two misspelt names');

  const afterEdits = await actionsOf(uri, text, edited.diagnostics);
  const afterOpen = await actionsOf(freshUri, text, fresh.diagnostics);
  assert.deepEqual(afterEdits, sameUri(afterOpen));
  const titles = afterEdits.map((a) => (a as { title: string }).title);
  assert.ok(titles.includes("Change to 'ike-demo-policy'"), titles.join(' | '));
  assert.ok(titles.includes('Convert the document to set form'), titles.join(' | '));
  const convert = afterEdits.find((a) => (a as { title: string }).title === 'Convert the document to set form') as { edits: { newText: string }[] };
  assert.match(convert.edits[0]!.newText, /^set routing-options autonomous-system 64496$/m, 'printed from the edited text');
});
