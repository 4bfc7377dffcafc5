/**
 * client/tmlanguage.test.ts: the TextMate grammar `syntaxes/junos.tmLanguage.json` (scope `source.junos`).
 * Owns: loading the grammar the way VS Code does (vscode-textmate + the Oniguruma wasm) and checking its
 *   scopes on every bundled config (`examples/`, `test/fixtures/realworld/`) plus a few hand-written lines
 *   for constructs the files lack (insert/rename, `replace:`, unterminated strings).
 * Must not know: the language server; the grammar's internal rule names (only the scopes it emits).
 * Invariants checked: every line tokenizes completely and returns to the top-level state; a string never
 *   runs past its closing quote; set-form verbs are verbs only at the start of a line; the seed's tricky
 *   words (`10.1.12.0/30`, `0.0.0.0`, `ms-1/2/0.1`, `"$ABC123"`, descriptions) come out whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import fc from 'fast-check';

const repoRoot = path.resolve(__dirname, '../../../..');
const grammarPath = path.join(repoRoot, 'syntaxes', 'junos.tmLanguage.json');

interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** depth of the rule stack after the line (1 = back at the top level) */
  readonly depthAfter: number;
}

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(path.join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.junos'
        ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  const grammar = await registry.loadGrammar('source.junos');
  if (!grammar) throw new Error('source.junos did not load');
  return grammar;
}

const grammarReady = loadGrammar();

function tokenizeText(grammar: vsctm.IGrammar, text: string): TokenizedLine[] {
  let state = vsctm.INITIAL;
  const lines: TokenizedLine[] = [];
  for (const line of text.split(/\r?\n/)) {
    const result = grammar.tokenizeLine(line, state);
    assert.equal(result.stoppedEarly, false, `tokenizing stopped early on ${JSON.stringify(line)}`);
    state = result.ruleStack;
    const tokens = result.tokens.map((t) => ({
      start: t.startIndex,
      end: Math.min(t.endIndex, line.length),
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
    }));
    lines.push({ text: line, tokens, depthAfter: state.depth });
  }
  return lines;
}

function listConfigFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(conf|set)$/.test(entry.name)) files.push(full);
    }
  };
  walk(path.join(repoRoot, 'examples'));
  walk(path.join(repoRoot, 'test', 'fixtures', 'realworld'));
  return files.sort();
}

const tokenizedFiles = new Map<string, TokenizedLine[]>();
async function tokenizeFile(relative: string): Promise<TokenizedLine[]> {
  const cached = tokenizedFiles.get(relative);
  if (cached) return cached;
  const grammar = await grammarReady;
  const lines = tokenizeText(grammar, fs.readFileSync(path.join(repoRoot, relative), 'utf8'));
  tokenizedFiles.set(relative, lines);
  return lines;
}

/** `scope` equals `expected` or is a more specific scope under it (`string.quoted.double.junos` under `string`). */
function scopeIsUnder(scope: string, expected: string): boolean {
  return scope === expected || scope.startsWith(expected + '.');
}

function hasScope(token: Token, expected: string): boolean {
  return token.scopes.some((scope) => scopeIsUnder(scope, expected));
}

function describeTokens(tokens: readonly Token[]): string {
  return tokens.map((t) => `${JSON.stringify(t.text)}=${t.scopes.slice(1).join('>')}`).join('  ');
}

interface ScopeCase {
  /** repo-relative file, or `inline:<name>` for a snippet from INLINE_SNIPPETS */
  readonly file: string;
  /** a fragment of the first line that contains it */
  readonly line: string;
  /** the word inside that fragment to check (its first occurrence in the fragment) */
  readonly token: string;
  readonly scope: string;
  /** scopes the word must not carry */
  readonly notScope?: readonly string[];
}

