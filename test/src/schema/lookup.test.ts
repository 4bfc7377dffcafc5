/**
 * lookupPath and findStatementElsewhere on the committed 24.4R1 schema: every statement of the seed
 * example (corrected set form), the seed's IPsec hierarchies, references, exclusions, nokeyword
 * lists, opaque `system`, groups, and the SRX tree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findStatementElsewhere, loadSchema, lookupPath, type SchemaNode } from '../../../server/src/schema';

const repo = path.resolve(__dirname, '../../../..');
const mx = loadSchema('mx');
const words = (s: string): string[] => s.split(' ');

/** Words of a `set` line, quotes removed (enough for the example files). */
function setWords(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2]!);
  return out.slice(1);
}

test('every set line of the corrected seed example walks without failure', () => {
  const dir = path.join(repo, 'examples', 'ike-dynamic-sa-set');
  let lines = 0;
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.set'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line.startsWith('set ')) continue;
      lines++;
      const r = lookupPath(mx, setWords(line));
      assert.ok(r.ok, `${f}: ${line}: ${JSON.stringify(r.failure)}`);
      assert.ok(r.end === 'leaf' || r.end === 'inside' || r.end === 'opaque', `${f}: ${line}: ended ${r.end}`);
    }
  }
  assert.ok(lines > 60);
});

test('the seed statement paths reach the right kinds of statement', () => {
  const ike = lookupPath(mx, words('services ipsec-vpn rule rule-ike term term-ike then dynamic ike-policy'));
  assert.equal(ike.end, 'needs-value');
  assert.equal(ike.node.name, 'ike-policy');
  assert.deepEqual(ike.schemaPath, ['services', 'ipsec-vpn', 'rule', 'term', 'then', 'dynamic', 'ike-policy']);
  const inside = lookupPath(mx, words('services service-set demo next-hop-service inside-service-interface ms-1/2/0.1'));
  assert.equal(inside.end, 'leaf');
  assert.equal(inside.node.type?.kind, 'union');
  const addr = lookupPath(mx, words('interfaces ge-0/0/0 unit 0 family inet address 10.1.12.2/30'));
  assert.equal(addr.node.kind, 'list');
  assert.deepEqual(addr.schemaPath, ['interfaces', 'interface', 'unit', 'family', 'inet', 'address']);
  assert.deepEqual(addr.steps.slice(0, 2).map((s) => [s.role, s.implicit]), [['keyword', false], ['key', true]]);
  const ospf = lookupPath(mx, words('protocols ospf area 0.0.0.0 interface ge-0/0/0.0'));
  assert.equal(ospf.node.name, 'interface');
  assert.equal(ospf.end, 'inside');
  const rid = lookupPath(mx, words('routing-options router-id 10.0.0.1'));
  assert.equal(rid.end, 'leaf');
  assert.equal(rid.node.type?.kind, 'named');
});

test('unknown statements fail at the word with did-you-mean', () => {
  const r = lookupPath(mx, words('routing-options router-ID 10.0.0.2'));
  assert.equal(r.ok, false);
  assert.equal(r.failure?.reason, 'unknown-statement');
  assert.equal(r.failure?.word, 1);
  assert.equal(r.failure?.suggestions[0], 'router-id');
  const pre = lookupPath(mx, words('services ipsec-vpn ike policy ike-demo-policy pre-shared proposals demo-proposal'));
  assert.equal(pre.failure?.reason, 'unknown-statement');
  assert.equal(pre.failure?.word, 5);
  assert.equal(pre.context.name, 'policy');
  assert.equal(pre.context.child('pre-shared'), undefined);
  assert.ok(pre.context.child('pre-shared-key'));
  // a misspelt keyword where a nokeyword value could also stand is still reported as a keyword
  const limit = lookupPath(mx, words('routing-options maximum-prefixes threshhold 80'));
  assert.equal(limit.failure?.reason, 'unknown-statement');
  assert.deepEqual(limit.failure?.suggestions, ['threshold']);
  assert.ok(lookupPath(mx, words('routing-options maximum-prefixes 1000 threshold 80')).ok);
  assert.equal(lookupPath(mx, words('routing-options maximum-prefixes 1000x')).failure?.reason, 'bad-value');
  // a nokeyword list keyed by an enumeration: a near miss is a bad value with a suggestion
  const syslog = lookupPath(mx, words('interfaces ms-1/2/0 services-options syslog host local servces info'));
  assert.equal(syslog.failure?.reason, 'bad-value');
  assert.deepEqual(syslog.failure?.suggestions, ['services']);
});

