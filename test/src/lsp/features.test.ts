/**
 * test/lsp/features.test.ts: the syntax-only editor features (ide/) on realistic Junos in both forms,
 * parsed by the real grammar; protocol.test.ts checks the same features' wiring through the server.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { documentOutline, type OutlineSymbol } from '../../../server/src/ide/document-symbols';
import { foldingRegions } from '../../../server/src/ide/folding-ranges';
import { formatJunos } from '../../../server/src/ide/formatting';
import { selectionChain } from '../../../server/src/ide/selection-ranges';
import { semanticTokens } from '../../../server/src/ide/semantic-tokens';
import { styleForCapture, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../../server/src/ide/token-legend';
import { MirrorNode, mirrorTree } from '../../../server/src/ide/tree-mirror';
import type { SyntaxNodeLike } from '../../../server/src/model/source';
import { LineIndex } from '../../../server/src/text/line-index';
import { initSyntax, parseText } from '../../../server/src/syntax/parser';

const ROOT = path.resolve(__dirname, '../../../..');
const example = (rel: string): string => fs.readFileSync(path.join(ROOT, 'examples', rel), 'utf8');
/** the plain copy the server's features walk (the first test checks it against the raw tree) */
const parse = (text: string) => mirrorTree(parseText(text));

before(() => initSyntax());
const lineOf = (text: string, needle: string, from = 0): number => {
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => i >= from && l === needle);
  assert.ok(at >= 0, `fixture has the line ${JSON.stringify(needle)}`);
  return at;
};

/** Kind, span, MISSING/ERROR status and field children of every node, in order. */
function shape(node: SyntaxNodeLike & { hasError?: boolean }): unknown {
  const fields = ['modifier', 'body', 'verb'].map((f) => {
    const c = node.childForFieldName(f);
    return c ? [f, c.startIndex, c.type] : null;
  });
  return [node.type, node.startIndex, node.endIndex, node.isMissing, node.hasError, fields, node.children.map((c) => shape(c!))];
}

test('the plain tree copy has exactly the nodes, spans, fields and error flags of the parse tree', () => {
  const texts = [
    ...['ike-dynamic-sa/r2.conf', 'ike-dynamic-sa-set/r2.set', 'seed-as-published/r3.conf', 'seed-as-published/r2-step-by-step.set'].map(example),
    'inactive: system {\n    host-name R2\n}}\nset interfaces "unterminated\n[edit\n',
    '',
  ];
  for (const text of texts) {
    const tree = parseText(text);
    const copy = mirrorTree(tree);
    assert.ok(copy instanceof MirrorNode);
    assert.deepEqual(shape(copy), shape(tree.rootNode));
    tree.delete();
  }
});

/** Texts whose leaves do not all fit the number a parent packs a leaf into (long tokens, a leaf millions of
 *  characters after its parent's start) and nodes with many children (every child kept as an object). */
function unusualTexts(): string[] {
  const wide = (n: number): string => `interfaces {\n${Array.from({ length: n }, (_, i) => `    ge-0/0/${i} { unit 0; } # c${i}\n`).join('')}}\n`;
  return [
    `system {\n    host-name "${'x'.repeat(5000)}";\n    /* ${'c'.repeat(5000)} */\n    location ok;\n}\n`,
    `system {\n    description "${'y'.repeat(4_300_000)}" tail-word;\n    host-name r1;\n}\n`,
    // a MISSING `;` (flags in the packed number's lowest bits) millions of characters after its statement's start
    `system {\n    description "${'y'.repeat(4_300_000)}" tail-word\n}\n`,
    wide(20),
    wide(70),
    `set ${Array.from({ length: 80 }, (_, i) => `w${i}`).join(' ')}\nset system host-name "${'z'.repeat(4100)}"\n`,
    `set system ${'q'.repeat(4095)} ${'r'.repeat(4096)} ${'s'.repeat(4097)}\n`,
  ];
}

test('the plain tree copy equals the parse tree where leaves do not fit a packed number and nodes have many children', () => {
  for (const text of unusualTexts()) {
    const tree = parseText(text);
    const copy = mirrorTree(tree);
    assert.deepEqual(shape(copy), shape(tree.rootNode));
    tree.delete();
  }
});

