/** analysis/ipsec.ts: commit-time and tunnel-breaking IPsec rules, and the platform notes. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeNineSecret } from '../../../server/src/model/secrets';
import { edit, findings, marked, R2_CURLY, R2_SET, ready } from './support/check';

before(ready);

const DYNAMIC = '                    dynamic {\n                        ike-policy ike-demo-policy;\n                        ipsec-policy ipsec-demo-policy;\n                    }';

function manual(authKey: string, encKey: string): string {
  return edit(
    R2_CURLY,
    DYNAMIC,
    [
      '                    manual {',
      '                        direction bidirectional {',
      '                            protocol esp;',
      '                            spi 300;',
      '                            authentication {',
      '                                algorithm hmac-sha1-96;',
      `                                key ${authKey};`,
      '                            }',
      '                            encryption {',
      '                                algorithm 3des-cbc;',
      `                                key ${encKey};`,
      '                            }',
      '                        }',
      '                    }',
    ].join('\n'),
  );
}

test('manual-key-length: ascii-text and hexadecimal keys must fit the algorithm; $9$ keys are decoded first', () => {
  const good20 = 'ascii-text "abcdefghijklmnopqrst"';
  const good24hex = `hexadecimal ${'0123456789abcdef'.repeat(3)}`;
  assert.deepEqual(findings(manual(good20, good24hex), 'manual-key-length'), []);
  assert.deepEqual(marked(manual('ascii-text "short-key"', good24hex), 'manual-key-length'), ['"short-key"']);
  assert.deepEqual(marked(manual(good20, 'hexadecimal 0123456789abcdef'), 'manual-key-length'), ['0123456789abcdef']);
  const encoded = encodeNineSecret('abcdefghijklmnopqrs', () => 0);
  assert.ok(encoded.ok);
  const text = manual(`ascii-text "${encoded.ok ? encoded.text : ''}"`, good24hex);
  const [d] = findings(text, 'manual-key-length');
  assert.ok(d, 'a 19-byte $9$ key for hmac-sha1-96');
  assert.match(d.message, /20 bytes/);
  assert.ok(!d.message.includes('abcdefghijklmnopqrs') && !/\b19\b/.test(d.message), 'neither the key nor its length is shown');
});

test('missing-pre-shared-key: pre-shared-keys authentication with only a certificate', () => {
  const text = edit(R2_CURLY, '                pre-shared-key ascii-text "$9$Hk5FCtO1hr/Au1RESeK"; ## SECRET-DATA', '                local-certificate router-cert;');
  assert.deepEqual(marked(text, 'missing-pre-shared-key'), ['ike-demo-policy']);
});

test('missing-remote-gateway: a dynamic term without the peer address (both forms)', () => {
  assert.deepEqual(marked(edit(R2_CURLY, '                    remote-gateway 10.1.15.2;\n', ''), 'missing-remote-gateway'), ['dynamic']);
  assert.deepEqual(marked(edit(R2_SET, 'set services ipsec-vpn rule rule-ike term term-ike then remote-gateway 10.1.15.2\n', ''), 'missing-remote-gateway'), ['dynamic']);
});

test('local-gateway-not-configured: the peer address used as our own (both forms)', () => {
  const set = edit(R2_SET, 'ipsec-vpn-options local-gateway 10.1.15.1', 'ipsec-vpn-options local-gateway 10.1.15.2');
  const [d] = findings(set, 'local-gateway-not-configured');
  assert.equal(set.slice(d!.start, d!.end), '10.1.15.2');
  assert.match(d!.message, /10\.1\.15\.1 \(ge-0\/0\/1\.0\)/);
  assert.deepEqual(marked(edit(R2_CURLY, 'local-gateway 10.1.15.1;', 'local-gateway 10.1.15.9;'), 'local-gateway-not-configured'), ['10.1.15.9']);
});

test('service-domain-mismatch: inside and outside swapped, or on different devices', () => {
  assert.deepEqual(marked(edit(R2_CURLY, 'inside-service-interface ms-1/2/0.1;', 'inside-service-interface ms-1/2/0.2;'), 'service-domain-mismatch'), ['ms-1/2/0.2']);
  assert.deepEqual(marked(edit(R2_CURLY, 'outside-service-interface ms-1/2/0.2;', 'outside-service-interface ms-1/3/0.2;'), 'service-domain-mismatch'), ['ms-1/3/0.2']);
});

test('inside-interface-with-interface-style: ipsec-inside-interface in a rule of an interface-style service set', () => {
  let text = edit(R2_CURLY, '        next-hop-service {\n            inside-service-interface ms-1/2/0.1;\n            outside-service-interface ms-1/2/0.2;\n        }', '        interface-service {\n            service-interface ms-1/2/0.0;\n        }');
  text = edit(text, '            term term-ike {\n', '            term term-ike {\n                from {\n                    ipsec-inside-interface ms-1/2/0.1;\n                }\n');
  assert.deepEqual(marked(text, 'inside-interface-with-interface-style'), ['ms-1/2/0.1']);
});

test('gcm-with-authentication: AES-GCM needs no authentication algorithm', () => {
  const text = edit(R2_CURLY, 'encryption-algorithm 3des-cbc;', 'encryption-algorithm aes-128-gcm;');
  assert.deepEqual(marked(text, 'gcm-with-authentication'), ['authentication-algorithm']);
  assert.deepEqual(findings(edit(text, '                authentication-algorithm hmac-sha1-96;\n', ''), 'gcm-with-authentication'), []);
});

test('platform-limit: AS PIC window above 1024 (warning), ACX match-direction output (error)', () => {
  const then = '                    remote-gateway 10.1.15.2;';
  const wide = edit(R2_CURLY, then, `${then}\n                    anti-replay-window-size 2048;`);
  assert.deepEqual(findings(wide, 'platform-limit', 'ms-pic'), []);
  const [asPic] = findings(wide, 'platform-limit', 'as-pic');
  assert.equal(asPic!.severity, 'warning');
  const output = edit(R2_SET, 'match-direction input', 'match-direction output');
  assert.deepEqual(findings(output, 'platform-limit', 'ms-pic'), []);
  const [acx] = findings(output, 'platform-limit', 'acx');
  assert.equal(acx!.severity, 'error');
  assert.equal(output.slice(acx!.start, acx!.end), 'output');
});

test('secret-not-encoded: a "$..." placeholder that is not a $9$ string, without quoting it', () => {
  const text = edit(R2_SET, 'ascii-text "$9$Hk5FCtO1hr/Au1RESeK"', 'ascii-text "$ABC123"');
  const [d] = findings(text, 'secret-not-encoded');
  assert.equal(text.slice(d!.start, d!.end), '"$ABC123"');
  assert.ok(!d!.message.includes('ABC123'));
});

test('inside-interface-with-interface-style: also through a rule-set the service set applies', () => {
  let text = edit(R2_CURLY, '        next-hop-service {\n            inside-service-interface ms-1/2/0.1;\n            outside-service-interface ms-1/2/0.2;\n        }', '        interface-service {\n            service-interface ms-1/2/0.0;\n        }');
  text = edit(text, '        ipsec-vpn-rules rule-ike;', '        ipsec-vpn-rule-sets rs-sites;');
  text = edit(text, '        ike {', '        rule-set rs-sites {\n            rule rule-ike;\n        }\n        ike {');
  assert.deepEqual(findings(text, 'inside-interface-with-interface-style'), []);
  text = edit(text, '            term term-ike {\n', '            term term-ike {\n                from {\n                    ipsec-inside-interface ms-1/2/0.1;\n                }\n');
  assert.deepEqual(marked(text, 'inside-interface-with-interface-style'), ['ms-1/2/0.1']);
  assert.deepEqual(findings(text, 'unapplied-rule'), []);
});