test('bad values fail with the value problem', () => {
  const r = lookupPath(mx, words('services ipsec-vpn rule r term t then anti-replay-window-size 8192'));
  assert.equal(r.failure?.reason, 'bad-value');
  assert.equal(r.failure?.word, 8);
  assert.equal(r.failure?.valueProblem?.code, 'out-of-range');
  const ok = lookupPath(mx, words('services ipsec-vpn rule r term t then anti-replay-window-size 8192'), { validateValues: false });
  assert.ok(ok.ok);
  const dh = lookupPath(mx, words('services ipsec-vpn ike proposal p dh-group group3'));
  assert.equal(dh.failure?.valueProblem?.code, 'not-in-enumeration');
});

test('references and exclusions the YANG declares for the seed statements', () => {
  const then = lookupPath(mx, words('services ipsec-vpn rule r term t then')).node;
  const ikePolicy = then.child('dynamic')!.child('ike-policy')!;
  assert.deepEqual(ikePolicy.references, [{ path: ['services', 'ipsec-vpn', 'ike', 'policy'], relative: false, up: 0 }]);
  const companion = ikePolicy.constraints.find((c) => c.kind === 'requires-any');
  assert.ok(companion && companion.kind === 'requires-any');
  assert.deepEqual(companion.alternatives.map((a) => a.path[a.path.length - 1]), ['pre-shared-key', 'local-certificate']);
  const proposals = lookupPath(mx, words('services ipsec-vpn ike policy p proposals')).node;
  assert.deepEqual(proposals.references, [{ path: ['proposal'], relative: true, up: 3 }]);
  const ipsecProposals = lookupPath(mx, words('services ipsec-vpn ipsec policy p proposals')).node;
  assert.deepEqual(ipsecProposals.references, [{ path: ['proposal'], relative: true, up: 3 }]);
  assert.deepEqual(then.child('anti-replay-window-size')!.constraints, [{ kind: 'excludes', path: ['no-anti-replay'], up: 1, relative: true }]);
  assert.deepEqual(then.child('no-anti-replay')!.constraints, [{ kind: 'excludes', path: ['anti-replay-window-size'], up: 1, relative: true }]);
  const rules = lookupPath(mx, words('services service-set s ipsec-vpn-rules rule-ike')).node;
  assert.deepEqual(rules.references, [{ path: ['services', 'ipsec-vpn', 'rule'], relative: false, up: 0 }]);
  assert.deepEqual(rules.constraints, [{ kind: 'requires', path: ['ipsec-vpn-options', 'local-gateway'], up: 1, relative: true }]);
});

test('system is opaque: anything below it is accepted', () => {
  const r = lookupPath(mx, words('system syslog file messages any notice'));
  assert.ok(r.ok);
  assert.equal(r.end, 'opaque');
  assert.equal(mx.root.child('system')!.opaque, true);
  assert.equal(mx.root.child('logical-systems')!.opaque, true);
});

