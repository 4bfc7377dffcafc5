/**
 * test/ide/semantic-tokens.test.ts: the schema layer of semantic tokens (ide/schema-tokens.ts) on the
 *   bundled seed (as published, with its defects), its corrected version and realistic fixtures, in both
 *   forms: the class of chosen words, and the token type and modifiers they end up with once merged with
 *   the grammar's highlight captures (ide/semantic-tokens.ts); the legend against the client's scope map.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeDocument } from '../../../server/src/analysis/index';
import type { Platform } from '../../../server/src/analysis/platform';
import { Highlighter } from '../../../server/src/ide/highlight-query';
import { classifyWords, type WordClass } from '../../../server/src/ide/schema-tokens';
import { semanticTokens } from '../../../server/src/ide/semantic-tokens';
import { CLASS_STYLES, TOKEN_MODIFIERS, TOKEN_TYPES, usedSelectors } from '../../../server/src/ide/token-legend';
import { parseText, syntaxLanguage } from '../../../server/src/syntax/parser';
import { LineIndex } from '../../../server/src/text/line-index';
import { exampleText, repoRoot, schemaFor, setup } from './check';

before(setup);

interface Classified {
  /** the schema class of the word starting at `offset`, undefined when the schema layer leaves it to the grammar */
  cls(offset: number): WordClass | undefined;
  /** the final token at `offset`: type name and modifier names */
  token(offset: number): { type: string; modifiers: string[] } | undefined;
  text: string;
}

function classify(text: string, platform: Platform = 'ms-pic', docId = 'r2.conf'): Classified {
  const schema = schemaFor(platform);
  const tree = parseText(text);
  try {
    const analysis = analyzeDocument({ id: docId, text, tree }, { platform }, schema);
    const words = classifyWords({ model: analysis.model, references: analysis.references, schema, docId });
    const lines = new LineIndex(text);
    const tokens = semanticTokens(Highlighter.load(syntaxLanguage()).captures(tree.rootNode), lines, undefined, words);
    return {
      text,
      cls: (offset) => words.find((w) => w.start === offset)?.cls,
      token: (offset) => {
        const p = lines.positionAt(offset);
        const t = tokens.find((k) => k.line === p.line && k.character === p.character);
        if (!t) return undefined;
        return { type: TOKEN_TYPES[t.typeIndex]!, modifiers: TOKEN_MODIFIERS.filter((_, i) => (t.modifierBits & (1 << i)) !== 0) };
      },
    };
  } finally {
    tree.delete();
  }
}

/** The offset of `word` on the `nth` (0-based) line holding `line`. */
function at(text: string, line: string, word: string, nth = 0): number {
  let from = 0;
  let lineStart = -1;
  for (let i = 0; i <= nth; i++) {
    const hit = text.indexOf(line, from);
    assert.ok(hit >= 0, `line '${line}' #${i} occurs`);
    lineStart = text.lastIndexOf('\n', hit) + 1;
    from = hit + line.length;
  }
  const lineEnd = text.indexOf('\n', lineStart);
  const inLine = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).indexOf(word);
  assert.ok(inLine >= 0, `'${word}' is on the line '${line}'`);
  return lineStart + inLine;
}

function expect(c: Classified, line: string, word: string, cls: WordClass | undefined, type: string, modifiers: string[] = [], nth = 0): void {
  const offset = at(c.text, line, word, nth);
  assert.equal(c.cls(offset), cls, `class of '${word}' in '${line}'`);
  assert.deepEqual(c.token(offset), { type, modifiers }, `token of '${word}' in '${line}'`);
}

