/**
 * Inlay hints on the bundled R2 in both forms: omitted defaults that matter (lifetimes, IKE mode and
 * version, the platform's anti-replay window, tunnel MTU) at the end of the block's opening line, the
 * peer after `remote-gateway`, and hints disappearing once the statement is configured.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inlayHints } from '../../../server/src/ide/inlay-hints';
import { generateLargeConfig } from '../fixtures/large-config';
import { exampleText, inlayHintLines, modelOf, schemaFor, setup } from './check';

before(() => setup());

const R2 = exampleText('ike-dynamic-sa/r2.conf');
const R2_SET = exampleText('ike-dynamic-sa-set/r2.set');
const peers = (gateway: string): string | undefined => (gateway === '10.1.15.2' ? 'R3 (r3.conf)' : undefined);

test('r2.conf: defaults at the end of each block opening line, the peer after remote-gateway', () => {
  assert.deepEqual(inlayHintLines(R2, { peers }), [
    'ipsec-vpn-options {|default: anti-replay-window-size 128, tunnel-mtu 1500',
    'then {|default: anti-replay-window-size 128, tunnel-mtu 1500',
    'remote-gateway 10.1.15.2|-> R3 (r3.conf)',
    'proposal ipsec-demo-proposal {|default: lifetime-seconds 28800',
    'proposal ike-demo-proposal {|default: lifetime-seconds 3600',
    'policy ike-demo-policy {|default: mode main, version 1',
  ]);
});

test('r2.set: the same hints, at the end of the first set line naming each block', () => {
  const lines = inlayHintLines(R2_SET, { peers, docId: 'r2.set' });
  assert.deepEqual(lines, [
    'set services service-set demo-service-set ipsec-vpn-options local-gateway 10.1.15.1|default: anti-replay-window-size 128, tunnel-mtu 1500',
    'set services ipsec-vpn rule rule-ike term term-ike then remote-gateway 10.1.15.2|-> R3 (r3.conf)',
    'set services ipsec-vpn rule rule-ike term term-ike then remote-gateway 10.1.15.2|default: anti-replay-window-size 128, tunnel-mtu 1500',
    'set services ipsec-vpn ipsec proposal ipsec-demo-proposal protocol esp|default: lifetime-seconds 28800',
    'set services ipsec-vpn ike proposal ike-demo-proposal authentication-method pre-shared-keys|default: lifetime-seconds 3600',
    'set services ipsec-vpn ike policy ike-demo-policy proposals ike-demo-proposal|default: mode main, version 1',
  ]);
});

test('platform: AS PICs default to a 64-bit window', () => {
  assert.ok(inlayHintLines(R2, { platform: 'as-pic' }).includes('then {|default: anti-replay-window-size 64, tunnel-mtu 1500'));
});

test('configured statements (directly, by no-anti-replay, or through a group) get no hint', () => {
  const configured = R2.replace('                    remote-gateway 10.1.15.2;', '                    remote-gateway 10.1.15.2;\n                    no-anti-replay;\n                    tunnel-mtu 1400;')
    .replace('                dh-group group2;', '                dh-group group2;\n                lifetime-seconds 7200;');
  const lines = inlayHintLines(configured);
  assert.ok(!lines.some((l) => l.startsWith('then {')), lines.join('\n'));
  assert.ok(!lines.some((l) => l.startsWith('proposal ike-demo-proposal')), lines.join('\n'));
  assert.ok(lines.includes('proposal ipsec-demo-proposal {|default: lifetime-seconds 28800'));

  const viaGroup = R2.replace('services {\n', 'groups {\n    ike-defaults {\n        services {\n            ipsec-vpn {\n                ike {\n                    policy <*> {\n                        mode main;\n                    }\n                }\n            }\n        }\n    }\n}\napply-groups ike-defaults;\nservices {\n');
  const grouped = inlayHintLines(viaGroup);
  assert.ok(grouped.includes('policy ike-demo-policy {|default: version 1'), grouped.join('\n'));
});

test('a term without its own window shows the one its service set gives (the term would override it)', () => {
  const text = R2.replace('            local-gateway 10.1.15.1;', '            local-gateway 10.1.15.1;\n            anti-replay-window-size 512;');
  const lines = inlayHintLines(text);
  assert.ok(lines.includes('then {|default: anti-replay-window-size 512 (service-set demo-service-set), tunnel-mtu 1500'), lines.join('\n'));
  assert.ok(lines.includes('ipsec-vpn-options {|default: tunnel-mtu 1500'), lines.join('\n'));
  const silenced = inlayHintLines(R2.replace('            local-gateway 10.1.15.1;', '            local-gateway 10.1.15.1;\n            no-anti-replay;'));
  assert.ok(silenced.includes('then {|default: tunnel-mtu 1500'), silenced.join('\n'));
});

test('only hints whose anchor lies in the requested range', () => {
  const model = modelOf({ docs: [{ id: 'r2.conf', text: R2 }] });
  const start = R2.indexOf('        ike {');
  const hints = inlayHints({ model, docId: 'r2.conf', text: R2, range: { start, end: R2.length }, schema: schemaFor('ms-pic'), platform: 'ms-pic' });
  assert.deepEqual(
    hints.map((h) => h.label),
    ['default: lifetime-seconds 3600', 'default: mode main, version 1'],
  );
  assert.ok(hints.every((h) => h.tooltip && h.tooltip.length > 0));
  assert.deepEqual(inlayHints({ model, docId: 'other.conf', text: R2, range: { start: 0, end: R2.length }, schema: schemaFor('ms-pic'), platform: 'ms-pic' }), []);
});

test('hints worked out window by window (each block when a range first holds it) equal those of the whole text', () => {
  for (const form of ['curly', 'set'] as const) {
    const text = generateLargeConfig({ lines: 3000, form, seed: 2 });
    const docId = `large.${form}`;
    const ask = (model: ReturnType<typeof modelOf>, start: number, end: number) =>
      inlayHints({ model, docId, text, range: { start, end }, schema: schemaFor('ms-pic'), platform: 'ms-pic', peers: () => 'R9 (r9.conf)' });
    const whole = ask(modelOf({ docs: [{ id: docId, text }] }), 0, text.length);
    assert.ok(whole.length > 5, `${form}: the generated config has hints (${whole.length})`);
    // a fresh model asked window by window, from the end backwards (anchors at a window's edge count once)
    const model = modelOf({ docs: [{ id: docId, text }] });
    const width = 997;
    const windows: ReturnType<typeof ask>[] = [];
    for (let start = Math.floor(text.length / width) * width; start >= 0; start -= width) windows.unshift(ask(model, start, start + width - 1));
    assert.deepEqual(windows.flat().sort((a, b) => a.offset - b.offset || (a.label < b.label ? -1 : 1)), whole, form);
    assert.deepEqual(ask(model, 0, text.length), whole, `${form}: asked again`);
  }
});
