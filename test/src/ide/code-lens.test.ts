/**
 * Code lenses on the bundled R2 (both forms) and fixtures: "Simulate tunnel" on dynamic and manual rules
 * and the service sets applying them (directly or through a rule-set), none on rules without an SA, and
 * "N references" counts on definitions; the lens list resolved lens by lens equals the one-pass computation
 * (code-lens-reference.ts) on randomly edited generated configurations.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/src/analysis/index';
import { codeLenses, codeLensList, resolveReferenceLens } from '../../../server/src/ide/code-lens';
import { parseText } from '../../../server/src/syntax/parser';
import { generateLargeConfig, prng } from '../fixtures/large-config';
import { exampleText, schemaFor, setup } from './check';
import { computeLenses } from './code-lens-reference';

before(() => setup());

function lensLines(text: string, docId: string): string[] {
  const analysis = analyzeDocument({ id: docId, text, tree: parseText(text) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
  return codeLenses(analysis, docId).map((l) => `${text.slice(l.start, l.end)} | ${l.title}`);
}

const R2 = exampleText('ike-dynamic-sa/r2.conf');

test('R2: simulate the rule and the service set; reference counts on each definition, in both forms', () => {
  const expected = [
    'service-set demo-service-set | Simulate tunnel',
    'service-set demo-service-set | 0 references',
    'rule rule-ike | Simulate tunnel',
    'rule rule-ike | 1 reference',
    'proposal ipsec-demo-proposal | 1 reference',
    'policy ipsec-demo-policy | 1 reference',
    'proposal ike-demo-proposal | 1 reference',
    'policy ike-demo-policy | 1 reference',
  ];
  assert.deepEqual(lensLines(R2, 'r2.conf'), expected);
  assert.deepEqual(lensLines(exampleText('ike-dynamic-sa-set/r2.set'), 'r2.set'), expected);
});

test('command arguments name the rule, the service set, and the reference locations', () => {
  const analysis = analyzeDocument({ id: 'r2.conf', text: R2, tree: parseText(R2) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
  const lenses = codeLenses(analysis, 'r2.conf');
  assert.deepEqual(lenses.filter((l) => l.command.name === 'junos.simulateTunnel').map((l) => l.command.args), [
    { docId: 'r2.conf', serviceSet: 'demo-service-set' },
    { docId: 'r2.conf', rule: 'rule-ike' },
  ]);
  const ikePolicy = lenses.find((l) => R2.slice(l.start, l.end) === 'policy ike-demo-policy')!;
  assert.equal(ikePolicy.command.name, 'junos.showReferences');
  if (ikePolicy.command.name !== 'junos.showReferences') return;
  assert.equal(R2.slice(ikePolicy.command.args.offset).slice(0, 15), 'ike-demo-policy');
  assert.deepEqual(ikePolicy.command.args.locations.map((s) => R2.slice(s.start - 'ike-policy '.length, s.end)), ['ike-policy ike-demo-policy']);
});

test('manual SAs and rule-sets count; a rule without dynamic/manual gets no simulate lens', () => {
  const text = R2.replace(
    '            match-direction input;\n        }\n',
    '            match-direction input;\n        }\n' +
      '        rule rule-manual {\n            term t1 {\n                then {\n                    remote-gateway 10.1.15.2;\n                    manual {\n                        direction bidirectional {\n                            protocol esp;\n                            spi 16000;\n                        }\n                    }\n                }\n            }\n            match-direction input;\n        }\n' +
      '        rule rule-plain {\n            term t1 {\n                then {\n                    remote-gateway 10.1.15.2;\n                }\n            }\n            match-direction input;\n        }\n' +
      '        rule-set manual-set {\n            rule rule-manual;\n        }\n',
  ).replace('    ipsec-vpn {\n', '    service-set manual-service-set {\n        interface-service {\n            service-interface ms-1/2/0.0;\n        }\n        ipsec-vpn-rule-sets manual-set;\n    }\n    ipsec-vpn {\n');
  const simulate = lensLines(text, 'r2.conf').filter((l) => l.endsWith('Simulate tunnel'));
  assert.deepEqual(simulate, [
    'service-set demo-service-set | Simulate tunnel',
    'service-set manual-service-set | Simulate tunnel',
    'rule rule-ike | Simulate tunnel',
    'rule rule-manual | Simulate tunnel',
  ]);
  assert.ok(lensLines(text, 'r2.conf').includes('rule-set manual-set | 1 reference'));
});

test('prefix lists, policy statements and filters count the places their name is written', () => {
  const text = R2.replace(
    'routing-options {\n',
    'policy-options {\n    prefix-list mgmt {\n        10.0.0.0/8;\n    }\n    prefix-list unused-list {\n        192.0.2.0/24;\n    }\n    policy-statement export-mgmt {\n        from {\n            prefix-list mgmt;\n        }\n        then accept;\n    }\n}\n' +
      'firewall {\n    family inet {\n        filter protect-re {\n            term t1 {\n                from {\n                    source-prefix-list {\n                        mgmt;\n                    }\n                }\n                then accept;\n            }\n        }\n    }\n}\nrouting-options {\n',
  ).replace('                address 10.0.0.2/32;\n', '                address 10.0.0.2/32;\n            }\n            filter {\n                input protect-re;\n');
  const lines = lensLines(text, 'r2.conf').filter((l) => !/ipsec|ike|rule|service-set/.test(l));
  assert.deepEqual(lines, ['prefix-list mgmt | 2 references', 'prefix-list unused-list | 0 references', 'policy-statement export-mgmt | 0 references', 'filter protect-re | 1 reference']);
});

/** A generated configuration with random edits: lines dropped, and lines copied with one word replaced by
 *  a defined name (uses the index links, words in statements it does not know, names in keys). */
