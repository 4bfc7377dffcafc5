/**
 * Completion in both forms on realistic configs: child statements (exactly what the schema allows),
 * enum values, existing definitions for references, commands and snippets on set-form lines, the insert
 * text of each statement kind, and resolve.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveCompletion } from '../../../server/src/ide/completion';
import { plainWords, SNIPPETS } from '../../../server/src/ide/snippets';
import { lookupPath } from '../../../server/src/schema/index';
import { checkCompletion, completionAt, completionItem, completionLabels, exampleText, schemaFor, setup } from './check';

before(() => setup());

const R2 = exampleText('ike-dynamic-sa/r2.conf');
const R2_SET = exampleText('ike-dynamic-sa-set/r2.set');

/** R2 with `$0` put right after the first occurrence of `needle`. */
function r2After(needle: string, insert = ''): string {
  const at = R2.indexOf(needle);
  assert.ok(at >= 0, needle);
  return R2.slice(0, at + needle.length) + insert + '$0' + R2.slice(at + needle.length);
}

const IPSEC_VPN_CHILDREN = [
  'clear-ike-sas-on-pic-restart',
  'clear-ipsec-sas-on-pic-restart',
  'disable-natt',
  'establish-tunnels',
  'ike',
  'ipsec',
  'no-ipsec-tunnel-in-traceroute',
  'rule',
  'rule-set',
  'traceoptions',
  'apply-groups',
  'apply-groups-except',
  'apply-macro',
];

test('curly: children of services ipsec-vpn, in order, then the snippets that fit there', () => {
  checkCompletion('services {\n    ipsec-vpn {\n        $0\n    }\n}\n', IPSEC_VPN_CHILDREN, { kinds: ['container', 'list', 'leaf', 'flag'] });
  checkCompletion('services {\n    ipsec-vpn {\n        $0\n    }\n}\n', ['ike-policy (pre-shared key)', 'ike-proposal (pre-shared keys)', 'ipsec-policy (PFS)', 'ipsec-proposal (ESP)', 'rule (dynamic SA)'], {
    kinds: ['snippet'],
  });
  // the same place in the middle of a real configuration, on one line
  checkCompletion('services { ipsec-vpn { $0 } }', IPSEC_VPN_CHILDREN, { kinds: ['container', 'list', 'leaf', 'flag'] });
});

test('set form: children of a rule term then, no snippets inside a set command', () => {
  const labels = completionLabels('set services ipsec-vpn rule r1 term t1 then $0');
  assert.deepEqual(labels, [
    'anti-replay-window-size',
    'backup-remote-gateway',
    'clear-dont-fragment-bit',
    'copy-dont-fragment-bit',
    'copy-tos-from-inner-ip-header',
    'copy-ttl-from-inner-ip-header',
    'dead-peer-detection',
    'dynamic',
    'initiate-dead-peer-detection',
    'manual',
    'no-anti-replay',
    'remote-gateway',
    'set-dont-fragment-bit',
    'syslog',
    'tos',
    'ttl',
    'tunnel-mtu',
    'apply-groups',
    'apply-groups-except',
    'apply-macro',
  ]);
});

test('set form: a half-typed word replaces just that word, at the end and in the middle of a path', () => {
  const end = completionAt('set services ipsec-vpn ike pol$0');
  assert.deepEqual(
    end.items.map((i) => i.label),
    ['policy', 'proposal', 'apply-groups', 'apply-groups-except', 'apply-macro'],
  );
  const policy = end.items.find((i) => i.label === 'policy')!;
  assert.equal(end.fixture.text.slice(policy.replaceStart, policy.replaceEnd), 'pol');
  assert.equal(policy.insertText, 'policy ');
  assert.equal(policy.insertTextFormat, 'plain');

  const middle = completionAt('set services ipse$0 rule r1 term t1 then remote-gateway 10.1.15.2');
  const vpn = middle.items.find((i) => i.label === 'ipsec-vpn')!;
  assert.equal(middle.fixture.text.slice(vpn.replaceStart, vpn.replaceEnd), 'ipse');
  assert.equal(vpn.insertText, 'ipsec-vpn', 'no space added before the words that follow');
  assert.ok(!middle.items.some((i) => i.label === 'interfaces'), 'siblings of ipsec-vpn only');
});

