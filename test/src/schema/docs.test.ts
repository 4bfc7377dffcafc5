/**
 * Tests for server/src/schema/docs: every documented path is a real Junos statement in Juniper's
 * 24.4R1 YANG, every statement under `services ipsec-vpn` and `services service-set ...
 * ipsec-vpn-options` (and the other hand-documented hierarchies) has a document, summaries are one
 * sentence, no text is copied from the YANG descriptions, and no example holds a plain-text secret.
 * The YANG is read with a minimal parser below (statements, `grouping`/`uses`, `choice`/`case`), so the
 * test does not depend on the schema generator.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  statementDoc,
  documentedPaths,
  anywhereDocPaths,
  type StatementDoc,
} from '../../../server/src/schema/docs/index';
import { loadSchema, lookupPath, type SchemaNode } from '../../../server/src/schema/index';

const repoRoot = path.resolve(__dirname, '../../../..');
const yangRoot = process.env['JUNOS_YANG_DIR'] ?? path.resolve(repoRoot, '..', 'shared', 'yang', 'junos-24.4R1');
const haveYang = fs.existsSync(yangRoot);
const skipReason = haveYang ? false : `Juniper YANG not found at ${yangRoot} (set JUNOS_YANG_DIR)`;

// ---------------------------------------------------------------- minimal YANG reader

interface YangStatement {
  readonly keyword: string;
  readonly argument: string | undefined;
  readonly children: readonly YangStatement[];
}

function tokenize(src: string): (string | { quoted: string })[] {
  const tokens: (string | { quoted: string })[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') { const end = src.indexOf('*/', i + 2); i = end < 0 ? src.length : end + 2; continue; }
    if (c === '{' || c === '}' || c === ';') { tokens.push(c); i++; continue; }
    if (c === '"') {
      let text = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') { text += src[i + 1] ?? ''; i += 2; } else text += src[i++];
      }
      i++;
      tokens.push({ quoted: text });
      continue;
    }
    if (c === "'") { const end = src.indexOf("'", i + 1); tokens.push({ quoted: src.slice(i + 1, end) }); i = end + 1; continue; }
    let j = i;
    while (j < src.length && !/[\s{};]/.test(src[j]!)) j++;
    tokens.push(src.slice(i, j));
    i = j;
  }
  return tokens;
}

function parseYang(src: string): YangStatement[] {
  const tokens = tokenize(src);
  let p = 0;
  const text = (t: string | { quoted: string } | undefined): string => (t === undefined ? '' : typeof t === 'string' ? t : t.quoted);
  function block(): YangStatement[] {
    const out: YangStatement[] = [];
    while (p < tokens.length && tokens[p] !== '}') {
      const keyword = text(tokens[p++]);
      let argument: string | undefined;
      if (tokens[p] !== ';' && tokens[p] !== '{') {
        argument = text(tokens[p++]);
        while (tokens[p] === '+') { p++; argument += text(tokens[p++]); }
      }
      let children: YangStatement[] = [];
      if (tokens[p] === '{') { p++; children = block(); p++; } else p++;
      out.push({ keyword, argument, children });
    }
    return out;
  }
  return block();
}

interface RealStatement { readonly description: string | undefined }

/** statement paths (list keys removed, `interfaces interface` folded) of one module's configuration tree */
function statementsOf(relativeFile: string): Map<string, RealStatement> {
  const module = parseYang(fs.readFileSync(path.join(yangRoot, relativeFile), 'utf8'))[0];
  assert.ok(module, `no module in ${relativeFile}`);
  const groupings = new Map<string, YangStatement>();
  const collect = (list: readonly YangStatement[]): void => {
    for (const s of list) {
      if (s.keyword === 'grouping' && s.argument) groupings.set(s.argument, s);
      collect(s.children);
    }
  };
  collect(module.children);
  const found = new Map<string, RealStatement>();
  const walk = (list: readonly YangStatement[], at: readonly string[], listKeys: ReadonlySet<string>): void => {
    for (const s of list) {
      if (s.keyword === 'uses') {
        const g = groupings.get((s.argument ?? '').replace(/^.*:/, ''));
        assert.ok(g, `${relativeFile}: unknown grouping ${s.argument}`);
        walk(g.children, at, listKeys);
      } else if (s.keyword === 'choice' || s.keyword === 'case') {
        walk(s.children, at, listKeys);
      } else if (['container', 'list', 'leaf', 'leaf-list'].includes(s.keyword) && s.argument) {
        if (s.keyword === 'leaf' && listKeys.has(s.argument)) continue;
        const here = at.length === 1 && at[0] === 'interfaces' && s.argument === 'interface' ? at : [...at, s.argument];
        if (here !== at) {
          const description = s.children.find((c) => c.keyword === 'description')?.argument;
          found.set(here.join(' '), { description });
        }
        const keys = s.keyword === 'list' ? new Set((s.children.find((c) => c.keyword === 'key')?.argument ?? '').split(/\s+/)) : new Set<string>();
        walk(s.children, here, keys);
      }
    }
  };
  for (const s of module.children) {
    if (s.keyword === 'augment' && s.argument === '/jc:configuration') walk(s.children, [], new Set());
  }
  return found;
}