test('apply-groups, apply-groups-except and groups work at the levels Junos allows', () => {
  for (const p of ['apply-groups g1', 'interfaces apply-groups g1', 'interfaces ge-0/0/0 apply-groups-except g1', 'services ipsec-vpn rule r apply-groups g1', 'protocols ospf area 0.0.0.0 apply-groups g1']) {
    assert.ok(lookupPath(mx, words(p)).ok, p);
  }
  const g = lookupPath(mx, words('groups ipsec-common services ipsec-vpn ike proposal p dh-group group14'));
  assert.ok(g.ok, JSON.stringify(g.failure));
  assert.ok(lookupPath(mx, words('groups ge-defaults interfaces <ge-*> unit 0 family inet')).ok);
  assert.ok(lookupPath(mx, words('groups sys system host-name r1')).ok);
  // wildcard entry names are accepted inside groups only
  assert.ok(lookupPath(mx, words('groups g services ipsec-vpn ike policy <*> mode main')).ok);
  assert.equal(lookupPath(mx, words('services ipsec-vpn ike policy <*> mode main')).failure?.reason, 'bad-value');
  assert.ok(lookupPath(mx, words('apply-macro params key1 value1')).ok);
});

test('findStatementElsewhere lists shortest paths first', () => {
  const psk = findStatementElsewhere(mx, 'pre-shared-key', 10);
  assert.ok(psk.some((l) => l.display === 'services ipsec-vpn ike policy <name> pre-shared-key'), psk.map((l) => l.display).join('\n'));
  for (let i = 1; i < psk.length; i++) assert.ok(psk[i - 1]!.path.length <= psk[i]!.path.length);
  const rid = findStatementElsewhere(mx, 'router-id', 3);
  assert.equal(rid[0]!.display, 'routing-options router-id');
  assert.equal(findStatementElsewhere(mx, 'no-such-statement-anywhere').length, 0);
  assert.ok(findStatementElsewhere(mx, 'unit', 100).length <= 8);
});

test('SRX: security ike gateway and st0 interfaces exist on srx', () => {
  const srx = loadSchema('srx');
  assert.equal(srx.platform, 'srx');
  const gw = lookupPath(srx, words('security ike gateway gw1 address 192.0.2.1'));
  assert.ok(gw.ok, JSON.stringify(gw.failure));
  const ipsecVpn = lookupPath(srx, words('security ipsec vpn vpn1 ike gateway gw1'));
  assert.ok(ipsecVpn.ok, JSON.stringify(ipsecVpn.failure));
  assert.ok(lookupPath(srx, words('interfaces st0 unit 0 family inet')).ok);
  assert.ok(lookupPath(srx, words('security zones security-zone trust interfaces st0.0')).ok);
  // the MX family's own security tree has no zones
  assert.equal(lookupPath(mx, words('security zones')).failure?.reason, 'unknown-statement');
  // the rest of the tree is shared between the platforms
  assert.equal(srx.root.child('protocols'), mx.root.child('protocols'));
});

test('valid statements from many hierarchies are not flagged (fixtures/valid-mx.set)', () => {
  const file = path.join(repo, 'test', 'src', 'schema', 'fixtures', 'valid-mx.set');
  const failures: string[] = [];
  let count = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('set ')) continue;
    count++;
    const r = lookupPath(mx, setWords(line));
    if (!r.ok) failures.push(`${line}: ${JSON.stringify(r.failure)}`);
  }
  assert.ok(count > 70);
  assert.deepEqual(failures, []);
});

test('YANG-renamed keywords are emitted as Junos writes them (802.3ad)', () => {
  assert.ok(lookupPath(mx, words('interfaces ge-0/0/2 gigether-options 802.3ad ae0')).ok);
  assert.equal(lookupPath(mx, words('interfaces ge-0/0/2 gigether-options ieee-802.3ad ae0')).failure?.reason, 'unknown-statement');
  const srx = loadSchema('srx');
  for (const kind of ['source', 'destination', 'static']) {
    const rule = lookupPath(srx, words(`security nat ${kind} rule-set rs rule r1`)).node;
    assert.ok(rule.child('match'), `${kind} nat rule has match`);
    assert.equal(rule.children().some((c) => /-nat-rule-match$/.test(c.name)), false, kind);
  }
});