test('curly: a half-typed statement on its own line', () => {
  const r = completionAt(r2After('    ipsec-vpn {\n', '        ru'));
  const rule = r.items.find((i) => i.label === 'rule')!;
  assert.equal(r.fixture.text.slice(rule.replaceStart, rule.replaceEnd), 'ru');
  assert.ok(r.items.some((i) => i.label === 'rule-set'));
});

test('enum values where a value is expected: dh-group offers the groups, in schema order', () => {
  const groups = ['group1', 'group2', 'group5', 'group14', 'group15', 'group16', 'group19', 'group20', 'group24'];
  const curly = R2.replace('dh-group group2;', 'dh-group $0');
  checkCompletion(curly, groups);
  assert.equal(completionItem(curly, 'group14').insertText, 'group14;');
  assert.equal(completionItem(curly, 'group14').kind, 'enum');
  checkCompletion('set services ipsec-vpn ike proposal p1 dh-group $0', groups);
  assert.equal(completionItem('set services ipsec-vpn ike proposal p1 dh-group $0', 'group14').insertText, 'group14');
  // `;` already there: not added again
  assert.equal(completionItem(R2.replace('dh-group group2;', 'dh-group $0;'), 'group2').insertText, 'group2');
});

const TWO_POLICIES = R2.replace(
  '            policy ike-demo-policy {',
  '            policy ike-backup-policy {\n                proposals ike-demo-proposal;\n            }\n            policy ike-demo-policy {',
);

test('reference values: ike-policy offers the IKE policies defined in the file, nothing else', () => {
  checkCompletion(TWO_POLICIES.replace('ike-policy ike-demo-policy;', 'ike-policy $0'), ['ike-backup-policy', 'ike-demo-policy']);
  const item = completionItem(TWO_POLICIES.replace('ike-policy ike-demo-policy;', 'ike-policy $0'), 'ike-backup-policy');
  assert.equal(item.kind, 'reference');
  assert.equal(item.insertText, 'ike-backup-policy;');
  assert.equal(item.detail, 'services ipsec-vpn ike policy (configured)');
  checkCompletion(TWO_POLICIES.replace('ipsec-policy ipsec-demo-policy;', 'ipsec-policy $0'), ['ipsec-demo-policy']);
});

test('reference values: proposals of an IKE policy are IKE proposals, of an IPsec policy IPsec proposals', () => {
  checkCompletion(R2.replace('proposals ike-demo-proposal;', 'proposals $0'), ['ike-demo-proposal']);
  checkCompletion(R2.replace('proposals ipsec-demo-proposal;', 'proposals $0'), ['ipsec-demo-proposal']);
  // set form, for a policy that does not exist yet: the relative path still climbs to `ike`
  checkCompletion(`//- r2.set\n${R2_SET}set services ipsec-vpn ike policy new-policy proposals $0\n`, ['ike-demo-proposal']);
});

test('reference keys: ipsec-vpn-rules offers the rules; interface values the configured units', () => {
  checkCompletion(`//- r2.set\n${R2_SET}set services service-set s2 ipsec-vpn-rules $0\n`, ['rule-ike']);
  checkCompletion(R2.replace('inside-service-interface ms-1/2/0.1;', 'inside-service-interface $0'), [
    'ge-0/0/0.0',
    'ge-0/0/1.0',
    'lo0.0',
    'ms-1/2/0.0',
    'ms-1/2/0.1',
    'ms-1/2/0.2',
  ]);
});

test('list keys: existing entries are offered when naming one', () => {
  checkCompletion(`//- r2.set\n${R2_SET}set services ipsec-vpn ike policy $0\n`, ['ike-demo-policy']);
});

test('interfaces: the configured interfaces stand for the keyword-less interface list', () => {
  const labels = completionLabels(R2.replace('    lo0 {', '    $0\n    lo0 {'));
  for (const name of ['ge-0/0/0', 'ge-0/0/1', 'lo0', 'ms-1/2/0', 'interface-range', 'traceoptions']) assert.ok(labels.includes(name), name);
  assert.ok(!labels.includes('interface'), 'the nokeyword list name is never written');
});