test('seed R2 as published (curly): definition vs reference, enum, secret, interface, prefix, unknown-free words', () => {
  const c = classify(exampleText('seed-as-published/r2.conf'));
  expect(c, 'proposal ike-demo-proposal {', 'ike-demo-proposal', 'definition', 'variable', ['declaration']);
  // the published defect: the policy names a proposal that does not exist; still a reference
  expect(c, 'proposals demo-proposal;', 'demo-proposal', 'reference', 'variable');
  expect(c, 'ike-policy ike-demo-policy;', 'ike-demo-policy', 'reference', 'variable');
  expect(c, 'policy ike-demo-policy {', 'ike-demo-policy', 'definition', 'variable', ['declaration']);
  expect(c, 'encryption-algorithm 3des-cbc;', '3des-cbc', 'enum', 'enumMember');
  expect(c, 'encryption-algorithm 3des-cbc;', 'encryption-algorithm', 'keyword', 'keyword');
  expect(c, 'dh-group group2;', 'group2', 'enum', 'enumMember');
  expect(c, 'pre-shared-key ascii-text', '"$ABC123"', 'secret', 'string', ['readonly']);
  expect(c, 'ge-0/0/0 {', 'ge-0/0/0', 'interface-definition', 'type', ['declaration']);
  expect(c, 'address 10.1.12.1/30;', '10.1.12.1/30', 'address', 'number');
  expect(c, 'router-id 10.0.0.2;', '10.0.0.2', 'address', 'number');
  expect(c, 'unit 0 {', '0', 'number', 'number');
  expect(c, 'description "To R1 ge-0/0/0";', '"To R1 ge-0/0/0"', 'string', 'string');
  // a rule named by a service set: defined, and referenced
  expect(c, 'rule rule-ike {', 'rule-ike', 'definition', 'variable', ['declaration']);
  // an unreferenced term name: no class, the grammar's identifier style
  expect(c, 'term term-ike {', 'term-ike', undefined, 'variable');
});

test('corrected R2 (curly): the reference resolves; an OSPF interface is an interface reference; a $9$ key is a secret', () => {
  const c = classify(exampleText('ike-dynamic-sa/r2.conf'));
  expect(c, 'proposals ike-demo-proposal;', 'ike-demo-proposal', 'reference', 'variable');
  expect(c, 'interface ms-1/2/0.1;', 'ms-1/2/0.1', 'interface-reference', 'type');
  expect(c, 'inside-service-interface ms-1/2/0.1;', 'ms-1/2/0.1', 'interface-reference', 'type');
  expect(c, 'ipsec-vpn-rules rule-ike;', 'rule-ike', 'reference', 'variable');
  const key = at(c.text, 'pre-shared-key ascii-text', '"$9$');
  assert.equal(c.cls(key), 'secret');
  assert.deepEqual(c.token(key), { type: 'string', modifiers: ['readonly'] });
});

test('seed R2 as published (set): definitions, enums and an unknown statement left to the grammar', () => {
  const c = classify(exampleText('seed-as-published/r2.set'), 'ms-pic', 'r2.set');
  expect(c, 'ike proposal ike-demo-proposal dh-group group2', 'ike-demo-proposal', 'definition', 'variable', ['declaration']);
  expect(c, 'ike proposal ike-demo-proposal dh-group group2', 'group2', 'enum', 'enumMember');
  expect(c, 'ike proposal ike-demo-proposal dh-group group2', 'proposal', 'keyword', 'keyword');
  // `set` is the grammar's verb
  expect(c, 'ike proposal ike-demo-proposal dh-group group2', 'set', undefined, 'keyword');
  expect(c, 'encryption-algorithm 3des-cbc', '3des-cbc', 'enum', 'enumMember');
  // `pre-shared` is not a statement of an IKE policy (the published defect): it and the words after it
  // keep the grammar's identifier style, neither keyword nor reference
  expect(c, 'ike-demo-policy pre-shared proposals demo-proposal', 'pre-shared', undefined, 'variable');
  expect(c, 'ike-demo-policy pre-shared proposals demo-proposal', 'proposals', undefined, 'variable');
  expect(c, 'ike-demo-policy pre-shared proposals demo-proposal', 'demo-proposal', undefined, 'variable');
  expect(c, 'set interfaces ge-0/0/0 unit 0 family inet address 10.1.12.1/30', '10.1.12.1/30', 'address', 'number');
  expect(c, 'set interfaces ge-0/0/0 unit 0 family inet address 10.1.12.1/30', 'ge-0/0/0', 'interface-definition', 'type', ['declaration']);
  expect(c, 'ipsec-vpn-rules rule-ike', 'rule-ike', 'reference', 'variable');
});

