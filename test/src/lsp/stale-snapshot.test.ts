/**
 * test/lsp/stale-snapshot.test.ts: completion and hover answered from the last analysis while the analysis of
 * the edited text is pending: the offset mapping through the edit log (`EditMap`), and over stdio the answers
 * right after an edit above the cursor equal those of a fresh open of the edited text, while an edit on the
 * cursor's own line makes the server analyse the current text instead.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, CompletionList, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditMap } from '../../../server/src/lsp/edit-map';
import { FULL_CLIENT_CAPABILITIES, fileUri, LspSession, REPO_ROOT } from './harness';

const R2_CONF = path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa', 'r2.conf');

test('EditMap: offsets before an edit stay, after it shift, inside or touching it have no image', () => {
  // "abcdef" -> replace "cd" (2..4) by "XYZ" -> "abXYZef" -> insert "!" at 0 -> "!abXYZef"
  const map = new EditMap([
    { version: 2, start: 2, end: 4, newLength: 3 },
    { version: 3, start: 0, end: 0, newLength: 1 },
  ]);
  assert.equal(map.toOld(2), 1); // "b"
  assert.equal(map.toOld(7), 5); // "f" ("!abXYZ" + "e" -> old 4 "e", 7 -> "f")
  assert.equal(map.toOld(0), undefined);
  assert.equal(map.toOld(4), undefined); // inside "XYZ"
  assert.equal(map.toNew(5), 7);
  assert.equal(map.toNew(1), 2);
  assert.equal(map.toNew(3), undefined); // "d" was replaced
  for (let old = 0; old <= 6; old++) {
    const now = map.toNew(old);
    if (now !== undefined) assert.equal(map.toOld(now), old, `round trip of ${old}`);
  }
  assert.equal(new EditMap([]).toOld(42), 42);
  assert.equal(map.movedStart(5, 6), 7, '"f" moved by the growth of both edits');
  assert.equal(map.movedStart(4, 6), undefined, '"ef" touches the replaced text');
  assert.equal(map.movedStart(1, 3), undefined, 'a span holding an edit did not move as a whole');
  assert.equal(map.movedStart(0, 1), undefined, 'a span next to an insertion may have grown');
});

let session: LspSession;
let refreshes = 0;
let refreshed: () => void = () => undefined;
before(async () => {
  session = await LspSession.start({
    settings: { platform: 'ms-pic', trace: 'verbose' },
    capabilities: { ...FULL_CLIENT_CAPABILITIES, workspace: { ...FULL_CLIENT_CAPABILITIES.workspace, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } } },
  });
  session.connection.onRequest('workspace/inlayHint/refresh', () => {
    refreshes++;
    refreshed();
    return null;
  });
  session.connection.onRequest('workspace/codeLens/refresh', () => null);
  await session.logLine(/workspace index:/);
});
after(() => session?.dispose());

test('right after an edit above the cursor, completion and hover come from the last analysis and equal a fresh open', async () => {
  const text = fs.readFileSync(R2_CONF, 'utf8');
  const uri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-r2.conf'));
  await session.open(uri, text);
  const insertAt = TextDocument.create(uri, 'junos', 1, text).positionAt(text.indexOf('    host-name R2;'));
  const inserted = '    domain-name lab.example.net;\n';
  const edited = TextDocument.applyEdits(TextDocument.create(uri, 'junos', 1, text), [{ range: { start: insertAt, end: insertAt }, newText: inserted }]);
  const doc = TextDocument.create(uri, 'junos', 2, edited);
  const cursor = doc.positionAt(edited.indexOf('dh-group group2;') + 'dh-group '.length);
  const keyword = doc.positionAt(edited.indexOf('authentication-method') + 3);

  // the change and the requests go out back to back: the debounced analysis of v2 cannot have run
  const [, completion, hover] = await Promise.all([
    session.change(uri, 2, [{ range: { start: insertAt, end: insertAt }, text: inserted }]),
    session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: cursor }),
    session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: keyword }),
  ]);
  await session.logLine(/stale-r2\.conf v2: answering from the analysis of v1 \(line unchanged\)/);

  const freshUri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-r2-fresh.conf'));
  await session.open(freshUri, edited);
  const freshCompletion = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri: freshUri }, position: cursor });
  const freshHover = await session.request<Hover>('textDocument/hover', { textDocument: { uri: freshUri }, position: keyword });
  assert.ok(completion.items.some((i) => i.label === 'group2'), 'dh-group values');
  assert.deepEqual(completion, freshCompletion);
  assert.deepEqual(hover, freshHover);
  assert.equal(hover.range!.start.line, keyword.line, 'the range is in the edited text');
});

test('an edit on the cursor line is never answered from the older analysis', async () => {
  const text = fs.readFileSync(R2_CONF, 'utf8');
  const uri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-same-line.conf'));
  await session.open(uri, text);
  const lineStart = TextDocument.create(uri, 'junos', 1, text).positionAt(text.indexOf('                dh-group group2;'));
  const at = { line: lineStart.line, character: lineStart.character + 16 };
  // ` dh` typed at the end of `dh-group group2;`
  const end = { line: at.line, character: at.character + 'dh-group group2;'.length };
  const [, completion] = await Promise.all([
    session.change(uri, 2, [{ range: { start: end, end }, text: ' dh' }]),
    session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: end.line, character: end.character + 3 } }),
  ]);
  assert.equal(session.logLines.some((l) => /stale-same-line\.conf v2: answering from the analysis/.test(l)), false);
  const final = text.replace('                dh-group group2;', '                dh-group group2; dh');
  const freshUri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-same-line-fresh.conf'));
  await session.open(freshUri, final);
  const fresh = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri: freshUri }, position: { line: end.line, character: end.character + 3 } });
  assert.deepEqual(completion, fresh);
  assert.ok(completion.items.every((i) => i.textEdit && 'range' in i.textEdit && i.textEdit.range.start.character === end.character + 1), 'the half-typed `dh` is replaced');
});

test('inlay hints and code lenses right after an edit come from the last analysis, mapped, and a refresh follows', async () => {
  const text = fs.readFileSync(R2_CONF, 'utf8');
  const uri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-hints.conf'));
  await session.open(uri, text);
  const insertAt = TextDocument.create(uri, 'junos', 1, text).positionAt(text.indexOf('    host-name R2;'));
  const inserted = '    domain-name lab.example.net;\n';
  const edited = text.replace('    host-name R2;', inserted + '    host-name R2;');
  const whole = { start: { line: 0, character: 0 }, end: { line: 300, character: 0 } };
  const before = refreshes;
  const gotRefresh = new Promise<void>((resolve) => (refreshed = resolve));
  const [, hints, lenses] = await Promise.all([
    session.change(uri, 2, [{ range: { start: insertAt, end: insertAt }, text: inserted }]),
    session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: whole }),
    session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }),
  ]);
  await session.logLine(/stale-hints\.conf v2: whole-document answer from the analysis of v1/);
  await session.diagnosticsFor(uri, 2);
  await gotRefresh;
  assert.ok(refreshes > before, 'the client was asked to refresh');

  const freshUri = fileUri(path.join(REPO_ROOT, 'scratch', 'stale-hints-fresh.conf'));
  await session.open(freshUri, edited);
  const freshHints = await session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: freshUri }, range: whole });
  const freshLenses = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: freshUri } });
  assert.ok(hints.length >= 4);
  assert.deepEqual(hints, freshHints);
  const withoutUris = (list: CodeLens[]) => JSON.parse(JSON.stringify(list).replaceAll(freshUri, uri)) as CodeLens[];
  assert.deepEqual(lenses, withoutUris(freshLenses));
});
