/** analysis/conflicts.ts: duplicated blocks, conflicting and repeated values, schema constraints. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { edit, findings, marked, position, R2_CURLY, R2_SET, ready } from './support/check';

before(ready);

test('duplicate-definition: a list entry written twice in the hierarchical form', () => {
  const text = edit(R2_CURLY, '    service-set demo-service-set {', '    service-set demo-service-set {\n        ipsec-vpn-rules rule-ike;\n    }\n    service-set demo-service-set {');
  const [d] = findings(text, 'duplicate-definition');
  assert.equal(text.slice(d!.start, d!.end), 'service-set demo-service-set');
  assert.equal(d!.related.length, 1);
  // the identical leaf inside the repeated block is part of this finding, not a finding of its own
  assert.deepEqual(findings(text, 'duplicate-statement'), []);
});

test('conflicting-value: the later value is marked, the earlier one is related', () => {
  const text = edit(R2_CURLY, '            local-gateway 10.1.15.1;', '            local-gateway 10.1.15.1;\n            local-gateway 10.1.15.5;');
  const [d] = findings(text, 'conflicting-value');
  assert.equal(text.slice(d!.start, d!.end), '10.1.15.5');
  assert.equal(text.slice(d!.related[0]!.start, d!.related[0]!.end), '10.1.15.1');
  // a later `set` changing a value is an ordinary edit in the set form
  assert.deepEqual(findings(`${R2_SET}set services service-set demo-service-set ipsec-vpn-options local-gateway 10.1.15.1\n`, 'conflicting-value'), []);
});

test('conflicting-value never quotes a secret', () => {
  const text = edit(R2_CURLY, '                pre-shared-key ascii-text "$9$Hk5FCtO1hr/Au1RESeK"; ## SECRET-DATA', '                pre-shared-key ascii-text "$9$Hk5FCtO1hr/Au1RESeK";\n                pre-shared-key ascii-text "another-key-entirely";');
  const [d] = findings(text, 'conflicting-value');
  assert.ok(d);
  assert.ok(!d.message.includes('another-key') && !d.message.includes('$9$'), d.message);
});

test('duplicate-statement: the same value given twice (warning with a remove fix)', () => {
  const text = edit(R2_CURLY, '            match-direction input;', '            match-direction input;\n            match-direction input;');
  const [d] = findings(text, 'duplicate-statement');
  assert.equal(position(text, d!.start), '44:13');
  assert.equal(d!.severity, 'warning');
  assert.equal(d!.data?.kind, 'remove');
});

test('mutually-exclusive: no-anti-replay with anti-replay-window-size', () => {
  const then = '                    remote-gateway 10.1.15.2;';
  const text = edit(R2_CURLY, then, `${then}\n                    no-anti-replay;\n                    anti-replay-window-size 1024;`);
  assert.deepEqual(marked(text, 'mutually-exclusive'), ['anti-replay-window-size']);
  assert.equal(text.slice(findings(text, 'mutually-exclusive')[0]!.related[0]!.start).slice(0, 14), 'no-anti-replay');
});

test('missing-companion: a referenced IKE policy with neither a pre-shared key nor a certificate (both forms)', () => {
  const curly = edit(R2_CURLY, '                pre-shared-key ascii-text "$9$Hk5FCtO1hr/Au1RESeK"; ## SECRET-DATA\n', '');
  const set = edit(R2_SET, 'set services ipsec-vpn ike policy ike-demo-policy pre-shared-key ascii-text "$9$Hk5FCtO1hr/Au1RESeK"\n', '');
  for (const text of [curly, set]) {
    const [d] = findings(text, 'missing-companion');
    assert.equal(text.slice(d!.start, d!.end), 'ike-demo-policy');
    assert.match(d!.message, /pre-shared-key.*local-certificate/);
  }
});