test('an unknown statement in curly form keeps the grammar style of a statement name', () => {
  const text = [
    'services {',
    '    ipsec-vpn {',
    '        ike {',
    '            proposal ike-aes {',
    '                authentication-method pre-shared-keys;',
    '                lifetime-second 3600;',
    '            }',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');
  const c = classify(text);
  expect(c, 'lifetime-second 3600;', 'lifetime-second', undefined, 'property');
  expect(c, 'authentication-method pre-shared-keys;', 'authentication-method', 'keyword', 'keyword');
  expect(c, 'authentication-method pre-shared-keys;', 'pre-shared-keys', 'enum', 'enumMember');
});

test('documented references: prefix lists, filters and policy statements (curly and set forms)', () => {
  for (const file of ['mx-border.conf', 'mx-border.set']) {
    const text = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'references', file), 'utf8');
    const c = classify(text, 'ms-pic', file);
    const set = file.endsWith('.set');
    expect(c, set ? 'set policy-options prefix-list BOGONS ' : 'prefix-list BOGONS {', 'BOGONS', 'definition', 'variable', ['declaration']);
    expect(c, set ? 'from prefix-list BOGONS' : 'prefix-list BOGONS;', 'BOGONS', 'reference', 'variable');
    expect(c, set ? 'filter input EDGE-IN' : 'input EDGE-IN;', 'EDGE-IN', 'reference', 'variable');
    expect(c, set ? 'firewall family inet filter EDGE-IN ' : 'filter EDGE-IN {', 'EDGE-IN', 'definition', 'variable', ['declaration']);
    expect(c, set ? 'address 2001:db8:100::2/126' : 'address 2001:db8:100::2/126;', '2001:db8:100::2/126', 'address', 'number');
  }
});

test('SRX hub (set form): IKE proposal definition and its reference, the $9$ key, an interface value', () => {
  const text = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'realworld', 'srx-vpn-hub.set'), 'utf8');
  const c = classify(text, 'srx', 'srx-vpn-hub.set');
  expect(c, 'set security ike proposal IKE-AES256-SHA384 dh-group group20', 'IKE-AES256-SHA384', 'definition', 'variable', ['declaration']);
  expect(c, 'set security ike proposal IKE-AES256-SHA384 dh-group group20', 'group20', 'enum', 'enumMember');
  expect(c, 'set security ike policy IKE-AMS proposals IKE-AES256-SHA384', 'IKE-AES256-SHA384', 'reference', 'variable');
  expect(c, 'set security ike gateway GW-AMS ike-policy IKE-AMS', 'IKE-AMS', 'reference', 'variable');
  expect(c, 'set security ike policy IKE-AMS pre-shared-key ascii-text', '"$9$', 'secret', 'string', ['readonly']);
  expect(c, 'set security ike proposal IKE-AES256-SHA384 lifetime-seconds 86400', '86400', 'number', 'number');
});

test('the legend: every class has a style in the legend, and the client maps every selector the server sends', () => {
  for (const [cls, style] of Object.entries(CLASS_STYLES)) {
    assert.ok(TOKEN_TYPES.includes(style.type as (typeof TOKEN_TYPES)[number]), `${cls}: ${style.type} is in the legend`);
    for (const m of style.modifiers ?? []) assert.ok(TOKEN_MODIFIERS.includes(m), `${cls}: ${m} is in the legend`);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { semanticTokenScopes: { language: string; scopes: Record<string, string[]> }[]; semanticTokenTypes?: unknown; semanticTokenModifiers?: unknown };
  };
  // only standard types and modifiers: nothing to declare in semanticTokenTypes / semanticTokenModifiers
  assert.equal(pkg.contributes.semanticTokenTypes, undefined);
  assert.equal(pkg.contributes.semanticTokenModifiers, undefined);
  const scopes = pkg.contributes.semanticTokenScopes.find((s) => s.language === 'junos')!.scopes;
  for (const selector of Object.keys(scopes)) {
    const [type, modifier] = selector.split('.');
    assert.ok(TOKEN_TYPES.includes(type as (typeof TOKEN_TYPES)[number]), `${selector}: a legend type`);
    if (modifier) assert.ok(TOKEN_MODIFIERS.includes(modifier as (typeof TOKEN_MODIFIERS)[number]), `${selector}: a legend modifier`);
  }
  const query = fs.readFileSync(path.join(repoRoot, 'tree-sitter-junos', 'queries', 'highlights.scm'), 'utf8');
  const captureNames = [...new Set([...query.replace(/;.*$/gm, '').matchAll(/@([\w.]+)/g)].map((m) => m[1]!))];
  assert.ok(captureNames.includes('string.special') && captureNames.includes('property'), `captures read from the query: ${captureNames.join(' ')}`);
  for (const selector of usedSelectors(captureNames)) {
    assert.ok(scopes[selector], `package.json maps '${selector}' to a TextMate scope`);
  }
});