test('no XML-only name is left in either tree (the systematic hunt, kept as an invariant)', () => {
  // Hunted over the whole 24.4R1 tree: statement names that are not CLI words (YANG identifiers cannot
  // start with a digit; XML element names of NAT match blocks; the SRX policy list named after its
  // XML element with `-name` keys). Other odd-looking names (`ipv4_addr`, `CRC16`, `DAY1`,
  // `ieee-802.1`) are what the CLI itself accepts, and are left alone.
  for (const platform of ['mx', 'srx'] as const) {
    const schema = loadSchema(platform);
    const seen = new Set<SchemaNode>();
    const stack: SchemaNode[] = [schema.root];
    const bad: string[] = [];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      if (/^ieee-802\.3ad$|-nat-rule-match$/.test(n.name)) bad.push(n.name);
      if (n.kind === 'list' && n.keys.some((k) => k.nokeyword === false && /-name$/.test(k.name) && k !== n.keys[0])) {
        bad.push(`${n.name} ${n.keys.map((k) => k.name).join(' ')}`);
      }
      stack.push(...n.children());
    }
    assert.deepEqual(bad, [], platform);
  }
});

test('valid SRX statements are not flagged on the srx schema (fixtures/valid-srx.set)', () => {
  const srx = loadSchema('srx');
  const file = path.join(repo, 'test', 'src', 'schema', 'fixtures', 'valid-srx.set');
  const failures: string[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('set ')) continue;
    const r = lookupPath(srx, setWords(line));
    if (!r.ok) failures.push(`${line}: ${JSON.stringify(r.failure)}`);
  }
  assert.deepEqual(failures, []);
});

test('lists with several keys: keyword keys, bare keys, optional choice values', () => {
  const vl = lookupPath(mx, words('protocols ospf area 0.0.0.0 virtual-link neighbor-id 10.0.0.1 transit-area 0.0.0.1'));
  assert.ok(vl.ok);
  assert.deepEqual(vl.node.keys.map((k) => [k.name, k.nokeyword]), [['neighbor-id', false], ['transit-area', false]]);
  const bare = lookupPath(mx, words('protocols ospf area 0.0.0.0 virtual-link 10.0.0.1 0.0.0.1'));
  assert.equal(bare.failure?.reason, 'unknown-statement');
  assert.deepEqual(bare.failure?.suggestions, ['neighbor-id']);
  const upto = lookupPath(mx, words('policy-options policy-statement E term 1 from route-filter 10.0.0.0/8 upto /24'));
  assert.ok(upto.ok);
  assert.equal(upto.steps.filter((s) => s.role === 'key' && s.node.name === 'route-filter').length, 3);
  const exact = lookupPath(mx, words('policy-options policy-statement E term 1 from route-filter 10.0.0.0/8 exact accept'));
  assert.ok(exact.ok);
  assert.equal(exact.node.name, 'accept', 'the optional choice value is absent: accept is a statement');
  const add = lookupPath(mx, words('policy-options policy-statement E term 1 then community add CUST'));
  assert.ok(add.ok, JSON.stringify(add.failure));
  assert.equal(add.end, 'inside', 'the optional choice value is left out when only the name follows');
  assert.deepEqual(add.steps.filter((s) => s.role === 'key').map((s) => s.word), [2, 4, 7, 8]);
  const addValue = lookupPath(mx, words('policy-options policy-statement E term 1 then community add'));
  assert.equal(addValue.end, 'needs-key', 'the community name is required');
  const srx = loadSchema('srx');
  const pol = lookupPath(srx, words('security policies from-zone trust to-zone untrust policy p1 then permit'));
  assert.ok(pol.ok, JSON.stringify(pol.failure));
  assert.deepEqual(pol.schemaPath.slice(0, 3), ['security', 'policies', 'from-zone']);
});
