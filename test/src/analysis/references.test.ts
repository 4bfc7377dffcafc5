/** analysis/references.ts: the reference index and undefined / unused / unapplied names. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { documentedReferencePatterns } from '../../../server/src/analysis/references';
import { loadSchema } from '../../../server/src/schema/index';
import type { SchemaNode } from '../../../server/src/schema/types';
import { analyzeText, check, edit, findings, marked, position, R2_CURLY, R2_SET, readRepoFile, ready } from './support/check';

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

// References Juniper documents but the YANG declares no `junos:must` for (analysis/references.ts
// DOCUMENTED_REFERENCES): prefix lists, policy statements, firewall filters, policers, communities, AS paths.
const BORDER_CURLY = readRepoFile('test/fixtures/references/mx-border.conf');
const BORDER_SET = readRepoFile('test/fixtures/references/mx-border.set');

/** `kind name <- use, use, ...` for every definition with uses, uses as `line:col` of the written word. */
function linked(id: string, text: string): string[] {
  const { references } = analyzeText(id, text);
  return references.definitions
    .filter((d) => d.kind !== 'interfaces' && references.referencesOf(d).length > 0)
    .map((d) => `${d.kind} ${d.name} <- ${references.referencesOf(d).map((u) => text.slice(u.word.source.start, u.word.source.end) === d.name ? position(text, u.word.source.start) : '?').join(' ')}`)
    .sort();
}

test('documented references: every use of a prefix list, policy, filter, policer, community and AS path links to its definition (curly)', () => {
  assert.deepEqual(analyzeText('mx-border.conf', BORDER_CURLY).diagnostics, []);
  assert.deepEqual(linked('mx-border.conf', BORDER_CURLY), [
    'firewall family inet filter COUNT-OUT <- 13:35',
    'firewall family inet filter EDGE-IN <- 12:27',
    'firewall family inet6 filter EDGE6-IN <- 22:27',
    'firewall filter EDGE-OUT <- 13:45',
    'firewall filter PROTECT-RE <- 32:27',
    'firewall policer LIMIT-100M <- 16:27',
    'firewall policer SSH-1M <- 180:25',
    'policy-options as-path LONG-PATH <- 83:26',
    'policy-options community FROM-TRANSIT <- 88:31',
    'policy-options community NO-EXPORT-HINT <- 105:27',
    'policy-options policy-statement LOAD-BALANCE <- 43:16',
    'policy-options policy-statement NO-BOGONS <- 51:22',
    'policy-options policy-statement OWN-PREFIXES <- 51:32',
    'policy-options policy-statement TRANSIT-IN <- 50:20',
    'policy-options prefix-list BOGONS <- 78:29 96:36 121:25 174:21',
    'policy-options prefix-list MGMT-NETS <- 171:21',
    'policy-options prefix-list OWN-AGGREGATES <- 104:29',
  ]);
});

test('documented references: the set form of the same router links the same names', () => {
  assert.deepEqual(analyzeText('mx-border.set', BORDER_SET).diagnostics, []);
  const names = (lines: string[]) => lines.map((l) => `${l.split(' <- ')[0]} x${l.split(' <- ')[1]!.split(' ').length}`);
  assert.deepEqual(names(linked('mx-border.set', BORDER_SET)), names(linked('mx-border.conf', BORDER_CURLY)));
});

test('documented references: an undefined prefix list, policy, filter, policer, community or AS path is an error naming the list', () => {
  const cases: [string, string, string, string[]][] = [
    ['input EDGE-IN;', 'input EDGE-IM;', 'EDGE-IM', ['firewall', 'family', 'inet', 'filter']],
    ['input EDGE6-IN;', 'input EDGE6-INN;', 'EDGE6-INN', ['firewall', 'family', 'inet6', 'filter']],
    ['export [ NO-BOGONS OWN-PREFIXES ];', 'export [ NO-BOGONS OWN-PREFIX ];', 'OWN-PREFIX', ['policy-options', 'policy-statement']],
    ['export LOAD-BALANCE;', 'export LOAD-BALANCING;', 'LOAD-BALANCING', ['policy-options', 'policy-statement']],
    ['                    MGMT-NETS;', '                    MGMT-NET;', 'MGMT-NET', ['policy-options', 'prefix-list']],
    ['prefix-list-filter BOGONS orlonger;', 'prefix-list-filter BOGON orlonger;', 'BOGON', ['policy-options', 'prefix-list']],
    ['community add FROM-TRANSIT;', 'community add FROM-TRANSIT-X;', 'FROM-TRANSIT-X', ['policy-options', 'community']],
    ['from as-path LONG-PATH;', 'from as-path LONG-PATHS;', 'LONG-PATHS', ['policy-options', 'as-path']],
    ['policer SSH-1M;', 'policer SSH-2M;', 'SSH-2M', ['firewall', 'policer']],
  ];
  for (const [from, to, word, list] of cases) {
    const text = edit(BORDER_CURLY, from, to);
    const found = findings(text, 'undefined-reference');
    assert.deepEqual(found.map((d) => text.slice(d.start, d.end)), [word], to);
    assert.equal(found[0]!.severity, 'error');
    assert.deepEqual(found[0]!.data, { kind: 'create-definition', path: list, name: word }, to);
    assert.match(found[0]!.message, new RegExp(`no '${list.join(' ')} ${word}'`), to);
  }
  // the closest configured name is offered, and that definition is not also reported unused
  const text = edit(BORDER_CURLY, 'prefix-list OWN-AGGREGATES;', 'prefix-list OWN-AGGREGATE;');
  assert.match(findings(text, 'undefined-reference')[0]!.message, /closest configured one is 'OWN-AGGREGATES'/);
  assert.deepEqual(findings(text, 'unused-definition'), []);
});