test('folding: every block folds from its statement to the line before its closing brace', () => {
  const text = example('ike-dynamic-sa/r2.conf');
  const regions = foldingRegions(text, parse(text), new LineIndex(text));
  const services = lineOf(text, 'services {');
  const servicesEnd = lineOf(text, '}', services);
  assert.ok(regions.some((r) => r.startLine === services && r.endLine === servicesEnd - 1 && r.kind === 'region'));
  const policy = lineOf(text, '            policy ike-demo-policy {');
  assert.ok(regions.some((r) => r.startLine === policy && r.endLine === policy + 2), 'a 2-statement block folds its two lines');
  const blocks = text.split('\n').filter((l) => l.trimEnd().endsWith('{')).length;
  assert.equal(regions.length, blocks, 'one region per block, nothing else in this file');
});

test('folding: comment runs, multi-line annotations, [edit] sections and set lines sharing a first word', () => {
  const text = [
    '# R2 edge router',
    '# maintained by the network team',
    '# change ticket 4711',
    'system {',
    '    /* the name we',
    '       show in prompts */',
    '    host-name R2;',
    '}',
    'set interfaces ge-0/0/0 unit 0 family inet address 10.1.12.1/30',
    'set interfaces ge-0/0/1 unit 0 family inet address 10.1.15.1/30',
    'set interfaces lo0 unit 0 family inet address 10.0.0.2/32',
    'set routing-options router-id 10.0.0.2',
    '[edit protocols]',
    'set ospf area 0.0.0.0 interface ge-0/0/0.0',
    'set ospf area 0.0.0.0 interface lo0.0',
    '[edit routing-options]',
    'set router-id 10.0.0.2',
  ].join('\n');
  const regions = foldingRegions(text, parse(text), new LineIndex(text));
  assert.deepEqual(regions, [
    { startLine: 0, endLine: 2, kind: 'comment' },
    { startLine: 3, endLine: 6, kind: 'region' },
    { startLine: 4, endLine: 5, kind: 'comment' },
    { startLine: 8, endLine: 10, kind: 'region' },
    { startLine: 12, endLine: 14, kind: 'region' },
    { startLine: 13, endLine: 14, kind: 'region' },
    { startLine: 15, endLine: 16, kind: 'region' },
  ]);
});

test('folding: the step-by-step seed folds each [edit] section up to the next banner', () => {
  const text = example('seed-as-published/r2-step-by-step.set');
  const regions = foldingRegions(text, parse(text), new LineIndex(text));
  const banners = text.split('\n').flatMap((l, i) => (l.startsWith('[edit') ? [i] : []));
  for (const [k, line] of banners.entries()) {
    const next = banners[k + 1];
    const region = regions.find((r) => r.startLine === line);
    assert.ok(region, `banner on line ${line} folds`);
    if (next !== undefined) assert.ok(region.endLine < next && region.endLine >= next - 2, `section ${line} ends before ${next}`);
  }
});

function names(symbols: readonly OutlineSymbol[]): string[] {
  return symbols.map((s) => s.name);
}

function find(symbols: readonly OutlineSymbol[], ...path: string[]): OutlineSymbol {
  let list = symbols;
  let found: OutlineSymbol | undefined;
  for (const name of path) {
    found = list.find((s) => s.name === name);
    assert.ok(found, `outline has ${path.join(' > ')} (missing ${name}; have ${names(list).join(', ')})`);
    list = found.children;
  }
  return found!;
}

test('symbols: curly statements are named by their words and nest like the hierarchy; secrets are masked', () => {
  const text = example('ike-dynamic-sa/r2.conf');
  const outline = documentOutline(text, parse(text));
  assert.deepEqual(names(outline).slice(0, 3), ['version 24.4R1.9', 'system', 'services']);
  const unit = find(outline, 'interfaces', 'ge-0/0/0', 'unit 0');
  assert.equal(unit.kind, 'container');
  assert.equal(text.slice(unit.selectionStart, unit.selectionEnd), 'unit 0');
  const policy = find(outline, 'services', 'ipsec-vpn', 'ike', 'policy ike-demo-policy');
  assert.deepEqual(names(policy.children), ['proposals ike-demo-proposal', 'pre-shared-key ascii-text "$9$********"']);
  assert.equal(JSON.stringify(outline).includes('Ap0I01'), false, 'the encrypted key never shows');
});