/** Lines the bundled files lack; realistic Junos, pasted as a user would. */
const INLINE_SNIPPETS: Record<string, string> = {
  edits: [
    '[edit interfaces',
    'set ge-0/0/3 disable',
    '[edit security policies from-zone trust to-zone untrust]',
    'insert policy ALLOW-WEB before policy DENY-ALL',
    'rename policy ALLOW-WEB to policy ALLOW-HTTPS',
    'copy interfaces ge-0/0/1 to ge-0/0/2',
    'annotate policy DENY-ALL "catch-all, review CHG-1234"',
    'edit protocols ospf area 0.0.0.0',
    'up 2',
    'top',
    'exit',
    'set interfaces xe-1/0/0:2 unit 0 family inet6 address 2001:db8:0:12::1/64',
    'set system login message "line one\\nline \\"two\\""',
  ].join('\n'),
  curly: [
    'version 24.4R1;',
    'system {',
    '    protect: login {',
    '        message "unterminated banner text',
    '        class super-user;',
    '    }',
    '    replace: name-server {',
    '        2001:db8::53;',
    '    }',
    '}',
    'interfaces { irb { unit 100 { family inet { address 192.0.2.1/24; } } } }',
  ].join('\n'),
};

async function linesOf(file: string): Promise<TokenizedLine[]> {
  if (file.startsWith('inline:')) {
    const snippet = INLINE_SNIPPETS[file.slice('inline:'.length)];
    assert.ok(snippet !== undefined, `no inline snippet ${file}`);
    return tokenizeText(await grammarReady, snippet);
  }
  return tokenizeFile(file);
}

const SEED = 'examples/seed-as-published';
const FIXED = 'examples/ike-dynamic-sa';
const REAL = 'test/fixtures/realworld';