const real = new Map<string, RealStatement>();
if (haveYang) {
  for (const file of [
    'junos/conf/junos-conf-services@2024-01-01.yang',
    'junos/conf/junos-conf-interfaces@2024-01-01.yang',
    'junos/conf/junos-conf-protocols@2024-01-01.yang',
    'junos/conf/junos-conf-routing-options@2024-01-01.yang',
    'junos-es/conf/junos-es-conf-security@2024-01-01.yang',
    'junos/conf/junos-conf-security@2024-01-01.yang',
  ]) {
    for (const [k, v] of statementsOf(file)) real.set(k, v);
  }
}

const under = (prefix: string): string[] => [...real.keys()].filter((p) => p === prefix || p.startsWith(`${prefix} `));

function undocumented(prefix: string): string[] {
  return under(prefix).filter((p) => statementDoc(p.split(' ')) === undefined);
}

const allDocs = (): [string, StatementDoc][] => [
  ...documentedPaths().map((p): [string, StatementDoc] => [p, statementDoc(p.split(' '))!]),
  ...anywhereDocPaths().map((p): [string, StatementDoc] => [p, statementDoc(['services', 'ipsec-vpn', ...p.split(' ')])!]),
];

// ---------------------------------------------------------------- tests

test('the YANG reader finds the statements the seed example uses', { skip: skipReason }, () => {
  for (const p of [
    'services ipsec-vpn rule term then remote-gateway',
    'services ipsec-vpn ike policy pre-shared-key ascii-text',
    'services service-set next-hop-service inside-service-interface',
    'services service-set ipsec-vpn-options local-gateway',
    'interfaces unit family inet address',
    'interfaces services-options syslog host contents info',
    'protocols ospf area interface',
    'routing-options router-id',
    'security ike gateway external-interface',
  ]) assert.ok(real.has(p), `YANG reader lost ${p}`);
  assert.ok(!real.has('services ipsec-vpn rule name'), 'list key leaves must not count as statements');
  assert.ok(!real.has('services ipsec-vpn ike policy pre-shared'), 'the seed\'s `pre-shared` level does not exist in 24.4');
});

test('every documented path is a real statement in the YANG', { skip: skipReason }, () => {
  const bogus = documentedPaths().filter((p) => !real.has(p));
  assert.deepEqual(bogus, [], `documented paths that are not Junos statements:\n  ${bogus.join('\n  ')}`);
  const realSuffixes = [...real.keys()];
  for (const generic of anywhereDocPaths()) {
    assert.ok(realSuffixes.some((p) => p.endsWith(` ${generic}`)), `generic doc ${generic} matches no statement`);
  }
});

test('every statement under services ipsec-vpn is documented', { skip: skipReason }, () => {
  const all = under('services ipsec-vpn');
  assert.ok(all.length > 150, `expected the whole ipsec-vpn tree, got ${all.length} statements`);
  const missing = undocumented('services ipsec-vpn');
  assert.deepEqual(missing, [], `undocumented (${missing.length}/${all.length}):\n  ${missing.join('\n  ')}`);
});

test('every statement under services service-set ipsec-vpn-options is documented', { skip: skipReason }, () => {
  const missing = undocumented('services service-set ipsec-vpn-options');
  assert.deepEqual(missing, [], `undocumented:\n  ${missing.join('\n  ')}`);
});

test('every statement under services service-set, security ike and security ipsec is documented', { skip: skipReason }, () => {
  for (const prefix of ['services service-set', 'security ike', 'security ipsec']) {
    const missing = undocumented(prefix);
    assert.deepEqual(missing, [], `${prefix}: undocumented (${missing.length}/${under(prefix).length}):\n  ${missing.join('\n  ')}`);
  }
});

test('the interface, OSPF and routing-options statements of the seed are documented', () => {
  for (const p of [
    'interfaces', 'interfaces description', 'interfaces unit', 'interfaces unit family', 'interfaces unit family inet',
    'interfaces unit family inet address', 'interfaces services-options', 'interfaces services-options syslog',
    'interfaces services-options syslog host', 'interfaces services-options syslog host contents',
    'interfaces services-options syslog host contents info', 'interfaces unit service-domain',
    'interfaces unit family inet service input service-set', 'protocols ospf', 'protocols ospf area',
    'protocols ospf area interface', 'routing-options router-id',
  ]) assert.ok(statementDoc(p.split(' ')), `no doc for ${p}`);
});