test('symbols: set commands are grouped by their first two path words, banners included', () => {
  const text = example('seed-as-published/r2-step-by-step.set');
  const outline = documentOutline(text, parse(text));
  const interfaces = find(outline, 'interfaces');
  assert.equal(interfaces.kind, 'command-group');
  assert.deepEqual(names(find(outline, 'interfaces', 'ge-0/0/0').children), ['description "to R1 ge-0/0/0"', 'unit 0 family inet address 10.1.12.1/30']);
  const ike = find(outline, 'services', 'ipsec-vpn');
  assert.ok(ike.children.some((c) => c.name === 'ike proposal ike-demo-proposal authentication-method pre-shared-keys'));
  assert.ok(ike.children.some((c) => c.name === 'ike policy ike-demo-policy pre-shared pre-shared-key ascii-text ********'));
  for (const symbol of walk(outline)) {
    assert.ok(symbol.start <= symbol.selectionStart && symbol.selectionEnd <= symbol.end, `selection inside range for ${symbol.name}`);
  }
});

function* walk(symbols: readonly OutlineSymbol[]): Generator<OutlineSymbol> {
  for (const s of symbols) {
    yield s;
    yield* walk(s.children);
  }
}

test('selection: word -> statement -> block -> enclosing statements -> document', () => {
  const text = example('ike-dynamic-sa/r2.conf');
  const at = text.indexOf('proposals ike-demo-proposal;') + 'proposals ike-'.length;
  const chain = selectionChain(parse(text), at).map((s) => text.slice(s.start, s.end));
  assert.equal(chain[0], 'ike-demo-proposal');
  assert.equal(chain[1], 'proposals ike-demo-proposal;');
  assert.ok(chain[2]!.startsWith('{') && chain[2]!.endsWith('}'));
  assert.ok(chain[3]!.startsWith('policy ike-demo-policy {'));
  assert.equal(chain[chain.length - 1], text);
  for (let i = 1; i < chain.length; i++) assert.ok(chain[i]!.length > chain[i - 1]!.length && chain[i]!.includes(chain[i - 1]!));
});

const reparse = (text: string) => parse(text);

function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

test('formatting: re-indents curly text the way show prints it, one statement a line, comments kept', () => {
  const messy = [
    '',
    '  system {   host-name R2;',
    '  # management',
    '        services { ssh; }',
    '}',
    'interfaces{',
    'ge-0/0/0   {  unit 0 { family inet { address   10.1.12.1/30; } } }',
    '',
    '',
    '    lo0 { unit 0 { family inet { address 10.0.0.2/32; } } } # loopback',
    '}',
    'policy-options { prefix-list mgmt [ 10.0.0.0/8    192.168.0.0/16 ]; }',
  ].join('\n');
  const outcome = formatJunos(messy, parse(messy), { reparse });
  assert.ok(outcome.ok);
  const formatted = applyEdits(messy, outcome.edits);
  assert.equal(
    formatted,
    [
      'system {',
      '    host-name R2;',
      '    # management',
      '    services {',
      '        ssh;',
      '    }',
      '}',
      'interfaces {',
      '    ge-0/0/0 {',
      '        unit 0 {',
      '            family inet {',
      '                address 10.1.12.1/30;',
      '            }',
      '        }',
      '    }',
      '',
      '    lo0 {',
      '        unit 0 {',
      '            family inet {',
      '                address 10.0.0.2/32;',
      '            }',
      '        }',
      '    } # loopback',
      '}',
      'policy-options {',
      '    prefix-list mgmt [ 10.0.0.0/8 192.168.0.0/16 ];',
      '}',
      '',
    ].join('\n'),
  );
  const again = formatJunos(formatted, parse(formatted), { reparse });
  assert.deepEqual(again, { ok: true, edits: [] }, 'formatting is idempotent');
});

