/**
 * The seed example as published (examples/seed-as-published): every defect listed in its README is reported
 * at its place, and nothing else. The expected lists below were checked line by line against the README's
 * defect numbers (in the comments).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, position, ready, render, repoRoot } from './support/check';

const SEED = path.join(repoRoot, 'examples', 'seed-as-published');

const EXPECTED: Record<string, string[]> = {
  'r1-step-by-step.set': [
    '6:5 error[unknown-statement]', // 11: OSPF under [edit interfaces]
    '7:5 error[unknown-statement]', // 11
  ],
  'r1.conf': [],
  'r1.set': [],
  'r2-step-by-step.set': [
    '18:5 error[unknown-statement]', // 10: router-ID
    '23:10 error[unknown-statement]', // 7: rule match-direction input
    '26:32 error[unknown-statement]', // 2: pre-shared
    '26:53 error[undefined-reference]', // 1: demo-proposal
    '27:32 error[unknown-statement]', // 2: pre-shared
    '32:11 error[unknown-statement]', // 8: ipsec proposals
  ],
  'r2.conf': [
    '78:27 error[undefined-reference]', // 1
    '79:43 warning[secret-not-encoded]', // 9: "$ABC123" is no $9$ string
    '106:5 warning[duplicate-definition]', // 3: service-set printed twice
    '112:27 error[conflicting-value]', // 3: local-gateway 10.1.15.2 after 10.1.15.1
    '115:6 error[syntax-error]', // 5: services never closed
  ],
  'r2.set': [
    '19:29 error[unknown-statement]', // 7
    '22:51 error[unknown-statement]', // 2
    '22:72 error[undefined-reference]', // 1
    '23:51 error[unknown-statement]', // 2
    '28:30 error[unknown-statement]', // 8
  ],
  'r3-step-by-step.set': [
    '23:10 error[unknown-statement]', // 7
    '26:32 error[unknown-statement]', // 2
    '26:53 error[undefined-reference]', // 1
    '27:32 error[unknown-statement]', // 2
    '32:11 error[unknown-statement]', // 8
  ],
  'r3.conf': [
    '46:1 error[syntax-error]', // 4: the extra '}' (cause at 27:25 in related)
    '61:14 warning[unapplied-rule]', // 6: no service set applies rule-ike
    '79:27 error[undefined-reference]', // 1
    '80:43 warning[secret-not-encoded]', // 9
    '96:6 error[syntax-error]', // 5
  ],
  'r3.set': [
    '19:29 error[unknown-statement]', // 7
    '22:51 error[unknown-statement]', // 2
    '22:72 error[undefined-reference]', // 1
    '23:51 error[unknown-statement]', // 2
    '28:30 error[unknown-statement]', // 8
  ],
  'r4-step-by-step.set': [], // 12 (no banners) is how the commands are pasted, not a configuration error
  'r4.conf': [],
  'r4.set': [],
};

const texts = new Map<string, string>();
const results = new Map<string, ReturnType<typeof analyzeText>>();

before(async () => {
  await ready();
  for (const f of fs.readdirSync(SEED).filter((n) => /\.(conf|set)$/.test(n))) {
    const text = fs.readFileSync(path.join(SEED, f), 'utf8');
    texts.set(f, text);
    results.set(f, analyzeText(f, text));
  }
});

test('every seed file is covered by the expected lists', () => {
  assert.deepEqual([...texts.keys()].sort(), Object.keys(EXPECTED).sort());
});

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`${file}: the README's defects, at their places, and nothing else`, () => {
    const text = texts.get(file)!;
    const got = results.get(file)!.diagnostics.map((d) => render(d, text, { file: false }));
    assert.deepEqual(got, expected);
  });
}

function one(file: string, at: string) {
  const text = texts.get(file)!;
  const d = results.get(file)!.diagnostics.find((x) => position(text, x.start) === at);
  assert.ok(d, `${file}:${at} not reported`);
  return { d, text, related: d.related.map((r) => `${position(text, r.start)} ${r.message}`) };
}

test("R3's extra brace points at 'family inet {' and folds the shifted statements into itself", () => {
  const { d, related } = one('r3.conf', '46:1');
  assert.match(d.message, /one too many/);
  assert.match(d.message, /family inet;/);
  assert.ok(related[0]!.startsWith('27:25 '), related[0]);
  // 'unit 1' / 'unit 2' read under unit 0, lo0 under ms-1/2/0, and the OSPF interfaces they swallowed
  for (const at of ['29:9', '33:9', '38:5', '51:23', '52:23']) assert.ok(related.some((r) => r.startsWith(`${at} consequence:`)), at);
});

test("R2's duplicated service set: the later local-gateway conflicts with the first, the second block is named", () => {
  const conflict = one('r2.conf', '112:27');
  assert.deepEqual(conflict.related.map((r) => r.slice(0, 6)), ['102:27']);
  assert.match(conflict.d.message, /10\.1\.15\.2.*10\.1\.15\.1/);
  const dup = one('r2.conf', '106:5');
  assert.deepEqual(dup.related.map((r) => r.split(' ')[0]), ['96:5']);
  assert.equal(dup.text.slice(dup.d.start, dup.d.end), 'service-set demo-service-set');
});

test('unknown words are explained with the fix the README names', () => {
  assert.match(one('r2-step-by-step.set', '18:5').d.message, /case-sensitive; write 'router-id'/);
  assert.deepEqual(one('r2-step-by-step.set', '18:5').d.data, { kind: 'replace', replacements: ['router-id'] });
  const ospf = one('r1-step-by-step.set', '6:5').d;
  assert.match(ospf.message, /'ospf' belongs under \[edit protocols\]/);
  assert.deepEqual(ospf.data, { kind: 'move', toPath: ['protocols'] });
  assert.deepEqual(one('r1-step-by-step.set', '7:5').related, ['5:1 the level [edit interfaces] was set here']);
  assert.match(one('r2.set', '19:29').d.message, /give the rule's name first/);
  const preShared = one('r2.set', '22:51').d;
  assert.match(preShared.message, /remove it: the rest, 'proposals demo-proposal', is valid here/);
  assert.equal(preShared.data?.kind, 'remove');
  assert.match(one('r2.set', '28:30').d.message, /under 'services ipsec-vpn ipsec policy <name>'/);
  const undefinedProposal = one('r2.conf', '78:27');
  assert.match(undefinedProposal.d.message, /IKE proposal.*closest configured one is 'ike-demo-proposal'/);
  assert.deepEqual(undefinedProposal.d.data, { kind: 'create-definition', path: ['services', 'ipsec-vpn', 'ike', 'proposal'], name: 'demo-proposal' });
  assert.ok(undefinedProposal.related[0]!.startsWith('73:22 '));
});

test('no secret of the seed appears in any message', () => {
  for (const r of results.values()) {
    for (const d of r.diagnostics) {
      const all = [d.message, ...d.related.map((x) => x.message)].join('\n');
      assert.ok(!all.includes('keyfordemo') && !all.includes('ABC123'), d.message);
    }
  }
});