test('lookup normalises groups, the YANG interface list and apply-* statements; unknown paths give undefined', () => {
  const remote = statementDoc(['services', 'ipsec-vpn', 'rule', 'term', 'then', 'remote-gateway']);
  assert.ok(remote);
  assert.equal(statementDoc(['groups', 'services', 'ipsec-vpn', 'rule', 'term', 'then', 'remote-gateway']), remote);
  assert.equal(statementDoc(['interfaces', 'interface', 'unit', 'family', 'inet', 'address']), statementDoc(['interfaces', 'unit', 'family', 'inet', 'address']));
  assert.ok(statementDoc(['interfaces', 'unit', 'family', 'inet', 'address']));
  const applyGroups = statementDoc(['security', 'ike', 'gateway', 'apply-groups']);
  assert.ok(applyGroups);
  assert.equal(statementDoc(['services', 'service-set', 'apply-groups']), applyGroups);
  assert.ok(statementDoc(['services', 'ipsec-vpn', 'rule', 'apply-macro', 'data', 'value']));
  assert.equal(statementDoc(['services', 'ipsec-vpn', 'rule', 'term', 'then', 'no-such-thing']), undefined);
  assert.equal(statementDoc([]), undefined);
  assert.equal(statementDoc(['services', 'ipsec-vpn', 'ike', 'policy', 'pre-shared']), undefined);
});

