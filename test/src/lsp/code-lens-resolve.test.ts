/**
 * `codeLens/resolve`: "N references" lenses come in the list with a range and `data` only, and get their
 * title and command when resolved; a lens of an older version resolves as the same lens of the current
 * text (or comes back inert when its name was edited); malformed payloads are InvalidParams errors and
 * the server keeps serving.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, InitializeResult } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { resolvedCodeLenses } from './code-lens-client';
import { FULL_CLIENT_CAPABILITIES, fileUri, LspSession, REPO_ROOT } from './harness';

const R2_TEXT = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa', 'r2.conf'), 'utf8');
let counter = 0;
const scratchUri = (name: string): string => fileUri(path.join(REPO_ROOT, 'scratch', `lens-${++counter}-${name}`));
const positionOf = (text: string, offset: number) => TextDocument.create('x', 'junos', 1, text).positionAt(offset);

let session: LspSession;
let initialized: InitializeResult;
before(async () => {
  session = await LspSession.start({ settings: { platform: 'ms-pic' }, capabilities: FULL_CLIENT_CAPABILITIES });
  initialized = session.initializeResult!;
});
after(() => session?.dispose());

const resolve = (lens: CodeLens) => session.request<CodeLens>('codeLens/resolve', lens);
const line = (text: string, needle: string) => positionOf(text, text.indexOf(needle)).line;

test('the list: "Simulate tunnel" complete, "N references" with a range and data only; resolving gives the title and places', async () => {
  assert.deepEqual(initialized.capabilities.codeLensProvider, { resolveProvider: true });
  const uri = scratchUri('r2.conf');
  await session.open(uri, R2_TEXT);
  const listed = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.ok(listed.some((l) => l.command?.command === 'junos.simulateTunnel'));
  const unresolved = listed.filter((l) => !l.command);
  assert.equal(unresolved.length, 6);
  for (const lens of unresolved) assert.deepEqual(Object.keys(lens.data as object).sort(), ['offset', 'uri', 'version']);
  const ruleLens = unresolved.find((l) => l.range.start.line === line(R2_TEXT, 'rule rule-ike {'))!;
  const resolved = await resolve(ruleLens);
  assert.equal(resolved.command!.title, '1 reference');
  assert.equal(resolved.command!.command, 'junos.showReferences');
  assert.deepEqual(resolved.range, ruleLens.range);
  const [lensUri, position, locations] = resolved.command!.arguments as [string, { line: number; character: number }, { uri: string; range: { start: unknown } }[]];
  assert.equal(lensUri, uri);
  assert.deepEqual(position, positionOf(R2_TEXT, R2_TEXT.indexOf('rule rule-ike {') + 'rule '.length));
  assert.deepEqual(locations.map((l) => l.range.start), [positionOf(R2_TEXT, R2_TEXT.indexOf('ipsec-vpn-rules rule-ike') + 'ipsec-vpn-rules '.length)]);
  // resolving twice, or a lens that already has its command: the same lens back
  assert.deepEqual(await resolve(ruleLens), resolved);
  assert.deepEqual(await resolve(resolved), resolved);
});

test('a lens of an older version resolves in the current text; one whose name was edited comes back inert', async () => {
  const uri = scratchUri('r2.conf');
  await session.open(uri, R2_TEXT);
  const v1 = (await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).filter((l) => !l.command);
  const policyLens = v1.find((l) => l.range.start.line === line(R2_TEXT, 'policy ike-demo-policy {'))!;
  const proposalLens = v1.find((l) => l.range.start.line === line(R2_TEXT, 'proposal ike-demo-proposal {'))!;
  // v2: a line inserted above everything; v3: a letter typed at the start of the proposal's name
  const inserted = '/* lab */\n';
  await session.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }]);
  const v2Text = inserted + R2_TEXT;
  const nameAt = positionOf(v2Text, v2Text.indexOf('proposal ike-demo-proposal {') + 'proposal '.length);
  await session.change(uri, 3, [{ range: { start: nameAt, end: nameAt }, text: 'x' }]);
  const v3Text = v2Text.replace('proposal ike-demo-proposal {', 'proposal xike-demo-proposal {');
  await session.diagnosticsFor(uri, 3);

  const current = await resolvedCodeLenses(session, uri);
  const expected = current.find((l) => l.command!.command === 'junos.showReferences' && l.range.start.line === line(v3Text, 'policy ike-demo-policy {'))!;
  assert.equal(expected.command!.title, '1 reference');
  const old = await resolve(policyLens);
  assert.deepEqual(old.command, expected.command, 'the v1 lens resolves as the current one');
  const edited = await resolve(proposalLens);
  assert.deepEqual(edited.command, { title: '', command: '' }, 'its name was edited since v1');
  assert.deepEqual(edited.range, proposalLens.range);
  // versions the server cannot map: a future one, and a closed document
  const future = await resolve({ ...policyLens, data: { ...(policyLens.data as object), version: 99 } });
  assert.deepEqual(future.command, { title: '', command: '' });
  await session.notify('textDocument/didClose', { textDocument: { uri } });
  const closed = await resolve(policyLens);
  assert.deepEqual(closed.command, { title: '', command: '' });
});

async function expectInvalidParams(params: unknown): Promise<void> {
  await assert.rejects(session.request('codeLens/resolve', params), (err: { code?: number; message?: string }) => {
    assert.equal(err.code, -32602, `${JSON.stringify(params)}: ${err.message}`);
    return true;
  });
}

test('malformed resolve payloads are InvalidParams errors, and the server keeps serving', async () => {
  const uri = scratchUri('r2.conf');
  await session.open(uri, R2_TEXT);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
  await expectInvalidParams(null);
  await expectInvalidParams([]);
  await expectInvalidParams({ range });
  await expectInvalidParams({ range: { start: 1 }, data: { uri, version: 1, offset: 0 } });
  await expectInvalidParams({ range, data: 'x' });
  await expectInvalidParams({ range, data: { uri: 42, version: 1, offset: 0 } });
  await expectInvalidParams({ range, data: { uri, version: '1', offset: 0 } });
  await expectInvalidParams({ range, data: { uri, version: 1, offset: -5 } });
  await expectInvalidParams({ range, data: { uri, version: 1, offset: 1.5 } });
  // well formed but naming nothing: inert
  const nowhere = await resolve({ range, data: { uri, version: 1, offset: 0 } });
  assert.deepEqual(nowhere.command, { title: '', command: '' });
  const unknown = await resolve({ range, data: { uri: 'file:///nowhere.conf', version: 1, offset: 10 } });
  assert.deepEqual(unknown.command, { title: '', command: '' });
  const huge = await resolve({ range, data: { uri, version: 1, offset: 10 ** 9 } });
  assert.deepEqual(huge.command, { title: '', command: '' });
  const lenses = await resolvedCodeLenses(session, uri);
  assert.ok(lenses.some((l) => l.command!.title === '1 reference'), 'still serving');
});
