/**
 * Hover on the bundled R2 (both forms) and purpose-written fixtures: keywords (our docs, facts, the
 * [edit ...] level with keys), values (type check, platform default), references (definition excerpt with
 * the key masked), secrets (masked, decodes or not) and unknown statements (did-you-mean).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNineSecret } from '../../../server/src/model/secrets';
import { exampleText, hoverAt, hoverOn, setup } from './check';

before(() => setup());

const R2 = exampleText('ike-dynamic-sa/r2.conf');
const R2_SET = exampleText('ike-dynamic-sa-set/r2.set');
const SECRET = '$9$Ap0I01heK8X-wBIX-bwJZik.P5F1IcM87';

test('keyword: remote-gateway shows our summary and the [edit] level with keys, in both forms', () => {
  for (const [text, docId] of [
    [R2, 'r2.conf'],
    [R2_SET, 'r2.set'],
  ] as const) {
    const h = hoverOn(text, 'remote-gateway', 2, 'ms-pic', docId)!;
    assert.ok(h, docId);
    assert.equal(text.slice(h.start, h.end), 'remote-gateway');
    assert.ok(h.markdown.startsWith('**remote-gateway** (leaf · IPv4 or IPv6 address)'), h.markdown);
    assert.ok(h.markdown.includes('`[edit services ipsec-vpn rule rule-ike term term-ike then]`'), h.markdown);
    assert.match(h.markdown, /IPsec peer/);
  }
});

test('keyword: anti-replay-window-size shows the range and the platform default', () => {
  const text = R2.replace('                    remote-gateway 10.1.15.2;', '                    remote-gateway 10.1.15.2;\n                    anti-replay-window-size 4096;');
  const msPic = hoverOn(text, 'anti-replay-window-size', 3)!;
  assert.match(msPic.markdown, /integer 64\.\.4096/);
  assert.match(msPic.markdown, /Default on ms-pic: 128/);
  const asPic = hoverOn(text, 'anti-replay-window-size', 3, 'as-pic')!;
  assert.match(asPic.markdown, /Default on as-pic: 64/);
});

test('value: the type check result, valid or not', () => {
  const ok = hoverOn(R2.replace('remote-gateway 10.1.15.2;', 'remote-gateway 10.1.15.2;\n                    anti-replay-window-size 1024;'), '1024', 1)!;
  assert.match(ok.markdown, /Valid: 1024 is accepted/);
  const bad = hoverOn(R2.replace('remote-gateway 10.1.15.2;', 'remote-gateway 10.1.15.2;\n                    anti-replay-window-size 5000;'), '5000', 1)!;
  assert.match(bad.markdown, /\*\*Invalid:\*\* .*5000.*64\.\.4096/);
  const enumValue = hoverOn(R2, 'group2;', 2)!;
  assert.match(enumValue.markdown, /Valid: group2/);
});

test('reference: ike-policy shows the definition, masked, and where it is', () => {
  for (const [text, docId] of [
    [R2, 'r2.conf'],
    [R2_SET, 'r2.set'],
  ] as const) {
    const h = hoverOn(text, 'ike-policy ike-demo-policy', 'ike-policy '.length + 3, 'ms-pic', docId)!;
    assert.equal(text.slice(h.start, h.end), 'ike-demo-policy');
    assert.ok(h.markdown.includes('`ike-policy` names **ike-demo-policy**, defined under `[edit services ipsec-vpn ike]`'), h.markdown);
    assert.ok(h.markdown.includes('    proposals ike-demo-proposal;'), h.markdown);
    assert.ok(h.markdown.includes('$9$********'), h.markdown);
    assert.ok(!h.markdown.includes(SECRET), 'the key is masked');
    assert.ok(h.definition && h.definition.docId === docId);
    assert.equal(text.slice(h.definition.start, h.definition.end), 'ike-demo-policy');
    assert.ok(h.definition.start > text.indexOf('ike policy') || h.definition.start > text.indexOf('policy ike-demo-policy {') - 1);
  }
  const unit = hoverOn(R2, 'ms-1/2/0.1;', 2)!;
  assert.ok(unit.markdown.includes('names **ms-1/2/0.1**, defined under `[edit interfaces ms-1/2/0]`'), unit.markdown);
  assert.ok(unit.markdown.includes('service-domain inside;'));
});

test('reference to a definition inherited from a group: found in the effective configuration', () => {
  const grouped = R2.replace('            policy ike-demo-policy {', '            policy ike-local-policy {')
    .replace('ike-policy ike-demo-policy;', 'ike-policy ike-group-policy;')
    .replace(
      'services {\n',
      'groups {\n    common-ike {\n        services {\n            ipsec-vpn {\n                ike {\n                    policy ike-group-policy {\n                        proposals ike-demo-proposal;\n                    }\n                }\n            }\n        }\n    }\n}\napply-groups common-ike;\nservices {\n',
    );
  const h = hoverOn(grouped, 'ike-policy ike-group-policy', 'ike-policy '.length + 2)!;
  assert.ok(h.markdown.includes('names **ike-group-policy**'), h.markdown);
  assert.ok(h.markdown.includes('(inherited from group `common-ike`)'), h.markdown);
  assert.ok(h.definition && grouped.slice(h.definition.start, h.definition.end) === 'ike-group-policy');
});

test('reference to something not configured says so', () => {
  const h = hoverOn(R2.replace('ike-policy ike-demo-policy;', 'ike-policy ike-missing;'), 'ike-missing', 2)!;
  assert.match(h.markdown, /`ike-missing`, which is not configured \(no `services ipsec-vpn ike policy ike-missing`\)/);
});

test('secret: masked, says whether it decodes, never the plain text', () => {
  const decoded = decodeNineSecret(SECRET);
  assert.ok(decoded.ok);
  const h = hoverOn(R2, SECRET, 5)!;
  assert.ok(h.markdown.startsWith('**secret (masked)**: `ascii-text $9$********`'), h.markdown);
  assert.match(h.markdown, /it decodes/);
  assert.ok(!h.markdown.includes(SECRET) && !h.markdown.includes(decoded.plaintext));
  const broken = hoverOn(R2.replace(SECRET, '$9$Ap0I01he!!'), '$9$Ap0I01he!!', 5)!;
  assert.match(broken.markdown, /Not a valid `\$9\$` value/);
  assert.ok(!broken.markdown.includes('Ap0I01he'));
});

test('unknown statement: did-you-mean over the valid siblings; nothing for a hopeless word', () => {
  const h = hoverAt('routing-options {\n    router-I$0D 10.0.0.2;\n}\n')!;
  assert.ok(h, 'a hover for router-ID');
  assert.match(h.markdown, /`router-ID` is not a statement at `\[edit routing-options\]`/);
  assert.match(h.markdown, /Did you mean `router-id`\?/);
  assert.equal(hoverAt('routing-options {\n    zzqx$0qzz 1;\n}\n'), undefined);
});

test('nothing to say: blanks, braces and free-form statements give no hover', () => {
  assert.equal(hoverOn(R2, '    }', 2), undefined);
  assert.equal(hoverOn(R2, 'R2;', 1), undefined, 'system is not described by the YANG models we ship');
});

test('keyword: a relative reference names the absolute hierarchy, never `..` steps', () => {
  for (const [text, docId] of [
    [R2, 'r2.conf'],
    [R2_SET, 'r2.set'],
  ] as const) {
    const h = hoverOn(text, 'proposals ike-demo-proposal', 2, 'ms-pic', docId)!;
    assert.ok(h.markdown.startsWith('**proposals**'), h.markdown);
    assert.ok(h.markdown.includes('- Names an existing `services ipsec-vpn ike proposal` entry'), h.markdown);
    assert.ok(!/Names[^\n]*\.\./.test(h.markdown), h.markdown);
  }
  // a sibling reference (`.. anti-replay-window-size`, up 1) resolves inside the same term
  const text = R2.replace('                    remote-gateway 10.1.15.2;', '                    remote-gateway 10.1.15.2;\n                    no-anti-replay;');
  const sibling = hoverOn(text, 'no-anti-replay', 2)!;
  assert.ok(!/Names[^\n]*\.\./.test(sibling.markdown), sibling.markdown);
});

test('reference the YANG does not declare (Juniper documents it): a prefix list and a policy show their definitions', () => {
  const text = readFileSync(join(__dirname, '../../../../test/fixtures/references/mx-border.conf'), 'utf8');
  const use = text.indexOf('prefix-list BOGONS;');
  const h = hoverOn(text, 'prefix-list BOGONS;', 'prefix-list '.length + 2, 'ms-pic', 'mx-border.conf')!;
  assert.equal(text.slice(h.start, h.end), 'BOGONS', `hover at ${use}`);
  assert.ok(h.markdown.includes('names **BOGONS**, defined under `[edit policy-options]`'), h.markdown);
  assert.ok(h.definition && text.slice(h.definition.start, h.definition.end) === 'BOGONS' && h.definition.start < use);
  const missing = hoverOn(text.replace('prefix-list BOGONS;', 'prefix-list BOGONZ;'), 'prefix-list BOGONZ;', 'prefix-list '.length + 2, 'ms-pic', 'mx-border.conf')!;
  assert.ok(missing.markdown.includes('`BOGONZ`, which is not configured (no `policy-options prefix-list BOGONZ`)'), missing.markdown);
});
