/**
 * Value comparison (two `$9$` encodings of one key are equal) and secrets kept out of problem messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameValue, sameValues } from '../../../server/src/model/index';
import { modelOf } from './support/fixture';

// two encodings of the same key, with different salts, and one of another key
const KEY_A1 = '$9$QzF3n9pIRSrvL/Crv8Lbw4aZUjq9CuhSe';
const KEY_A2 = '$9$B1IESeLX-VYocyVY4oiHP5QFnCSyK7-w';

function policyKey(text: string): ReturnType<ReturnType<typeof modelOf>['find']> {
  return modelOf(text).find(['services', 'ipsec-vpn', 'ike', 'policy', 'p', 'pre-shared-key', 'ascii-text']);
}

test('the same pre-shared key in two $9$ encodings compares equal; another key does not', () => {
  const a = policyKey(`set services ipsec-vpn ike policy p pre-shared-key ascii-text "${KEY_A1}"\n`)!;
  const b = policyKey(`services { ipsec-vpn { ike { policy p { pre-shared-key ascii-text "${KEY_A2}"; } } } }`)!;
  const other = policyKey('set services ipsec-vpn ike policy p pre-shared-key ascii-text "$9$B1IESeLX-VYocyVY4oiHP5QFnCSyK7-x"\n')!;
  assert.notEqual(a.values[0]!.text, b.values[0]!.text);
  assert.equal(sameValue(a.values[0]!, b.values[0]!), true);
  assert.equal(sameValues(a.values, b.values), true);
  assert.equal(sameValue(a.values[0]!, other.values[0]!), false);
});

test('plain words compare by their unquoted text', () => {
  const m = modelOf('interfaces { ge-0/0/0 { description "core"; } ge-0/0/1 { description core; } ge-0/0/2 { description Core; } }');
  const d = (i: string) => m.find(['interfaces', i, 'description'])!.values[0]!;
  assert.equal(sameValue(d('ge-0/0/0'), d('ge-0/0/1')), true);
  assert.equal(sameValue(d('ge-0/0/1'), d('ge-0/0/2')), false);
});

test('problem messages never quote a secret from the source', () => {
  const text = `delete services ipsec-vpn ike policy p pre-shared-key ascii-text "${KEY_A1}"\nset routing-options ascii-text keyfordemo\n`;
  const m = modelOf(text);
  assert.equal(m.problems.length, 2);
  for (const p of m.problems) {
    const all = JSON.stringify(p);
    assert.ok(!all.includes(KEY_A1.slice(3)), all);
    assert.ok(!all.includes('keyfordemo'), all);
  }
});
