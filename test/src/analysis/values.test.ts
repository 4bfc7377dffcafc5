/** analysis/values.ts: values and keys checked against their types, with the allowed range or values named. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { edit, findings, marked, R2_CURLY, R2_SET, ready } from './support/check';

before(ready);

const THEN = '                    remote-gateway 10.1.15.2;';

test('invalid-number', () => {
  const text = edit(R2_CURLY, THEN, `${THEN}\n                    anti-replay-window-size big;`);
  assert.deepEqual(marked(text, 'invalid-number'), ['big']);
  assert.match(findings(text, 'invalid-number')[0]!.message, /64\.\.4096/);
});

test('out-of-range: window, tunnel MTU, lifetime and SPI limits, in both forms', () => {
  const set = edit(
    R2_SET,
    'set services ipsec-vpn rule rule-ike match-direction input',
    [
      'set services ipsec-vpn rule rule-ike match-direction input',
      'set services ipsec-vpn rule rule-ike term term-ike then anti-replay-window-size 5000',
      'set services ipsec-vpn rule rule-ike term term-ike then tunnel-mtu 100',
      'set services ipsec-vpn ipsec proposal ipsec-demo-proposal lifetime-seconds 100',
      'set services ipsec-vpn rule rule-ike term term-ike then anti-replay-window-size 64',
    ].join('\n'),
  );
  assert.deepEqual(marked(set, 'out-of-range'), ['5000', '100', '100']);
  const curly = edit(R2_CURLY, THEN, `${THEN}\n                    tunnel-mtu 9193;`);
  assert.deepEqual(marked(curly, 'out-of-range'), ['9193']);
  const spi = 'services { ipsec-vpn { rule r { term t { then { manual { direction bidirectional { spi 100; } } } } } } }\n';
  assert.deepEqual(marked(spi, 'out-of-range'), ['100']);
});

test('invalid-enum with did-you-mean', () => {
  const text = edit(R2_CURLY, 'dh-group group2;', 'dh-group group33;');
  const [d] = findings(text, 'invalid-enum');
  assert.equal(text.slice(d!.start, d!.end), 'group33');
  assert.equal(d!.data?.kind, 'replace');
});

test('invalid-address: remote-gateway and interface address', () => {
  assert.deepEqual(marked(edit(R2_SET, 'then remote-gateway 10.1.15.2', 'then remote-gateway 10.1.15.300'), 'invalid-address'), ['10.1.15.300']);
  assert.deepEqual(marked(edit(R2_CURLY, 'address 10.1.15.1/30;', 'address 10.1.15.1/33;'), 'invalid-address'), ['10.1.15.1/33']);
});

test('invalid-name: a proposal name that starts with a dash or is too long', () => {
  const text = edit(R2_SET, 'set services ipsec-vpn ipsec proposal ipsec-demo-proposal protocol esp', 'set services ipsec-vpn ipsec proposal ipsec-demo-proposal protocol esp\nset services ipsec-vpn ipsec proposal -bad protocol esp\nset services ipsec-vpn ipsec proposal a-name-that-is-much-longer-than-32 protocol esp');
  assert.deepEqual(marked(text, 'invalid-name'), ['-bad', 'a-name-that-is-much-longer-than-32']);
});

test('a $9$ secret is not judged by the format of the key it hides', () => {
  const text = edit(R2_CURLY, 'ascii-text "$9$Hk5FCtO1hr/Au1RESeK"', 'hexadecimal "$9$Hk5FCtO1hr/Au1RESeK"');
  assert.deepEqual(findings(text, 'invalid-name'), []);
});

test('invalid-value: a MAC address of the wrong form', () => {
  const text = 'interfaces {\n    ge-0/0/1 {\n        mac 00:11:22:33:44;\n    }\n}\n';
  assert.deepEqual(marked(text, 'invalid-value'), ['00:11:22:33:44']);
  assert.deepEqual(marked('set interfaces ge-0/0/1 mac 00:11:22:33:44:55\n', 'invalid-value'), []);
});