test('summaries are one sentence and bodies are present', () => {
  const bad: string[] = [];
  for (const [p, doc] of allDocs()) {
    const s = doc.summary;
    const oneSentence = /^[A-Z`].*[.]$/s.test(s) && !s.includes('\n') && !/[.!?]\s+[A-Z]/.test(s.slice(0, -1)) && s.length <= 200;
    if (!oneSentence) bad.push(`${p}: ${JSON.stringify(s)}`);
    if (doc.body.trim().length === 0) bad.push(`${p}: empty body`);
    if (doc.default !== undefined && doc.default.trim() === '') bad.push(`${p}: empty default`);
  }
  assert.deepEqual(bad, []);
});

test('examples are balanced curly snippets and seeAlso entries resolve', () => {
  const bad: string[] = [];
  for (const [p, doc] of allDocs()) {
    if (doc.example !== undefined) {
      const opens = (doc.example.match(/{/g) ?? []).length;
      const closes = (doc.example.match(/}/g) ?? []).length;
      if (opens !== closes) bad.push(`${p}: unbalanced braces in example`);
      if (/^\s*set\s/m.test(doc.example)) bad.push(`${p}: example in set form`);
    }
    for (const other of doc.seeAlso ?? []) {
      if (!statementDoc(other.split(' '))) bad.push(`${p}: seeAlso ${other} has no doc`);
    }
  }
  assert.deepEqual(bad, []);
});

test('no document contains a plain-text secret', () => {
  const bad: string[] = [];
  const secretValue = /\b(ascii-text|hexadecimal|password|authentication-key|config-payload-password)\s+("[^"]*"|[^\s;`]+)(;?)([^\n]*)/g;
  for (const [p, doc] of allDocs()) {
    for (const text of [doc.summary, doc.body, doc.default ?? '', doc.example ?? '']) {
      for (const m of text.matchAll(secretValue)) {
        const value = m[2]!.replace(/^"|"$/g, '');
        const isPlaceholder = value.startsWith('$9$');
        const isProse = m[3] === '' && !value.includes('"') && /^[a-z(`]/.test(m[2]!) && !/\d/.test(value);
        if (!isPlaceholder && !isProse) bad.push(`${p}: ${m[0]}`);
        if (isPlaceholder && m[3] === ';' && !m[4]!.includes('## SECRET-DATA')) bad.push(`${p}: secret without ## SECRET-DATA: ${m[0]}`);
      }
      if (/keyfordemo|\$ABC123/.test(text)) bad.push(`${p}: contains the seed's key`);
    }
  }
  assert.deepEqual(bad, []);
});

test('no summary or body reuses Juniper\'s YANG description text', { skip: skipReason }, () => {
  const copied: string[] = [];
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  for (const p of documentedPaths()) {
    const description = real.get(p)?.description;
    if (!description) continue;
    const doc = statementDoc(p.split(' '))!;
    const d = norm(description);
    if (norm(doc.summary) === d) copied.push(`${p}: summary equals the YANG description`);
    if (d.split(' ').length >= 5 && norm(doc.body).includes(d)) copied.push(`${p}: body contains the YANG description`);
  }
  assert.deepEqual(copied, []);
});

test('documents state the IPsec defaults the engine applies', () => {
  const text = (p: string): string => {
    const doc = statementDoc(p.split(' '));
    assert.ok(doc, p);
    return `${doc.default ?? ''} ${doc.body}`;
  };
  assert.match(text('services ipsec-vpn ike proposal lifetime-seconds'), /3600/);
  assert.match(text('services ipsec-vpn ipsec proposal lifetime-seconds'), /28800/);
  assert.match(text('services ipsec-vpn ike policy mode'), /main/);
  assert.match(text('services ipsec-vpn ike policy version'), /\b1\b/);
  assert.match(text('services ipsec-vpn rule term then anti-replay-window-size'), /64 on AS PICs, 128 on MultiServices/);
  assert.match(text('services ipsec-vpn rule term then tunnel-mtu'), /1500/);
  assert.match(text('services ipsec-vpn rule term then dead-peer-detection interval'), /10 seconds/);
  assert.match(text('services ipsec-vpn rule term then dead-peer-detection threshold'), /\b3\b/);
  assert.match(text('services ipsec-vpn'), /ESP, HMAC-SHA1-96 and 3DES-CBC/);
  assert.match(text('services ipsec-vpn rule match-direction'), /ACX/);
});

// ---------------------------------------------------------------- against the generated schema hover uses

function schemaNodeAt(root: SchemaNode, words: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const w of words) node = node?.child(w);
  return node;
}

test('the generated schema (mx and srx) agrees: documented paths exist, IPsec hierarchies fully covered', () => {
  const schemas = (['mx', 'srx'] as const).map((platform) => ({ platform, schema: loadSchema(platform) }));
  const inSomeSchema = (key: string): boolean => {
    const words = key.split(' ');
    const asWritten = words[0] === 'interfaces' ? ['interfaces', 'interface', ...words.slice(1)] : words;
    return schemas.some(({ schema }) => schemaNodeAt(schema.root, asWritten) !== undefined || schemaNodeAt(schema.root, words) !== undefined);
  };
  const unknown = documentedPaths().filter((p) => !inSomeSchema(p));
  assert.deepEqual(unknown, [], `documented paths the generated schema does not know:\n  ${unknown.join('\n  ')}`);

  for (const { platform, schema } of schemas) {
    for (const prefix of [['services', 'ipsec-vpn'], ['services', 'service-set'], ['security', 'ike'], ['security', 'ipsec']]) {
      const start = schemaNodeAt(schema.root, prefix);
      assert.ok(start, `${platform}: schema has no ${prefix.join(' ')}`);
      const missing: string[] = [];
      // shared subtrees are shared objects, so walk by path (not by node identity); YANG has no cycles
      const walk = (node: SchemaNode, at: readonly string[]): void => {
        assert.ok(at.length < 40, `${platform}: schema path too deep at ${at.join(' ')}`);
        for (const child of node.children()) {
          const here = [...at, child.name];
          if (!statementDoc(here)) missing.push(here.join(' '));
          walk(child, here);
        }
      };
      walk(start, prefix);
      assert.deepEqual(missing, [], `${platform} ${prefix.join(' ')}: undocumented:\n  ${missing.join('\n  ')}`);
    }
    // hover passes the schema's own path; the YANG list name `interface` is part of it
    assert.ok(statementDoc(['interfaces', 'interface', 'unit', 'family', 'inet', 'address']));
    assert.ok(schemaNodeAt(schema.root, ['interfaces', 'interface', 'unit', 'service-domain']), `${platform}: no service-domain`);
  }
});

test('every statement of the corrected example (set form) has a doc at every level of its path', () => {
  const schema = loadSchema('mx');
  const dir = path.join(repoRoot, 'examples', 'ike-dynamic-sa-set');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.set'));
  assert.ok(files.length >= 4, `expected the four routers in ${dir}`);
  const words = (line: string): string[] => [...line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  const documented = new Set(['interfaces', 'protocols', 'routing-options', 'services', 'security']);
  const missing = new Set<string>();
  let checked = 0;
  for (const file of files) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line.startsWith('set ')) continue;
      const command = words(line).slice(1);
      if (!documented.has(command[0] ?? '')) continue;
      const walked = lookupPath(schema, command);
      assert.ok(walked.ok, `${file}: schema rejects: ${line}`);
      for (let i = 1; i <= walked.schemaPath.length; i++) {
        const prefix = walked.schemaPath.slice(0, i);
        checked++;
        if (!statementDoc(prefix)) missing.add(prefix.join(' '));
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} statement levels checked`);
  assert.deepEqual([...missing], [], `statements of the example without a doc:\n  ${[...missing].join('\n  ')}`);
});
