/** analysis/references.ts: the reference index and undefined / unused / unapplied names. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, edit, findings, marked, position, R2_CURLY, R2_SET, ready } from './support/check';

before(ready);

test('undefined-reference: names the kind, the closest existing name, and carries create-definition data (both forms)', () => {
  for (const text of [edit(R2_SET, 'dynamic ipsec-policy ipsec-demo-policy', 'dynamic ipsec-policy ipsec-demo-polici'), edit(R2_CURLY, 'ipsec-policy ipsec-demo-policy;', 'ipsec-policy ipsec-demo-polici;')]) {
    const [d] = findings(text, 'undefined-reference');
    assert.equal(text.slice(d!.start, d!.end), 'ipsec-demo-polici');
    assert.match(d!.message, /an IPsec policy.*closest configured one is 'ipsec-demo-policy'/);
    assert.deepEqual(d!.data, { kind: 'create-definition', path: ['services', 'ipsec-vpn', 'ipsec', 'policy'], name: 'ipsec-demo-polici' });
    // the definition it was probably meant for is not also reported as unused
    assert.deepEqual(findings(text, 'unused-definition'), []);
  }
});

test('undefined-reference: a service set naming a services-interface unit that does not exist', () => {
  const text = edit(R2_SET, 'outside-service-interface ms-1/2/0.2', 'outside-service-interface ms-1/2/0.7');
  assert.deepEqual(marked(text, 'undefined-reference'), ['ms-1/2/0.7']);
});

test('undefined-interface: OSPF on an interface unit that is not configured (warning)', () => {
  const text = edit(R2_SET, 'area 0.0.0.0 interface ms-1/2/0.1', 'area 0.0.0.0 interface ge-0/0/9.0');
  const [d] = findings(text, 'undefined-interface');
  assert.equal(text.slice(d!.start, d!.end), 'ge-0/0/9.0');
  assert.equal(d!.severity, 'warning');
  // a name without a unit means unit 0
  assert.deepEqual(findings(edit(R2_SET, 'area 0.0.0.0 interface ge-0/0/1.0', 'area 0.0.0.0 interface ge-0/0/1'), 'undefined-interface'), []);
});

test('unused-definition: a hint tagged unnecessary, only for kinds where it means something', () => {
  const text = edit(R2_CURLY, '            proposal ipsec-demo-proposal {', '            proposal spare-proposal {\n                protocol esp;\n            }\n            proposal ipsec-demo-proposal {');
  const [d] = findings(text, 'unused-definition');
  assert.equal(text.slice(d!.start, d!.end), 'spare-proposal');
  assert.equal(d!.severity, 'hint');
  assert.deepEqual(d!.tags, ['unnecessary']);
  // an interface nobody names is not "unused"
  assert.deepEqual(findings(edit(R2_CURLY, 'interfaces {', 'interfaces {\n    ge-0/0/5 {\n        unit 0;\n    }'), 'unused-definition'), []);
});

test('unapplied-rule: an IPsec rule no service set uses (warning)', () => {
  const text = edit(R2_CURLY, '        ipsec-vpn-rules rule-ike;\n', '');
  assert.deepEqual(marked(text, 'unapplied-rule'), ['rule-ike']);
  assert.equal(findings(text, 'unapplied-rule')[0]!.severity, 'warning');
});

test('the index answers definition, references and rename spans from either end', () => {
  const text = R2_CURLY;
  const { references } = analyzeText('r2.conf', text);
  const useAt = text.indexOf('ike-policy ike-demo-policy') + 'ike-policy '.length + 3;
  const def = references.definitionAt('r2.conf', useAt)!;
  assert.equal(def.kind, 'services ipsec-vpn ike policy');
  assert.equal(def.name, 'ike-demo-policy');
  assert.equal(position(text, def.nameWords[0]!.source.start), '50:20');
  assert.equal(references.definitionAt('r2.conf', def.nameWords[0]!.source.start), def);
  assert.deepEqual(references.referencesOf(def).map((u) => position(text, u.word.source.start)), ['38:36']);
  assert.deepEqual(references.renameSpans(def).map((s) => text.slice(s.start, s.end)), ['ike-demo-policy', 'ike-demo-policy']);
  assert.equal(references.usesOf('services ipsec-vpn ike policy', 'ike-demo-policy').length, 1);
  assert.equal(references.definitionAt('r2.conf', text.indexOf('remote-gateway')), undefined);
});

test('apply-groups names link to their groups in the index', () => {
  const text = 'groups {\n    common {\n        routing-options {\n            router-id 10.0.0.2;\n        }\n    }\n    other {\n        system {\n            host-name r2;\n        }\n    }\n}\napply-groups [ common other ];\n';
  const { references, diagnostics } = analyzeText('g.conf', text);
  assert.deepEqual(diagnostics, []);
  const def = references.definitionAt('g.conf', text.indexOf('[ common') + 3)!;
  assert.equal(def.kind, 'groups');
  assert.equal(position(text, def.nameWords[0]!.source.start), '2:5');
  assert.equal(references.definitionAt('g.conf', text.indexOf('other ]'))!.name, 'other');
});

test('a file without [edit interfaces] says nothing about interfaces (a partial configuration)', () => {
  assert.deepEqual(findings('set protocols ospf area 0.0.0.0 interface ge-0/0/9.0\n', 'undefined-interface'), []);
});
