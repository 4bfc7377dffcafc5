/**
 * Code lenses on the bundled R2 (both forms) and fixtures: "Simulate tunnel" on dynamic and manual rules
 * and the service sets applying them (directly or through a rule-set), none on rules without an SA, and
 * "N references" counts on definitions.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/src/analysis/index';
import { codeLenses } from '../../../server/src/ide/code-lens';
import { parseText } from '../../../server/src/syntax/parser';
import { exampleText, schemaFor, setup } from './check';

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