function editedConfig(form: 'curly' | 'set', seed: number): string {
  const random = prng(seed);
  const lines = generateLargeConfig({ lines: 1200, form, seed }).split('\n');
  const names = [...new Set(lines.flatMap((l) => [...l.matchAll(/(?:prefix-list|policy-statement|filter|rule|rule-set|policy|proposal|service-set) ([A-Za-z][\w-]*)/g)].map((m) => m[1]!)))];
  for (let i = 0; i < 60; i++) {
    const at = Math.floor(random() * lines.length);
    const line = lines[at]!;
    if (form === 'curly' && !line.endsWith(';')) continue; // blocks stay balanced
    if (random() < 0.3) {
      lines.splice(at, 1);
      continue;
    }
    const words = line.split(' ');
    const w = 1 + Math.floor(random() * Math.max(1, words.length - 1));
    if (w < words.length && !/[{};]/.test(words[w]!)) words[w] = names[Math.floor(random() * names.length)] ?? 'X';
    lines.splice(at + 1, 0, words.join(' '));
  }
  if (form === 'set') lines.push('set groups G1 policy-options prefix-list GROUP-LIST 10.9.0.0/16', 'set apply-groups G1', `set logical-systems LS1 policy-options policy-statement LP from prefix-list ${names[0] ?? 'X'}`);
  return lines.join('\n');
}

test('the list with each lens resolved equals the one-pass computation, on edited generated configurations', () => {
  for (const form of ['set', 'curly'] as const) {
    for (let seed = 1; seed <= 4; seed++) {
      const text = editedConfig(form, seed);
      const docId = `gen-${seed}.${form === 'set' ? 'set' : 'conf'}`;
      const analysis = analyzeDocument({ id: docId, text, tree: parseText(text) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
      const expected = computeLenses(analysis, docId);
      assert.ok(expected.length > 20, `${form} ${seed}: lenses to compare`);
      assert.deepEqual(codeLenses(analysis, docId), expected, `${form} seed ${seed}`);
      // each resolve alone (in a shuffled order, on a fresh analysis) gives the same lens
      const again = analyzeDocument({ id: docId, text, tree: parseText(text) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
      const listed = codeLensList(again, docId);
      assert.equal(listed.length, expected.length);
      const random = prng(seed);
      const order = listed.map((_, i) => i).sort(() => random() - 0.5);
      for (const i of order) {
        const entry = listed[i]!;
        const lens = entry.kind === 'complete' ? entry.lens : resolveReferenceLens(again, docId, entry.nameStart);
        assert.deepEqual(lens, expected[i], `${form} seed ${seed} lens ${i}`);
      }
    }
  }
});

test('resolving at an offset where no lens is gives nothing', () => {
  const analysis = analyzeDocument({ id: 'r2.conf', text: R2, tree: parseText(R2) }, { platform: 'ms-pic' }, schemaFor('ms-pic'));
  const names = new Set(codeLensList(analysis, 'r2.conf').flatMap((l) => (l.kind === 'references' ? [l.nameStart] : [])));
  for (const offset of [-1, 0, 1, R2.length, R2.length + 10, 0.5, NaN]) {
    if (!names.has(offset)) assert.equal(resolveReferenceLens(analysis, 'r2.conf', offset), undefined);
  }
  const first = [...names][0]!;
  assert.equal(resolveReferenceLens(analysis, 'other.conf', first), undefined, 'another document');
});