const SCOPE_CASES: readonly ScopeCase[] = [
  // the seed's tricky lines
  { file: `${SEED}/r3.set`, line: 'description "to R2 ge-0/0/1"', token: '"to R2 ge-0/0/1"', scope: 'string.quoted.double.junos', notScope: ['entity.name.type.interface.junos'] },
  { file: `${SEED}/r1.set`, line: 'description "to R2 ge-0/0/0"', token: '"to R2 ge-0/0/0"', scope: 'string.quoted.double.junos', notScope: ['entity.name.type.interface.junos'] },
  { file: `${SEED}/r1-step-by-step.set`, line: 'set ge-0/0/0 description', token: 'ge-0/0/0', scope: 'entity.name.type.interface.junos' },
  { file: `${SEED}/r2.set`, line: 'address 10.1.12.1/30', token: '10.1.12.1/30', scope: 'constant.numeric.ipv4-prefix.junos' },
  { file: `${SEED}/r2.conf`, line: 'address 10.1.12.1/30;', token: '10.1.12.1/30', scope: 'constant.numeric.ipv4-prefix.junos' },
  { file: `${SEED}/r2.conf`, line: 'area 0.0.0.0 {', token: '0.0.0.0', scope: 'constant.numeric.ipv4-address.junos' },
  { file: `${SEED}/r2.conf`, line: 'area 0.0.0.0 {', token: 'area', scope: 'keyword.other.statement.junos' },
  { file: `${SEED}/r2.conf`, line: 'interface ms-1/2/0.1;', token: 'ms-1/2/0.1', scope: 'entity.name.type.interface.junos' },
  { file: `${SEED}/r2.conf`, line: 'interface lo0.0;', token: 'lo0.0', scope: 'entity.name.type.interface.junos' },
  { file: `${SEED}/r2.conf`, line: 'pre-shared-key ascii-text "$ABC123";', token: '"$ABC123"', scope: 'string.quoted.double.junos', notScope: ['constant.other.secret.junos'] },
  { file: `${SEED}/r2.conf`, line: '"$ABC123"; ## SECRET-DATA', token: '## SECRET-DATA', scope: 'comment.line.number-sign.secret-data.junos' },
  { file: `${SEED}/r2.conf`, line: '"$ABC123"; ## SECRET-DATA', token: ';', scope: 'punctuation.terminator.statement.junos' },
  { file: `${SEED}/r2.conf`, line: 'pre-shared-key ascii-text', token: 'pre-shared-key', scope: 'keyword.other.statement.junos' },
  { file: `${SEED}/r2.conf`, line: 'pre-shared-key ascii-text', token: 'ascii-text', scope: 'variable.other.value.junos' },
  { file: `${SEED}/r2.conf`, line: 'proposals demo-proposal;', token: 'demo-proposal', scope: 'variable.other.value.junos' },
  { file: `${SEED}/r2.conf`, line: 'encryption-algorithm 3des-cbc;', token: '3des-cbc', scope: 'variable.other.value.junos', notScope: ['constant.numeric.integer.junos'] },
  { file: `${SEED}/r2.conf`, line: 'services-options {', token: '{', scope: 'punctuation.section.block.begin.junos' },
  { file: `${SEED}/r2-step-by-step.set`, line: '[edit services ipsec-vpn]', token: '[', scope: 'punctuation.definition.banner.begin.junos' },
  { file: `${SEED}/r2-step-by-step.set`, line: '[edit services ipsec-vpn]', token: 'edit', scope: 'keyword.control.edit.junos' },
  { file: `${SEED}/r2-step-by-step.set`, line: '[edit services ipsec-vpn]', token: 'ipsec-vpn', scope: 'entity.name.section.path.junos' },
  { file: `${SEED}/r2-step-by-step.set`, line: 'set router-ID 10.0.0.2', token: 'router-ID', scope: 'keyword.other.statement.junos' },
  { file: `${SEED}/r2-step-by-step.set`, line: 'set router-ID 10.0.0.2', token: 'set', scope: 'keyword.control.verb.junos' },
  { file: `${SEED}/r2.set`, line: 'pre-shared-key ascii-text keyfordemo', token: 'keyfordemo', scope: 'variable.other.value.junos' },
  // R3's unbalanced braces: the lines after them are still statements and values
  { file: `${SEED}/r3.conf`, line: 'family inet {', token: 'family', scope: 'keyword.other.statement.junos' },
  { file: `${SEED}/r3.conf`, line: 'router-id 10.0.0.3;', token: 'router-id', scope: 'keyword.other.statement.junos' },
  { file: `${SEED}/r3.conf`, line: 'router-id 10.0.0.3;', token: '10.0.0.3', scope: 'constant.numeric.ipv4-address.junos' },
  { file: `${SEED}/r3.conf`, line: 'remote-gateway 10.1.15.1;', token: '10.1.15.1', scope: 'constant.numeric.ipv4-address.junos' },
  { file: `${SEED}/r3.conf`, line: 'keys group2;', token: 'group2', scope: 'variable.other.value.junos' },
  // the corrected network
  { file: `${FIXED}/r2.conf`, line: '## Last commit: 2024-05-14 09:14:02 UTC by admin', token: '## Last commit: 2024-05-14 09:14:02 UTC by admin', scope: 'comment.line.number-sign.junos' },
  { file: `${FIXED}/r2.conf`, line: 'version 24.4R1.9;', token: 'version', scope: 'keyword.other.statement.junos' },
  { file: `${FIXED}/r2.conf`, line: 'version 24.4R1.9;', token: '24.4R1.9', scope: 'constant.other.version.junos' },
  { file: 'examples/ike-dynamic-sa-set/r2.set', line: 'set version 24.4R1.9', token: '24.4R1.9', scope: 'constant.other.version.junos' },
  { file: 'examples/ike-dynamic-sa-set/r2.set', line: 'set system host-name R2', token: 'system', scope: 'keyword.other.statement.junos' },
  // realistic files: secrets, wildcards, modifiers, annotations, IPv6, communities
  { file: `${REAL}/mx-ipsec-services.conf`, line: 'pre-shared-key ascii-text "$9$e6yMWXNds2gJ8X-wsgUD69Cp0IrlM8X-Ct1hSeMWoaZj.fAt0B1R"', token: '$9$e6yMWXNds2gJ8X-wsgUD69Cp0IrlM8X-Ct1hSeMWoaZj.fAt0B1R', scope: 'constant.other.secret.junos' },
  { file: `${REAL}/mx-ipsec-services.conf`, line: 'pre-shared-key ascii-text "$9$e6yMWXNds2gJ8X-wsgUD69Cp0IrlM8X-Ct1hSeMWoaZj.fAt0B1R"', token: '"', scope: 'punctuation.definition.string.begin.junos' },
  { file: `${REAL}/mx-ipsec-services.conf`, line: '/* branch offices: IKEv1 main mode, pre-shared key */', token: '/* branch offices: IKEv1 main mode, pre-shared key */', scope: 'comment.block.annotation.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'encrypted-password "$6$Zq7dK1aB$uV0hXv5bq7hR7Dqz3m3Xw0PZ4aQH2k8cB4nP0m1wT6yF9sLr2eC5vG8jN1oU3iK7tA0dS4fH6gJ9lQ2xE5zY."', token: '$6$Zq7dK1aB$uV0hXv5bq7hR7Dqz3m3Xw0PZ4aQH2k8cB4nP0m1wT6yF9sLr2eC5vG8jN1oU3iK7tA0dS4fH6gJ9lQ2xE5zY.', scope: 'constant.other.secret.junos' },
  { file: `${REAL}/mx-pe-core.set`, line: 'tacplus-server 192.0.2.40 secret "$9$VQYoGikPfQnYg.P5FAtBIEcKMY24ZUHM8kP"', token: '$9$VQYoGikPfQnYg.P5FAtBIEcKMY24ZUHM8kP', scope: 'constant.other.secret.junos' },
  { file: `${REAL}/mx-edge.conf`, line: '"<ge-*>" {', token: '<ge-*>', scope: 'constant.other.wildcard.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'area <*> {', token: '<*>', scope: 'constant.other.wildcard.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'inactive: ge-0/0/4 {', token: 'inactive:', scope: 'storage.modifier.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'inactive: ge-0/0/4 {', token: 'ge-0/0/4', scope: 'entity.name.type.interface.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'inactive: neighbor 198.51.100.3;', token: 'inactive:', scope: 'storage.modifier.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'inactive: neighbor 198.51.100.3;', token: 'neighbor', scope: 'keyword.other.statement.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'address 2001:db8:ffff::1/127;', token: '2001:db8:ffff::1/127', scope: 'constant.numeric.ipv6-prefix.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'route-distinguisher 198.51.100.1:120;', token: '198.51.100.1:120', scope: 'variable.other.value.junos', notScope: ['constant.numeric.ipv4-address.junos'] },
  { file: `${REAL}/mx-edge.conf`, line: 'vrf-target target:64500:120;', token: 'target:64500:120', scope: 'variable.other.value.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'apply-groups [ re-common ge-defaults ];', token: 'apply-groups', scope: 'keyword.other.statement.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'apply-groups [ re-common ge-defaults ];', token: '[', scope: 'punctuation.section.brackets.begin.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'apply-groups [ re-common ge-defaults ];', token: 're-common', scope: 'variable.other.value.junos' },
  { file: `${REAL}/mx-edge.conf`, line: 'hold-time up 2000 down 0;', token: 'up', scope: 'variable.other.value.junos', notScope: ['keyword.control.verb.junos'] },
  { file: `${REAL}/mx-edge.conf`, line: 'hold-time up 2000 down 0;', token: '2000', scope: 'constant.numeric.integer.junos' },
  { file: `${REAL}/mx-metro-groups.conf`, line: 'community set METRO;', token: 'set', scope: 'variable.other.value.junos', notScope: ['keyword.control.verb.junos'] },
  { file: `${REAL}/mx-peering.conf`, line: 'apply-path "protocols bgp group <*> neighbor <*>";', token: '"protocols bgp group <*> neighbor <*>"', scope: 'string.quoted.double.junos' },
  { file: `${REAL}/mx-pe-core.set`, line: 'label-switched-path PE2-TO-PE1 to 198.51.100.11', token: 'to', scope: 'variable.other.value.junos', notScope: ['keyword.control.preposition.junos'] },
  { file: `${REAL}/mx-pe-core.set`, line: 'family inet6 address 2001:db8:302::1/64', token: '2001:db8:302::1/64', scope: 'constant.numeric.ipv6-prefix.junos' },
  { file: `${REAL}/mx-pe-core.set`, line: 'deactivate routing-instances WONKA', token: 'deactivate', scope: 'keyword.control.verb.junos' },
  { file: `${REAL}/mx-pe-core.set`, line: 'activate protocols isis interface xe-0/1/1.0', token: 'xe-0/1/1.0', scope: 'entity.name.type.interface.junos' },
  { file: `${REAL}/srx-vpn-hub.set`, line: 'rule-set HUB-OUT to zone untrust', token: 'to', scope: 'variable.other.value.junos', notScope: ['keyword.control.preposition.junos'] },
  { file: `${REAL}/srx-vpn-hub.set`, line: 'interface st0.4', token: 'st0.4', scope: 'entity.name.type.interface.junos' },
  // constructs the files lack
  { file: 'inline:edits', line: '[edit interfaces', token: 'interfaces', scope: 'entity.name.section.path.junos' },
  { file: 'inline:edits', line: 'set ge-0/0/3 disable', token: 'set', scope: 'keyword.control.verb.junos' },
  { file: 'inline:edits', line: 'set ge-0/0/3 disable', token: 'disable', scope: 'variable.other.value.junos', notScope: ['meta.banner.junos'] },
  { file: 'inline:curly', line: 'version 24.4R1;', token: '24.4R1', scope: 'constant.other.version.junos' },
  { file: 'inline:edits', line: 'insert policy ALLOW-WEB before policy', token: 'before', scope: 'keyword.control.preposition.junos' },
  { file: 'inline:edits', line: 'insert policy ALLOW-WEB', token: 'insert', scope: 'keyword.control.verb.junos' },
  { file: 'inline:edits', line: 'rename policy ALLOW-WEB to policy', token: 'to', scope: 'keyword.control.preposition.junos' },
  { file: 'inline:edits', line: 'copy interfaces ge-0/0/1 to ge-0/0/2', token: 'to', scope: 'keyword.control.preposition.junos' },
  { file: 'inline:edits', line: '[edit security policies from-zone trust to-zone untrust]', token: ']', scope: 'punctuation.definition.banner.end.junos' },
  { file: 'inline:edits', line: 'annotate policy DENY-ALL "catch-all, review CHG-1234"', token: '"catch-all, review CHG-1234"', scope: 'string.quoted.double.junos' },
  { file: 'inline:edits', line: 'edit protocols ospf area 0.0.0.0', token: 'edit', scope: 'keyword.control.verb.junos' },
  { file: 'inline:edits', line: 'up 2', token: '2', scope: 'constant.numeric.integer.junos' },
  { file: 'inline:edits', line: 'top', token: 'top', scope: 'keyword.control.verb.junos' },
  { file: 'inline:edits', line: 'exit', token: 'exit', scope: 'keyword.control.verb.junos' },
  { file: 'inline:edits', line: 'set interfaces xe-1/0/0:2 unit 0', token: 'xe-1/0/0:2', scope: 'entity.name.type.interface.junos' },
  { file: 'inline:edits', line: 'address 2001:db8:0:12::1/64', token: '2001:db8:0:12::1/64', scope: 'constant.numeric.ipv6-prefix.junos' },
  { file: 'inline:edits', line: 'message "line one\\nline \\"two', token: '\\"', scope: 'constant.character.escape.junos' },
  { file: 'inline:curly', line: 'protect: login {', token: 'protect:', scope: 'storage.modifier.junos' },
  { file: 'inline:curly', line: 'protect: login {', token: 'login', scope: 'keyword.other.statement.junos' },
  { file: 'inline:curly', line: 'replace: name-server {', token: 'replace:', scope: 'storage.modifier.junos' },
  { file: 'inline:curly', line: '2001:db8::53;', token: '2001:db8::53', scope: 'constant.numeric.ipv6-address.junos' },
  { file: 'inline:curly', line: 'message "unterminated banner text', token: 'unterminated banner text', scope: 'invalid.illegal.unterminated-string.junos' },
  { file: 'inline:curly', line: 'class super-user;', token: 'class', scope: 'keyword.other.statement.junos' },
  { file: 'inline:curly', line: 'interfaces { irb { unit 100', token: 'irb', scope: 'entity.name.type.interface.junos' },
  { file: 'inline:curly', line: 'interfaces { irb { unit 100', token: 'unit', scope: 'keyword.other.statement.junos' },
  { file: 'inline:curly', line: '{ address 192.0.2.1/24; }', token: 'address', scope: 'keyword.other.statement.junos' },
];

/** Scopes whose words are made of several tokens (quotes, markers); all others must be one token. */
const MULTI_TOKEN_SCOPES = ['string', 'comment'];

test('the grammar file is a TextMate grammar for source.junos', async () => {
  const raw = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as { scopeName?: unknown; patterns?: unknown };
  assert.equal(raw.scopeName, 'source.junos');
  assert.ok(Array.isArray(raw.patterns) && raw.patterns.length > 0);
  await grammarReady;
});

for (const c of SCOPE_CASES) {
  test(`${c.file}: ${JSON.stringify(c.token)} in ${JSON.stringify(c.line)} is ${c.scope}`, async () => {
    const lines = await linesOf(c.file);
    const line = lines.find((l) => l.text.includes(c.line));
    assert.ok(line, `no line contains ${JSON.stringify(c.line)}`);
    const inFragment = c.line.indexOf(c.token);
    assert.ok(inFragment >= 0, 'the token must be inside the line fragment');
    const start = line.text.indexOf(c.line) + inFragment;
    const end = start + c.token.length;
    const covering = line.tokens.filter((t) => t.end > start && t.start < end);
    const context = describeTokens(line.tokens);
    assert.ok(covering.length > 0, `nothing covers ${c.token}: ${context}`);
    assert.equal(covering[0]!.start, start, `a token boundary must fall where ${c.token} starts: ${context}`);
    assert.equal(covering[covering.length - 1]!.end, end, `a token boundary must fall where ${c.token} ends: ${context}`);
    for (const t of covering) assert.ok(hasScope(t, c.scope), `${JSON.stringify(t.text)} lacks ${c.scope}: ${context}`);
    if (!MULTI_TOKEN_SCOPES.some((s) => scopeIsUnder(c.scope, s))) {
      assert.equal(covering.length, 1, `${c.token} must be one token: ${context}`);
    }
    for (const forbidden of c.notScope ?? []) {
      for (const t of covering) assert.ok(!hasScope(t, forbidden), `${JSON.stringify(t.text)} must not be ${forbidden}: ${context}`);
    }
  });
}

const VERBS = new Set(['set', 'delete', 'activate', 'deactivate', 'protect', 'unprotect', 'annotate', 'insert', 'rename',
  'copy', 'edit', 'top', 'up', 'exit', 'quit', 'run', 'show']);

for (const file of listConfigFiles()) {
  const relative = path.relative(repoRoot, file);

  test(`${relative}: every line tokenizes whole and ends at the top level`, async () => {
    const lines = await tokenizeFile(relative);
    lines.forEach((line, index) => {
      let at = 0;
      for (const t of line.tokens) {
        assert.equal(t.start, at, `line ${index + 1}: gap or overlap at ${at}`);
        at = t.end;
      }
      assert.equal(at, line.text.length, `line ${index + 1}: tokens stop at ${at} of ${line.text.length}`);
      assert.equal(line.depthAfter, 1, `line ${index + 1} leaves an open region: ${JSON.stringify(line.text)}`);
      for (const t of line.tokens) {
        assert.ok(!hasScope(t, 'invalid'), `line ${index + 1}: ${JSON.stringify(t.text)} is marked invalid`);
        if (t.text.trim() !== '') assert.ok(t.scopes.length > 1, `line ${index + 1}: ${JSON.stringify(t.text)} has no scope`);
      }
    });
  });

  test(`${relative}: strings end at their closing quote`, async () => {
    const lines = await tokenizeFile(relative);
    lines.forEach((line, index) => {
      // join runs of string tokens into the strings they form
      let run = '';
      const runs: string[] = [];
      for (const t of line.tokens) {
        if (hasScope(t, 'string.quoted.double')) {
          if (run !== '' && hasScope(t, 'punctuation.definition.string.begin')) { runs.push(run); run = ''; }
          run += t.text;
        } else if (run !== '') { runs.push(run); run = ''; }
      }
      if (run !== '') runs.push(run);
      for (const text of runs) {
        assert.match(text, /^"(?:[^"\\]|\\.)*"$/, `line ${index + 1}: string ${JSON.stringify(text)} is not one quoted string`);
      }
      // every quote outside comments belongs to a string
      for (const t of line.tokens) {
        if (t.text.includes('"')) {
          assert.ok(hasScope(t, 'string') || hasScope(t, 'comment'), `line ${index + 1}: quote outside a string in ${JSON.stringify(t.text)}`);
        }
      }
    });
  });

  test(`${relative}: set-form verbs are verbs only at the start of a line`, async () => {
    const lines = await tokenizeFile(relative);
    lines.forEach((line, index) => {
      for (const t of line.tokens) {
        if (hasScope(t, 'keyword.control.verb')) {
          assert.equal(t.start, 0, `line ${index + 1}: verb ${JSON.stringify(t.text)} not at the line start`);
          assert.ok(VERBS.has(t.text), `line ${index + 1}: ${JSON.stringify(t.text)} is not a verb`);
        } else if (VERBS.has(t.text)) {
          assert.ok(t.start > 0 || /^\s/.test(line.text), `line ${index + 1}: ${t.text} at the line start is not a verb`);
        }
      }
      const first = /^(\S+)/.exec(line.text)?.[1];
      if (first !== undefined && VERBS.has(first)) {
        assert.ok(hasScope(line.tokens[0]!, 'keyword.control.verb'), `line ${index + 1}: ${first} at column 0 must be a verb`);
      }
    });
  });
}

test('any line, however malformed, tokenizes whole and strings stay on their line', async () => {
  const grammar = await grammarReady;
  const junosChar = fc.constantFrom(...'abgez019-/.:$<>*"\\#{}[]; \t'.split(''));
  const junosLine = fc.array(junosChar, { maxLength: 200 }).map((chars) => chars.join(''));
  fc.assert(
    fc.property(fc.array(junosLine, { minLength: 1, maxLength: 6 }), (lines) => {
      let state = vsctm.INITIAL;
      for (const line of lines) {
        const result = grammar.tokenizeLine(line, state);
        if (result.stoppedEarly) return false;
        const last = result.tokens[result.tokens.length - 1];
        if (line.length > 0 && (last === undefined || Math.min(last.endIndex, line.length) !== line.length)) return false;
        state = result.ruleStack;
        // only an annotation (`/* ...`) may stay open past the end of a line
        if (state.depth > 1 && !line.includes('/*')) return false;
        if (state.depth > 1) state = vsctm.INITIAL;
      }
      return true;
    }),
    { numRuns: 400, seed: 7 },
  );
});

test('the bundled files include both forms and the seed', () => {
  const files = listConfigFiles().map((f) => path.relative(repoRoot, f));
  assert.ok(files.some((f) => f.endsWith('.set')) && files.some((f) => f.endsWith('.conf')));
  assert.ok(files.includes(path.join('examples', 'seed-as-published', 'r3.conf')));
});
