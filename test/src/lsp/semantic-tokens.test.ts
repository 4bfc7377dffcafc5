/**
 * test/lsp/semantic-tokens.test.ts: semantic tokens over stdio from the real server, on the seed in both
 *   forms: the schema's classes reach the client (a definition vs its reference, an enum value, a secret,
 *   an interface, an address), a range answer is the full answer's tokens in that range, and after an edit
 *   a delta against the previous result gives what a full request gives; while the analysis of the new
 *   version is pending the edited word falls back to the grammar's class, the server asks the client to
 *   refresh once the analysis is in, and the tokens then equal those of a fresh open of the final text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { FULL_CLIENT_CAPABILITIES, fileUri, LspSession, REPO_ROOT } from './harness';

const SEED = path.join(REPO_ROOT, 'examples', 'seed-as-published');
let session: LspSession;
let legend: { tokenTypes: string[]; tokenModifiers: string[] };
let refreshes = 0;
let refreshWaiters: (() => void)[] = [];
let counter = 0;
const scratchUri = (name: string): string => fileUri(path.join(REPO_ROOT, 'scratch', `tokens-${++counter}-${name}`));

before(async () => {
  session = await LspSession.start({
    capabilities: { ...FULL_CLIENT_CAPABILITIES, workspace: { ...FULL_CLIENT_CAPABILITIES.workspace, semanticTokens: { refreshSupport: true } } },
    settings: { platform: 'ms-pic', trace: 'messages' },
  });
  session.connection.onRequest('workspace/semanticTokens/refresh', () => {
    refreshes++;
    const waiting = refreshWaiters;
    refreshWaiters = [];
    for (const w of waiting) w();
    return null;
  });
  legend = session.initializeResult!.capabilities.semanticTokensProvider!.legend;
});
after(() => session?.dispose());

interface Token {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}

function decode(data: readonly number[]): Token[] {
  const out: Token[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    character = data[i]! === 0 ? character + data[i + 1]! : data[i + 1]!;
    const bits = data[i + 4]!;
    out.push({ line, character, length: data[i + 2]!, type: legend.tokenTypes[data[i + 3]!]!, modifiers: legend.tokenModifiers.filter((_, k) => (bits & (1 << k)) !== 0) });
  }
  return out;
}

function applyDelta(data: readonly number[], delta: SemanticTokensDelta): number[] {
  const out = [...data];
  for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) out.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return out;
}

/** The token of `word` on the first line holding `line`. */
function tokenOf(tokens: readonly Token[], text: string, line: string, word: string): Token | undefined {
  const lines = text.split('\n');
  const row = lines.findIndex((l) => l.includes(line));
  assert.ok(row >= 0, `'${line}' is in the text`);
  const column = lines[row]!.indexOf(word);
  assert.ok(column >= 0, `'${word}' is on '${line}'`);
  return tokens.find((t) => t.line === row && t.character === column);
}

function style(t: Token | undefined): string {
  return t ? [t.type, ...t.modifiers].join('.') : 'none';
}

function nextRefresh(): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no workspace/semanticTokens/refresh within 30 s')), 30_000);
    refreshWaiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const full = (uri: string): Promise<SemanticTokens> => session.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });

for (const form of ['conf', 'set'] as const) {
  test(`semantic tokens over stdio (${form} form): schema classes, range = full in range, delta after an edit, refresh`, async () => {
    const text = fs.readFileSync(path.join(SEED, `r2.${form}`), 'utf8');
    const uri = scratchUri(`r2.${form}`);
    await session.open(uri, text);
    const first = await full(uri);
    const tokens = decode(first.data);
    const definitionLine = form === 'conf' ? 'proposal ike-demo-proposal {' : 'ike proposal ike-demo-proposal dh-group';
    const referenceLine = form === 'conf' ? 'ike-policy ike-demo-policy;' : 'dynamic ike-policy ike-demo-policy';
    const policyLine = form === 'conf' ? 'policy ike-demo-policy {' : 'ike policy ike-demo-policy pre-shared proposals';
    assert.equal(style(tokenOf(tokens, text, definitionLine, 'ike-demo-proposal')), 'variable.declaration');
    assert.equal(style(tokenOf(tokens, text, referenceLine, 'ike-demo-policy')), 'variable');
    assert.equal(style(tokenOf(tokens, text, policyLine, 'ike-demo-policy')), 'variable.declaration');
    assert.equal(style(tokenOf(tokens, text, 'encryption-algorithm 3des-cbc', '3des-cbc')), 'enumMember');
    assert.equal(style(tokenOf(tokens, text, 'encryption-algorithm 3des-cbc', 'encryption-algorithm')), 'keyword');
    assert.equal(style(tokenOf(tokens, text, form === 'conf' ? 'address 10.1.12.1/30;' : 'ge-0/0/0 unit 0 family inet address', '10.1.12.1/30')), 'number');
    assert.equal(style(tokenOf(tokens, text, form === 'conf' ? 'interface ms-1/2/0.1;' : 'area 0.0.0.0 interface ms-1/2/0.1', 'ms-1/2/0.1')), 'type');
    const secret = form === 'conf' ? ['pre-shared-key ascii-text', '"$ABC123"'] : ['pre-shared-key ascii-text', 'keyfordemo'];
    // set form: `pre-shared` is unknown there, so the key is a word of an unknown statement (grammar style)
    assert.equal(style(tokenOf(tokens, text, secret[0]!, secret[1]!)), form === 'conf' ? 'string.readonly' : 'variable');

    // a range is the full answer's tokens on those lines
    const lines = text.split('\n');
    const from = lines.findIndex((l) => l.includes(definitionLine)) - 1;
    const to = from + 8;
    const range = await session.request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri },
      range: { start: { line: from, character: 0 }, end: { line: to, character: 0 } },
    });
    assert.deepEqual(decode(range.data), tokens.filter((t) => t.line >= from && t.line < to));
    assert.ok(range.data.length > 0);

    // rename the proposal where it is defined; ask for a delta at once (the analysis is debounced)
    const row = lines.findIndex((l) => l.includes(definitionLine));
    const column = lines[row]!.indexOf('ike-demo-proposal');
    const refreshed = nextRefresh();
    const before = refreshes;
    await session.change(uri, 2, [{ range: { start: { line: row, character: column }, end: { line: row, character: column + 'ike-demo-proposal'.length } }, text: 'ike-strong-proposal' }]);
    const delta = await session.request<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: first.resultId });
    assert.ok('edits' in delta, 'a delta against the remembered result');
    const pending = applyDelta(first.data, delta);
    const editedText = lines.map((l, i) => (i === row ? l.replace('ike-demo-proposal', 'ike-strong-proposal') : l)).join('\n');
    const pendingTokens = decode(pending);
    // the edited word: the grammar's class until the analysis is in; the words around keep their classes
    assert.equal(style(tokenOf(pendingTokens, editedText, form === 'conf' ? 'proposal ike-strong-proposal {' : 'ike proposal ike-strong-proposal dh-group', 'ike-strong-proposal')), 'variable');
    assert.equal(style(tokenOf(pendingTokens, editedText, 'encryption-algorithm 3des-cbc', '3des-cbc')), 'enumMember');
    assert.equal(style(tokenOf(pendingTokens, editedText, policyLine, 'ike-demo-policy')), 'variable.declaration');

    await refreshed;
    assert.equal(refreshes, before + 1);
    const after = await session.request<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: delta.resultId });
    const now = 'edits' in after ? applyDelta(pending, after) : after.data;
    assert.deepEqual(now, (await full(uri)).data, 'the delta gives what a full request gives');
    assert.equal(style(tokenOf(decode(now), editedText, form === 'conf' ? 'proposal ike-strong-proposal {' : 'ike proposal ike-strong-proposal dh-group', 'ike-strong-proposal')), 'variable.declaration');
    const freshUri = scratchUri(`fresh.${form}`);
    await session.open(freshUri, editedText);
    assert.deepEqual(now, (await full(freshUri)).data, 'the same tokens as a fresh open of the final text');
  });
}

test('once idle after edits no token request followed, the held tokens are brought up to date and released (lsp/idle-collector.ts after work); the next answers are a fresh open\'s', async () => {
  // a server of its own: its idle release is watched through its verbose trace
  const own = await LspSession.start({ settings: { platform: 'ms-pic', trace: 'verbose' } });
  try {
    const uri = scratchUri('idle.conf');
    const text = fs.readFileSync(path.join(SEED, 'r2.conf'), 'utf8');
    const opened = own.diagnosticsFor(uri, 1);
    await own.open(uri, text);
    await opened;
    const first = await own.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    // two edits, each analysed (no burst: a few kB of garbage), and no token request after them
    let edited = text;
    for (const version of [2, 3]) {
      const published = own.diagnosticsFor(uri, version);
      await own.change(uri, version, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `    domain-name lab${version}.example.net;\n` }]);
      const lines = edited.split('\n');
      lines.splice(1, 0, `    domain-name lab${version}.example.net;`);
      edited = lines.join('\n');
      await published;
    }
    await own.logLine(new RegExp(`semantic tokens ${uri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: v1 brought up to v3 while idle`));
    const delta = await own.request<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: first.resultId });
    assert.ok('edits' in delta, 'a delta against the result before the edits');
    const fullAfter = await own.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const freshUri = scratchUri('idle-fresh.conf');
    const freshOpened = own.diagnosticsFor(freshUri, 1);
    await own.open(freshUri, edited);
    await freshOpened;
    const fresh = await own.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: freshUri } });
    assert.deepEqual(applyDelta(first.data, delta), fresh.data, 'the delta');
    assert.deepEqual(fullAfter.data, fresh.data, 'a full answer');
  } finally {
    await own.shutdown();
    own.dispose();
  }
});