test('edit offers blocks only; delete offers the statements set does', () => {
  const edit = completionLabels(`//- r2.set\n${R2_SET}edit services ipsec-vpn rule rule-ike term term-ike then $0\n`);
  assert.deepEqual(edit, ['dead-peer-detection', 'dynamic', 'manual', 'apply-macro']);
  assert.deepEqual(
    completionLabels(`//- r2.set\n${R2_SET}delete services ipsec-vpn rule rule-ike term term-ike then $0\n`).sort(),
    completionLabels(`//- r2.set\n${R2_SET}set services ipsec-vpn rule rule-ike term term-ike then $0\n`).sort(),
  );
});

test('nothing below a leaf: after a complete leaf value on a set line, nothing is offered', () => {
  assert.deepEqual(completionLabels('set services ipsec-vpn ike proposal p1 dh-group group2 $0'), []);
  assert.deepEqual(completionLabels('set services ipsec-vpn ike proposal p1 lifetime-seconds $0'), [], 'a free number has no candidates');
});

test('a leaf already set is still offered (Junos replaces it) but ranked after the others', () => {
  const labels = completionLabels(R2.replace('                dh-group group2;\n', '                dh-group group2;\n                $0\n'));
  const dh = labels.indexOf('dh-group');
  const lifetime = labels.indexOf('lifetime-seconds');
  assert.ok(dh > lifetime && lifetime >= 0, `dh-group (${dh}) after lifetime-seconds (${lifetime})`);
});

test('curly insert text: a block for containers and lists, a value placeholder for leaves, ; for flags', () => {
  const src = 'services {\n    ipsec-vpn {\n        ike {\n            $0\n        }\n    }\n}\n';
  const proposal = completionItem(src, 'proposal');
  assert.equal(proposal.insertText, 'proposal ${1:name} {\n                $0\n            }');
  assert.equal(proposal.insertTextFormat, 'snippet');
  const then = completionItem('services { ipsec-vpn { rule r { term t { $0 } } } }', 'then');
  assert.equal(then.insertText, 'then {\n    $0\n}');
  const dpd = completionItem('services {\n    ipsec-vpn {\n        rule r {\n            term t {\n                then {\n                    $0\n                }\n            }\n        }\n    }\n}\n', 'no-anti-replay');
  assert.equal(dpd.insertText, 'no-anti-replay;');
  assert.equal(dpd.kind, 'flag');
  const mtu = completionItem('services { ipsec-vpn { rule r { term t { then { $0 } } } } }', 'tunnel-mtu');
  assert.equal(mtu.insertText, 'tunnel-mtu ${1:value};');
  assert.equal(mtu.detail, 'leaf · integer 256..9192 · default 1500');
  assert.equal(completionItem('services { ipsec-vpn { rule r { term t { then { $0 } } } } }', 'anti-replay-window-size', 'as-pic').detail, 'leaf · integer 64..4096 · default 64');
  const mode = completionItem('services { ipsec-vpn { ike { policy p { $0 } } } }', 'mode');
  assert.equal(mode.insertText, 'mode ${1|main,aggressive|};');
  assert.equal(completionItem('set services ipsec-vpn rule r term t then $0', 'no-anti-replay').insertText, 'no-anti-replay');
  // a reference leaf: the existing definitions are the placeholder's choices
  const ikePolicy = completionItem(R2.replace('                        ike-policy ike-demo-policy;\n', '                        $0\n'), 'ike-policy');
  assert.equal(ikePolicy.insertText, 'ike-policy ${1|ike-demo-policy|};');
});

test('set files: a fresh line offers commands (and snippets), after [edit] banners and edit navigation', () => {
  const fresh = completionLabels(`//- r2.set\n${R2_SET}$0`, { kinds: ['command'] });
  assert.deepEqual(fresh, ['activate', 'annotate', 'copy', 'deactivate', 'delete', 'edit', 'insert', 'protect', 'rename', 'set', 'top', 'unprotect', 'up']);
  // after `edit services ipsec-vpn`, set lines and snippets are relative to that level
  checkCompletion('edit services ipsec-vpn\nset ike $0', ['policy', 'proposal', 'apply-groups', 'apply-groups-except', 'apply-macro']);
  checkCompletion('[edit services ipsec-vpn]\nset ike $0', ['policy', 'proposal', 'apply-groups', 'apply-groups-except', 'apply-macro']);
  const snippet = completionItem('edit services ipsec-vpn\n$0', 'ike-proposal (pre-shared keys)');
  assert.equal(
    snippet.insertText,
    [
      'set ike proposal ${1:ike-proposal} authentication-method pre-shared-keys',
      'set ike proposal ${1:ike-proposal} dh-group ${2|group14,group19,group20,group2,group5|}',
      'set ike proposal ${1:ike-proposal} authentication-algorithm ${3|sha-256,sha-384,sha1|}',
      'set ike proposal ${1:ike-proposal} encryption-algorithm ${4|aes-256-cbc,aes-128-cbc,3des-cbc|}$0',
    ].join('\n'),
  );
  const top = completionItem(`//- r2.set\n${R2_SET}$0`, 'rule (dynamic SA)');
  assert.ok(top.insertText.startsWith('set services ipsec-vpn rule ${1:rule-ike} term ${2:term-ike} then remote-gateway ${3:192.0.2.2}\n'));
});