test('formatting: set lines get single spaces and no indentation; range formatting touches only its lines', () => {
  const text = '  set system   host-name R2\n[edit  interfaces]\n    set ge-0/0/0 unit 0   family inet\n   set lo0 unit 0\n';
  const whole = formatJunos(text, parse(text), { reparse });
  assert.ok(whole.ok);
  assert.equal(applyEdits(text, whole.edits), 'set system host-name R2\n[edit interfaces]\nset ge-0/0/0 unit 0 family inet\nset lo0 unit 0\n');
  const thirdLine = text.indexOf('    set ge-0/0/0');
  const partial = formatJunos(text, parse(text), { reparse, range: { start: thirdLine, end: thirdLine + 10 } });
  assert.ok(partial.ok);
  assert.equal(applyEdits(text, partial.edits), '  set system   host-name R2\n[edit  interfaces]\nset ge-0/0/0 unit 0   family inet\n   set lo0 unit 0\n');
});

test('formatting: refuses when re-parsing the result would not give the same words', () => {
  const text = 'system {\n  host-name R2;\n}\n';
  // a parser that sees one more word after formatting stands for any layout change that moves words
  const lying = (t: string) => parse(t.replace('host-name R2;', 'host-name R2 R3;'));
  const outcome = formatJunos(text, parse(text), { reparse: lying });
  assert.equal(outcome.ok, false);
});

test('formatting: every bundled example is already canonical or becomes canonical in one pass', () => {
  for (const folder of ['ike-dynamic-sa', 'ike-dynamic-sa-set', 'seed-as-published']) {
    for (const file of fs.readdirSync(path.join(ROOT, 'examples', folder)).filter((f) => !f.endsWith('.md'))) {
      const text = example(`${folder}/${file}`);
      const tree = parseText(text);
      const first = formatJunos(text, tree.rootNode, { reparse });
      if (tree.rootNode.hasError) {
        // the seed as published leaves blocks unclosed (its README, defect 5): formatting must not guess
        assert.deepEqual(first, { ok: false, reason: 'the document has syntax errors; fix them before formatting' });
        continue;
      }
      assert.ok(first.ok, `${folder}/${file} formats`);
      const once = applyEdits(text, first.edits);
      assert.deepEqual(formatJunos(once, parse(once), { reparse }), { ok: true, edits: [] }, `${folder}/${file} is idempotent`);
      if (folder === 'ike-dynamic-sa') assert.equal(first.edits.length, 0, `${file} is printed as show prints it`);
    }
  }
});

test('semantic tokens: captures map through the legend; overlaps resolve; multi-line tokens split per line', () => {
  const text = 'system {\n    host-name R2; /* two\nlines */\n}\n';
  const lines = new LineIndex(text);
  const word = (w: string, name: string) => ({ name, start: text.indexOf(w), end: text.indexOf(w) + w.length });
  const tokens = semanticTokens(
    [
      word('system', 'keyword'),
      word('host-name', 'property'),
      word('host-name', 'keyword'), // same span, later capture wins
      word('R2', 'string.special'),
      word('{', 'punctuation.bracket'),
      word('/* two\nlines */', 'comment'),
      word('two', 'keyword'), // inside the comment: dropped
    ],
    lines,
  );
  const kw = TOKEN_TYPES.indexOf('keyword');
  assert.deepEqual(tokens, [
    { line: 0, character: 0, length: 6, typeIndex: kw, modifierBits: 0 },
    { line: 1, character: 4, length: 9, typeIndex: kw, modifierBits: 0 },
    { line: 1, character: 14, length: 2, typeIndex: TOKEN_TYPES.indexOf('string'), modifierBits: 1 << TOKEN_MODIFIERS.indexOf('readonly') },
    { line: 1, character: 18, length: 6, typeIndex: TOKEN_TYPES.indexOf('comment'), modifierBits: 0 },
    { line: 2, character: 0, length: 8, typeIndex: TOKEN_TYPES.indexOf('comment'), modifierBits: 0 },
  ]);
  assert.equal(styleForCapture('@variable.parameter.builtin')?.typeIndex, TOKEN_TYPES.indexOf('parameter'));
  assert.equal(styleForCapture('no.such.capture'), null);
});