test('documented references: an inet filter may be defined as `firewall filter` or `firewall family inet filter`', () => {
  // EDGE-OUT is a `firewall filter`, COUNT-OUT a `family inet` one; both satisfy the same output-list
  const moved = edit(edit(BORDER_CURLY, '    filter EDGE-OUT {\n', '    family inet {\n        filter EDGE-OUT {\n'), '            then accept;\n        }\n    }\n    filter PROTECT-RE {', '            then accept;\n        }\n    }\n    }\n    filter PROTECT-RE {');
  assert.deepEqual(findings(moved, 'undefined-reference'), []);
  assert.deepEqual(findings(moved, 'syntax-error'), []);
  // an inet6 filter is not an inet filter
  const wrongFamily = edit(BORDER_CURLY, 'input PROTECT-RE;', 'input EDGE6-IN;');
  assert.deepEqual(marked(wrongFamily, 'undefined-reference'), ['EDGE6-IN']);
});

test('documented references: unused prefix lists, policies and filters are hints; used ones are not', () => {
  const spare = edit(BORDER_CURLY, '    prefix-list OWN-AGGREGATES {', '    prefix-list SPARE-NETS {\n        10.99.0.0/16;\n    }\n    prefix-list OWN-AGGREGATES {');
  assert.deepEqual(marked(spare, 'unused-definition'), ['SPARE-NETS']);
  // a prefix list used only by a firewall filter, a policy only by a BGP group, a filter only by an interface
  const onlyUses = (text: string) => marked(text, 'unused-definition');
  assert.deepEqual(onlyUses(edit(BORDER_CURLY, 'input PROTECT-RE;', 'input EDGE-IN;')), ['PROTECT-RE']);
  assert.deepEqual(onlyUses(edit(BORDER_CURLY, 'import TRANSIT-IN;', '')), ['TRANSIT-IN']);
  assert.deepEqual(onlyUses(edit(BORDER_CURLY, 'export LOAD-BALANCE;', '')).sort(), ['LOAD-BALANCE']);
});

test('documented references: reserved `__` names, policy expressions, partial files and inactive definitions are not flagged', () => {
  // names Junos keeps for itself are never looked up
  assert.deepEqual(findings(edit(BORDER_CURLY, 'input PROTECT-RE;', 'input __default_arp_policer__;'), 'undefined-reference'), []);
  // a policy expression names several policies in one word: not an undefined name, and its names count as used
  const expression = edit(BORDER_CURLY, 'import TRANSIT-IN;', 'import "(TRANSIT-IN && NO-BOGONS)";');
  assert.deepEqual(findings(expression, 'undefined-reference'), []);
  assert.deepEqual(findings(expression, 'unused-definition'), []);
  // a file without [edit policy-options] or [edit firewall] (a part of a configuration) cannot know
  assert.deepEqual(
    check('set protocols bgp group TRANSIT export OWN-PREFIXES\nset interfaces xe-0/0/0 unit 0 family inet filter input EDGE-IN\nset interfaces xe-0/0/0 unit 0 family inet address 203.0.113.2/30\n'),
    [],
  );
  // an inactive (deactivated) policy statement is configured, just not in effect
  const inactive = edit(BORDER_CURLY, '    policy-statement LOAD-BALANCE {', '    inactive: policy-statement LOAD-BALANCE {');
  assert.deepEqual(findings(inactive, 'undefined-reference'), []);
});

test('documented references: uses inside applied groups link once to the definition', () => {
  const grouped = edit(
    BORDER_CURLY,
    'system {\n',
    'groups {\n    re-protect {\n        interfaces {\n            lo0 {\n                unit 0 {\n                    family inet {\n                        filter {\n                            output EDGE-OUT;\n                        }\n                    }\n                }\n            }\n        }\n    }\n}\napply-groups re-protect;\nsystem {\n',
  );
  assert.deepEqual(analyzeText('g.conf', grouped).diagnostics, []);
  const { references } = analyzeText('g.conf', grouped);
  const def = references.definitionAt('g.conf', grouped.indexOf('filter EDGE-OUT {') + 'filter '.length)!;
  assert.deepEqual(references.referencesOf(def).map((u) => position(grouped, u.word.source.start)).sort(), ['10:36', '29:45'], 'the group\'s word and the interface\'s own');
  assert.deepEqual(marked(edit(grouped, 'output EDGE-OUT;', 'output EDGE-OUTT;'), 'undefined-reference'), ['EDGE-OUTT']);
});