test('snippets: curly blocks follow the cursor indentation; the IKE policy key is a $9$ placeholder', () => {
  const src = 'services {\n    ipsec-vpn {\n        $0\n    }\n}\n';
  const policy = completionItem(src, 'ike-policy (pre-shared key)');
  assert.equal(
    policy.insertText,
    [
      'ike {',
      '            policy ${1:ike-policy} {',
      '                mode ${2|main,aggressive|};',
      '                version ${3|1,2|};',
      '                proposals ${4:ike-proposal};',
      '                pre-shared-key {',
      '                    ascii-text "${5:\\$9\\$...}";',
      '                }',
      '            }',
      '        }$0',
    ].join('\n'),
  );
  const serviceSet = completionLabels('services {\n    $0\n}\n', { kinds: ['snippet'] });
  assert.ok(serviceSet.includes('service-set (next-hop, IPsec)'));
  assert.deepEqual(completionLabels('interfaces {\n    $0\n}\n', { kinds: ['snippet'] }), []);
});

test('every snippet line is a valid statement path once placeholders take their default text', () => {
  const schema = schemaFor('ms-pic');
  for (const s of SNIPPETS) {
    for (const p of s.paths) {
      const words = plainWords([...s.anchor, ...p]).map((w) => w.replace(/^"(.*)"$/, '$1'));
      const r = lookupPath(schema, words);
      assert.ok(r.ok && (r.end === 'leaf' || (r.end === 'inside' && r.node.kind === 'list')), `${s.label}: ${words.join(' ')} (${r.end}, ${JSON.stringify(r.failure)})`);
    }
  }
});

test('summaries from our docs; resolve gives the full documentation with the [edit] level', () => {
  const item = completionItem('set services ipsec-vpn rule rule-ike term term-ike then $0', 'remote-gateway');
  assert.ok(item.documentation && item.documentation.length > 10 && !item.documentation.includes('\n'));
  const full = resolveCompletion(item.data, schemaFor('ms-pic'))!;
  assert.ok(full.includes('`[edit services ipsec-vpn rule rule-ike term term-ike then]`'), full);
  assert.ok(full.includes(item.documentation!));
  const window = completionItem('set services ipsec-vpn rule r term t then $0', 'anti-replay-window-size', 'as-pic');
  assert.match(resolveCompletion(window.data, schemaFor('as-pic'))!, /Default on as-pic: 64/);
  const snippetDoc = resolveCompletion(completionItem('services { ipsec-vpn { $0 } }', 'ike-policy (pre-shared key)').data, schemaFor('ms-pic'))!;
  assert.match(snippetDoc, /set services ipsec-vpn ike policy ike-policy pre-shared-key ascii-text "\$9\$\.\.\."/);
});

test('free-form and broken places give an empty, exact list instead of failing', () => {
  const r = completionAt('system {\n    $0\n}\n');
  assert.equal(r.isIncomplete, false);
  assert.ok(Array.isArray(r.items));
  const odd = completionAt('set services ipsec-vpn rule "unterminated $0');
  assert.equal(odd.isIncomplete, false);
  assert.deepEqual(completionLabels('services { ipsec-vpn { no-such-thing { $0 } } }'), []);
});

