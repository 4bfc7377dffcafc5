/**
 * Groups: apply-groups at root and deeper levels, apply-groups-except, wildcard matching, inheritance
 * order, provenance of inherited values, undefined groups, inactive statements in groups and config.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { find } from '../../../server/src/model/query';
import { wildcardMatches } from '../../../server/src/model/index';
import type { ConfigNode } from '../../../server/src/model/index';
import { fixtureText, modelOf, shape, slice } from './support/fixture';

function value(root: ConfigNode, path: string[]): string | undefined {
  return find(root, path)?.values.map((v) => v.text).join(' ');
}

test('wildcards glob over the name at their level', () => {
  assert.equal(wildcardMatches('<*>', 'ge-0/0/0'), true);
  assert.equal(wildcardMatches('<ge-*>', 'ge-0/0/0'), true);
  assert.equal(wildcardMatches('<ge-*>', 'xe-0/0/0'), false);
  assert.equal(wildcardMatches('<*-0/0/*>', 'xe-0/0/3'), true);
  assert.equal(wildcardMatches('<*-0/0/*>', 'ge-1/0/0'), false);
  assert.equal(wildcardMatches('<ge-[01]/*>', 'ge-1/0/0'), true);
  assert.equal(wildcardMatches('<ge-[01]/*>', 'ge-2/0/0'), false);
  assert.equal(wildcardMatches('<so-?/0/0>', 'so-1/0/0'), true);
  assert.equal(wildcardMatches('<a.b>', 'axb'), false);
  assert.equal(wildcardMatches('ge-0/0/0', 'ge-0/0/0'), true);
});

test('effective configuration of the edge router: local wins, deeper groups first, except honoured', () => {
  const text = fixtureText('edge-groups.conf');
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  const eff = m.effective();
  // local description wins over the group's; the interfaces-level group beats the root-level one for mtu
  assert.equal(value(eff, ['interfaces', 'ge-0/0/0', 'description']), 'uplink');
  assert.equal(value(eff, ['interfaces', 'ge-0/0/0', 'mtu']), '1514');
  assert.equal(value(eff, ['interfaces', 'ge-0/0/0', 'unit', '0', 'family', 'inet', 'mtu']), '1500');
  // apply-groups-except ge-defaults, and the slot-0 pattern does not match slot 1
  assert.equal(find(eff, ['interfaces', 'ge-1/0/0', 'mtu']), undefined);
  assert.equal(find(eff, ['interfaces', 'ge-1/0/0', 'description']), undefined);
  assert.equal(find(eff, ['interfaces', 'ge-1/0/0', 'unit', '0', 'family', 'inet', 'mtu']), undefined);
  // only the slot-0 group matches xe-0/0/3
  assert.equal(value(eff, ['interfaces', 'xe-0/0/3', 'description']), 'slot 0 port');
  assert.equal(find(eff, ['interfaces', 'xe-0/0/3', 'unit', '0', 'family', 'inet', 'mtu']), undefined);
  // group-only statements are added; wildcard entries are not
  assert.equal(value(eff, ['routing-options', 'router-id']), '192.0.2.1');
  assert.ok(find(eff, ['protocols', 'ospf', 'area', '0.0.0.0', 'interface', 'lo0.0', 'passive']));
  assert.deepEqual(
    find(eff, ['interfaces'])!.children.map((c) => c.keys[0]!.text),
    ['ge-0/0/0', 'ge-1/0/0', 'xe-0/0/3', 'lo0'],
  );
  // unused groups do nothing; groups and apply-groups themselves are not part of the effective view
  assert.equal(find(eff, ['snmp']), undefined);
  assert.deepEqual(eff.children.map((c) => c.keyword), ['interfaces', 'protocols', 'routing-options']);
  assert.equal(find(eff, ['interfaces', 'apply-groups']), undefined);
  // the written tree is untouched
  assert.equal(m.find(['interfaces', 'ge-0/0/0', 'mtu']), undefined);
});

test('every effective value knows where it came from', () => {
  const text = fixtureText('edge-groups.conf');
  const eff = modelOf([{ id: 'edge.conf', text }]).effective();
  const mtu = find(eff, ['interfaces', 'xe-0/0/3', 'mtu'])!;
  assert.equal(mtu.origin!.group, 'slot0-descr');
  assert.equal(mtu.values[0]!.source.docId, 'edge.conf');
  assert.equal(mtu.values[0]!.source.start, text.indexOf('1514'));
  const inner = find(eff, ['interfaces', 'ge-0/0/0', 'unit', '0', 'family', 'inet', 'mtu'])!;
  assert.equal(inner.origin!.group, 'ge-defaults');
  assert.equal(slice(text, inner.values[0]!.source), '1500');
  const local = find(eff, ['interfaces', 'ge-0/0/0', 'description'])!;
  assert.equal(local.origin!.group, undefined);
  assert.equal(slice(text, local.values[0]!.source), 'uplink');
  // a container that exists locally but also gets inherited children is the local one
  assert.equal(find(eff, ['protocols', 'ospf', 'area', '0.0.0.0'])!.origin!.group, undefined);
  assert.equal(find(eff, ['protocols', 'ospf', 'area', '0.0.0.0', 'interface', 'lo0.0'])!.origin!.group, 'ospf-base');
});

test('an earlier group in apply-groups wins over a later one', () => {
  const text = `groups {
    g1 { system { host-name from-g1; } routing-options { router-id 10.0.0.1; } }
    g2 { routing-options { router-id 10.0.0.2; static { route 0.0.0.0/0 next-hop 10.9.9.9; } } }
}
apply-groups [ g1 g2 ];
`;
  const eff = modelOf(text).effective();
  assert.equal(value(eff, ['routing-options', 'router-id']), '10.0.0.1');
  assert.equal(find(eff, ['routing-options', 'router-id'])!.origin!.group, 'g1');
  assert.equal(value(eff, ['routing-options', 'static', 'route', '0.0.0.0/0', 'next-hop']), '10.9.9.9');
  const swapped = modelOf(text.replace('[ g1 g2 ]', '[ g2 g1 ]')).effective();
  assert.equal(value(swapped, ['routing-options', 'router-id']), '10.0.0.2');
});

test('undefined group names are errors at the word; junos-defaults is built in', () => {
  const text = 'apply-groups [ junos-defaults missing-one ];\ninterfaces { ge-0/0/0 { apply-groups other; } }\n';
  const m = modelOf(text);
  assert.deepEqual(
    m.problems.map((p) => [p.code, p.severity, slice(text, p), p.data?.path]),
    [
      ['undefined-group', 'error', 'missing-one', []],
      ['undefined-group', 'error', 'other', ['interfaces', 'ge-0/0/0']],
    ],
  );
});

test('inactive statements in groups and in the configuration stay out of the effective view', () => {
  const text = `groups {
    base { interfaces { <*> { inactive: mtu 9000; description from-group; } } }
    off { routing-options { router-id 10.0.0.99; } }
}
inactive: groups off;
apply-groups [ base ];
interfaces {
    ge-0/0/0 { inactive: description local; unit 0; }
    inactive: ge-0/0/1 { unit 0; }
}
`;
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  const eff = m.effective();
  assert.equal(find(eff, ['interfaces', 'ge-0/0/0', 'mtu']), undefined);
  assert.equal(find(eff, ['interfaces', 'ge-0/0/1']), undefined);
  // the local description is inactive, so the group's applies
  assert.equal(value(eff, ['interfaces', 'ge-0/0/0', 'description']), 'from-group');
  assert.equal(find(eff, ['routing-options']), undefined);
});

test('set-form groups with quoted wildcards expand the same as curly ones', () => {
  const curly = modelOf(fixtureText('edge-groups.conf'));
  const set = modelOf(`set groups ge-defaults interfaces "<ge-*>" mtu 9192
set groups ge-defaults interfaces "<ge-*>" unit "<*>" family inet mtu 1500
set apply-groups ge-defaults
set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/30
`);
  assert.deepEqual(set.problems, []);
  const eff = set.effective();
  assert.equal(value(eff, ['interfaces', 'ge-0/0/0', 'mtu']), '9192');
  assert.equal(value(eff, ['interfaces', 'ge-0/0/0', 'unit', '0', 'family', 'inet', 'mtu']), '1500');
  assert.deepEqual(
    shape(find(set.root, ['groups', 'ge-defaults'])!),
    shape(find(curly.root, ['groups', 'ge-defaults'])!),
  );
});

test('a group that applies another group (nested groups) brings it in behind itself', () => {
  const text = `groups {
    base {
        apply-groups jumbo;
        interfaces { <ge-*> { description base; mtu 1500; } }
    }
    jumbo {
        interfaces { <ge-*> { mtu 9192; unit <*> { family inet { mtu 9000; } } } }
        protocols { ospf { area 0.0.0.0 { interface lo0.0 { passive; } } } }
    }
}
apply-groups base;
interfaces { ge-0/0/0 { unit 0 { family inet; } } }
`;
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  const eff = m.effective();
  assert.equal(value(eff, ['interfaces', 'ge-0/0/0', 'description']), 'base');
  // base names mtu itself, so it wins over the group it applies
  assert.equal(value(eff, ['interfaces', 'ge-0/0/0', 'mtu']), '1500');
  assert.equal(find(eff, ['interfaces', 'ge-0/0/0', 'mtu'])!.origin!.group, 'base');
  assert.equal(value(eff, ['interfaces', 'ge-0/0/0', 'unit', '0', 'family', 'inet', 'mtu']), '9000');
  assert.equal(find(eff, ['interfaces', 'ge-0/0/0', 'unit', '0', 'family', 'inet', 'mtu'])!.origin!.group, 'jumbo');
  // a group-only subtree from the nested group
  assert.ok(find(eff, ['protocols', 'ospf', 'area', '0.0.0.0', 'interface', 'lo0.0', 'passive']));
});