test('documented references: every pattern of the table names statements the schema has, and every target is a list', () => {
  // the walk only enters statements some pattern can still match (segment-wise: `*` any, `{a|b}` one of)
  const shapes = documentedReferencePatterns().flatMap((c) => {
    const expanded = c.at.replace(/\{([^}]*)\}/g, (_: string, alts: string): string => (alts.includes(' ') ? `<${alts}>` : `{${alts}}`));
    const whole = /^<([^>]*)> (.*)$/.exec(expanded);
    const variants = whole ? whole[1]!.split('|').map((a) => `${a} ${whole[2]}`) : [expanded];
    return variants.map((v) => v.split(' ').map((seg) => (seg === '*' ? undefined : seg.startsWith('{') ? seg.slice(1, -1).split('|') : [seg])));
  });
  const viable = (path: readonly string[]): boolean =>
    shapes.some((shape) => shape.length >= path.length && path.every((w, i) => shape[i] === undefined || shape[i]!.includes(w)));
  const matched = new Map<string, Set<string>>();
  for (const family of ['mx', 'srx'] as const) {
    const schema = loadSchema(family);
    const walk = (node: SchemaNode, path: string[]): void => {
      for (const child of node.children()) {
        const here = [...path, child.name];
        if (!viable(here)) continue;
        const text = here.join(' ');
        for (const c of documentedReferencePatterns()) {
          const m = c.pattern.exec(text);
          if (!m) continue;
          assert.ok(child.kind !== 'container', `${text} holds a name (a leaf, leaf-list or list), not a container`);
          let list = matched.get(c.at);
          if (!list) matched.set(c.at, (list = new Set()));
          for (const target of c.row.targets) {
            const words: string[] = target.replace(/\$(\d)/g, (_: string, i: string): string => m[Number(i)] ?? '').split(' ');
            let t: SchemaNode | undefined = schema.root;
            for (const w of words) t = t?.child(w);
            assert.equal(t?.kind, 'list', `${family}: ${text} -> ${words.join(' ')} is a list`);
          }
          list.add(family);
        }
        walk(child, here);
      }
    };
    walk(schema.root, []);
  }
  const unmatched = documentedReferencePatterns().map((c) => c.at).filter((at) => !matched.has(at));
  assert.deepEqual([...new Set(unmatched)], [], 'patterns no schema statement matches (a typo in the table)');
});

test('an interface-style service set applied on an interface is a reference: undefined names are errors, uses link (set form)', () => {
  const text = `${R2_SET}set services service-set ifs interface-service service-interface ms-1/2/0.0
set interfaces ge-0/0/1 unit 0 family inet service input service-set ifs
set interfaces ge-0/0/1 unit 0 family inet service output service-set ifz
`;
  // the misspelt one is reported once, as a reference (the companion rule stays silent for a missing entry)
  assert.deepEqual(marked(text, 'undefined-reference'), ['ifz']);
  const [d] = findings(text, 'undefined-reference');
  assert.match(d!.message, /service-set.*'ifs'/);
  const { references } = analyzeText('r2.set', text);
  const def = references.definitionAt('r2.set', text.indexOf('service-set ifs interface-service') + 'service-set '.length)!;
  assert.equal(def.kind, 'services service-set');
  assert.deepEqual(
    references.referencesOf(def).map((u) => text.slice(u.word.source.start, u.word.source.end)),
    ['ifs'],
  );
  assert.equal(references.referencesOf(def)[0]!.word.source.start, text.indexOf('input service-set ifs') + 'input service-set '.length);
  // the service filters an interface names are references to [edit firewall family inet service-filter]
  const filters = `${text}set firewall family inet service-filter SF term t then service
set interfaces ge-0/0/1 unit 0 family inet service input service-set ifs service-filter SF
set interfaces ge-0/0/1 unit 0 family inet service input post-service-filter SG
`;
  assert.deepEqual(marked(filters, 'undefined-reference'), ['ifz', 'SG']);
  const six = `${text}set firewall family inet6 service-filter SF6 term t then service
set interfaces ge-0/0/1 unit 0 family inet6 service input service-set ifs service-filter SF6
set interfaces ge-0/0/1 unit 0 family inet6 service input post-service-filter SG6
`;
  assert.deepEqual(marked(six, 'undefined-reference'), ['ifz', 'SG6']);
});

test('a must through an interface value into the interface is no list reference: a configured interface (and unit) is not undefined', () => {
  const text = `set system host-name r1
set interfaces ge-0/0/1 encapsulation vlan-vpls
set interfaces ge-0/0/1 unit 0 family vpls
set protocols oam ethernet fnp interface ge-0/0/1
`;
  assert.deepEqual(marked(text, 'undefined-reference'), []);
});