test('inside comments and annotations nothing is offered; right after them statements are', () => {
  assert.deepEqual(completionLabels('services {\n    # tunnels to R3 $0\n    ipsec-vpn;\n}\n'), []);
  assert.deepEqual(completionLabels(R2.replace('ascii-text "$9$Ap0I01heK8X-wBIX-bwJZik.P5F1IcM87"; ## SECRET-DATA', 'ascii-text "$9$Ap0I01heK8X-wBIX-bwJZik.P5F1IcM87"; ## SECRET-$0DATA')), []);
  assert.deepEqual(completionLabels('services {\n    /* the R3 $0 tunnel */\n    ipsec-vpn;\n}\n'), []);
  assert.ok(completionLabels('services {\n    /* the R3 tunnel */ $0\n}\n').includes('ipsec-vpn'));
});

test('srx: security ike/ipsec references come from the SRX schema the same way', () => {
  const defs = 'set security ike proposal ike-p1 dh-group group14\nset security ike proposal ike-p2 dh-group group19\nset security ipsec proposal esp-1 protocol esp\n';
  checkCompletion(`//- srx.set\n${defs}set security ike policy pol1 proposals $0\n`, ['ike-p1', 'ike-p2'], { platform: 'srx' });
  checkCompletion('//- srx.set\nset security ipsec vpn v1 ike gateway $0\nset security ike gateway gw-r3 address 10.1.15.2\n', ['gw-r3'], { platform: 'srx' });
});

test('long name lists are cut at MAX_ITEMS and narrowed by the typed prefix, flagged incomplete', () => {
  const policies = Array.from({ length: 600 }, (_, i) => `set services ipsec-vpn ike policy pol-${i} proposals ike-demo-proposal\n`).join('');
  const all = completionAt(`//- big.set\n${policies}set services ipsec-vpn rule r term t then dynamic ike-policy $0\n`);
  assert.equal(all.isIncomplete, true);
  assert.equal(all.items.length, 500);
  const narrowed = completionAt(`//- big.set\n${policies}set services ipsec-vpn rule r term t then dynamic ike-policy pol-59$0\n`);
  assert.equal(narrowed.isIncomplete, true);
  assert.deepEqual(narrowed.items.map((i) => i.label), ['pol-59', ...Array.from({ length: 10 }, (_, i) => `pol-59${i}`)]);
  const exact = completionAt(`//- small.set\n${policies.split('\n').slice(0, 3).join('\n')}\nset services ipsec-vpn rule r term t then dynamic ike-policy $0\n`);
  assert.equal(exact.isIncomplete, false);
  assert.deepEqual(exact.items.map((i) => i.label), ['pol-0', 'pol-1', 'pol-2']);
});

test('apply-groups offers the configured groups', () => {
  checkCompletion('set groups common-ike services ipsec-vpn ike policy <*> mode main\nset groups site-a system host-name R2\nset apply-groups $0\n', ['common-ike', 'site-a']);
  checkCompletion('groups {\n    common-ike {\n        services {\n            ipsec-vpn;\n        }\n    }\n}\nservices {\n    apply-groups $0\n}\n', ['common-ike']);
});

test('documented references (not in the YANG): filters, prefix lists and policies offer the configured names', () => {
  const defs =
    'set policy-options prefix-list MGMT-NETS 192.0.2.0/24\n' +
    'set policy-options prefix-list BOGONS 10.0.0.0/8\n' +
    'set policy-options policy-statement EXPORT-STATIC term t1 then accept\n' +
    'set policy-options policy-statement IMPORT-BGP term t1 then accept\n' +
    'set firewall family inet filter PROTECT-RE term t1 then accept\n' +
    'set firewall filter EDGE-IN term t1 then accept\n';
  // an inet filter may be written as `firewall filter` or `firewall family inet filter`; `filter-name`
  // is written without its keyword, next to `precedence` and `shared-name`
  checkCompletion(`//- border.set\n${defs}set interfaces ge-0/0/0 unit 0 family inet filter input $0\n`, ['EDGE-IN', 'PROTECT-RE', 'precedence', 'shared-name']);
  checkCompletion(`//- border.set\n${defs}set firewall filter EDGE-IN term t2 from source-prefix-list $0\n`, ['BOGONS', 'MGMT-NETS']);
  checkCompletion(`//- border.set\n${defs}set routing-options static route 0.0.0.0/0 next-hop 192.0.2.1\nset protocols ospf export $0\n`, ['EXPORT-STATIC', 'IMPORT-BGP']);
});