test('formatting: any re-spacing of the canonical examples (indentation, spaces and tabs between words) is undone exactly', () => {
  const canonical = [
    ...fs.readdirSync(path.join(ROOT, 'examples', 'ike-dynamic-sa')).filter((f) => f.endsWith('.conf')).map((f) => example(`ike-dynamic-sa/${f}`)),
    ...fs.readdirSync(path.join(ROOT, 'examples', 'ike-dynamic-sa-set')).filter((f) => f.endsWith('.set')).map((f) => example(`ike-dynamic-sa-set/${f}`)),
  ];
  const blank = fc.constantFrom(' ', '  ', '\t', ' \t ', '    ');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: canonical.length - 1 }), fc.array(fc.tuple(fc.nat(12), blank), { minLength: 40, maxLength: 40 }), (which, noise) => {
      const text = canonical[which]!;
      // re-indent every line and re-space the gaps between words outside quotes and comments
      const respaced = text
        .split('\n')
        .map((line, i) => {
          const [indent, gap] = noise[i % noise.length]!;
          const hash = line.search(/#(?=(?:[^"]*"[^"]*")*[^"]*$)/);
          const code = (hash < 0 ? line : line.slice(0, hash)).trim();
          const comment = hash < 0 ? '' : line.slice(hash);
          const words = code === '' ? [] : code.split(/ (?=(?:[^"]*"[^"]*")*[^"]*$)/);
          return ' '.repeat(indent) + [...(words.length > 0 ? [words.join(gap)] : []), ...(comment ? [comment] : [])].join(gap);
        })
        .join('\n');
      const outcome = formatJunos(respaced, parse(respaced), { reparse });
      assert.ok(outcome.ok);
      assert.equal(applyEdits(respaced, outcome.edits), text);
    }),
    { numRuns: 60 },
  );
});

test('formatting: CRLF line ends are kept, a missing final newline is added, trailing comments stay put', () => {
  const text = 'system {\r\n  host-name R2; # lab\r\n    /* login banner */\r\n  login {\r\n  message "hi";}\r\n}';
  const outcome = formatJunos(text, parse(text), { reparse });
  assert.ok(outcome.ok);
  assert.equal(
    applyEdits(text, outcome.edits),
    'system {\r\n    host-name R2; # lab\r\n    /* login banner */\r\n    login {\r\n        message "hi";\r\n    }\r\n}\r\n',
  );
});

test('on arbitrary text (broken braces, stray quotes, mixed forms) every feature answers and never throws', () => {
  const piece = fc.constantFrom(
    'system', '{', '}', ';', '[', ']', '"', '"quoted text"', 'set', 'delete', 'inactive:', '[edit interfaces]', '# note',
    '/* a\nb */', '/*', 'ge-0/0/0', 'unit', '0', '10.1.12.1/30', '$9$Ap0I01heK8X', '\n', '\n', ' ', '\t', '\r\n', 'é', '🙂',
  );
  let reformatted = 0;
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), fc.nat(400), (pieces, at) => {
      const text = pieces.join(' ');
      const root = parse(text);
      const lines = new LineIndex(text);
      for (const r of foldingRegions(text, root, lines)) assert.ok(r.startLine < r.endLine && r.endLine < lines.lineCount);
      for (const s of walk(documentOutline(text, root))) {
        assert.ok(s.start <= s.selectionStart && s.selectionEnd <= s.end);
        assert.equal(/\$9\$A/.test(s.name), false);
      }
      const chain = selectionChain(root, Math.min(at, text.length));
      assert.ok(chain.length > 0);
      const outcome = formatJunos(text, root, { reparse });
      if (outcome.ok) {
        if (outcome.edits.length > 0) reformatted++;
        const once = applyEdits(text, outcome.edits);
        assert.equal(once.replace(/\s+/g, ''), text.replace(/\s+/g, ''));
        assert.deepEqual(formatJunos(once, parse(once), { reparse }), { ok: true, edits: [] });
      }
    }),
    { numRuns: 300 },
  );
  assert.ok(reformatted >= 10, `the formatter changed ${reformatted} of the generated texts (too few to mean anything)`);
});
