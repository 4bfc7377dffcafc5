/**
 * Printers: the exact `show` and `show | display set` layouts, and print-then-reparse round trips on
 * every fixture (and every example once examples/ holds configurations).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toCurly, toSetCommands, type ConfigNode } from '../../../server/src/model/index';
import { fixtureNames, fixtureText, modelOf, repoRoot, shape } from './support/fixture';
import { schemaOf } from './support/schema-literal';

/** The test schema's shape without display hints, to see the plain layout. */
const plainSchema = schemaOf({
  interfaces: { interface: { $list: 'name', $nokeyword: true, description: 'string', unit: { $list: 'name', 'vlan-id': 'number' } } },
  'routing-options': { static: { route: { $list: 'name', 'next-hop': 'string[]' } } },
  services: { 'ipsec-vpn': { ike: { policy: { $list: 'name', 'pre-shared-key': { 'ascii-text': 'string' } } } } },
});

const SMALL = `/* core uplink */
interfaces {
    ge-0/0/0 {
        description "to R1 ge-0/0/0";
        inactive: unit 20 {
            vlan-id 20;
        }
    }
}
routing-options {
    static {
        route 10.0.0.0/8 next-hop [ 203.0.113.2 203.0.113.3 ];
    }
    router-ID 10.0.0.2;
}
services {
    ipsec-vpn {
        ike {
            policy p1 {
                # lab key
                pre-shared-key ascii-text "$9$Hk5FCtO1hr"; ## SECRET-DATA
            }
        }
    }
}
`;

test('toCurly prints the show layout: 4 spaces, prefixes, oneliners, [ ] lists, notes, SECRET-DATA', () => {
  const m = modelOf(SMALL);
  assert.equal(toCurly(m.root), SMALL);
  // without the schema's display hints the same tree prints as plain blocks
  const plain = toCurly(modelOf(SMALL, plainSchema).root);
  assert.match(plain, /^ {8}route 10\.0\.0\.0\/8 \{\n {12}next-hop \[ 203\.0\.113\.2 203\.0\.113\.3 \];\n {8}\}$/m);
  assert.match(plain, /^ {16}pre-shared-key \{\n {20}ascii-text "\$9\$Hk5FCtO1hr"; ## SECRET-DATA$/m);
});

test('the ike-dynamic-sa examples print back byte for byte, in both forms', () => {
  const curlyDir = path.join(repoRoot, 'examples/ike-dynamic-sa');
  const setDir = path.join(repoRoot, 'examples/ike-dynamic-sa-set');
  for (const name of fs.readdirSync(curlyDir).filter((n) => n.endsWith('.conf'))) {
    const text = fs.readFileSync(path.join(curlyDir, name), 'utf8');
    const m = modelOf(text);
    assert.equal(toCurly(m.root), text, name);
    const set = fs.readFileSync(path.join(setDir, name.replace('.conf', '.set')), 'utf8');
    // the set export has no commit-header comment; everything else is identical
    assert.equal(toSetCommands(m.root).replace(/^##.*\n/, ''), set, name);
    assert.equal(toCurly(modelOf(set).root), text.replace(/^##.*\n/, ''), name);
  }
});

test('toSetCommands prints one set per value in configuration order, then deactivate and annotate', () => {
  const m = modelOf(SMALL);
  assert.equal(
    toSetCommands(m.root),
    `set interfaces ge-0/0/0 description "to R1 ge-0/0/0"
set interfaces ge-0/0/0 unit 20 vlan-id 20
deactivate interfaces ge-0/0/0 unit 20
set routing-options static route 10.0.0.0/8 next-hop 203.0.113.2
set routing-options static route 10.0.0.0/8 next-hop 203.0.113.3
set routing-options router-ID 10.0.0.2
# lab key
set services ipsec-vpn ike policy p1 pre-shared-key ascii-text "$9$Hk5FCtO1hr"
annotate interfaces "core uplink"
`,
  );
});

test('the set printer puts annotations of deeper statements under edit/top', () => {
  const m = modelOf('set interfaces ge-0/0/0 unit 0 vlan-id 5\nedit interfaces ge-0/0/0\nannotate unit 0 "vlan 5"\n');
  const printed = toSetCommands(m.root);
  assert.equal(printed, 'set interfaces ge-0/0/0 unit 0 vlan-id 5\nedit interfaces ge-0/0/0\nannotate unit 0 "vlan 5"\ntop\n');
  assert.deepEqual(shape(modelOf(printed).root), shape(m.root));
});

function roundTrip(name: string, text: string): void {
  const m = modelOf(text);
  const curly = toCurly(m.root);
  const set = toSetCommands(m.root);
  const fromCurly = modelOf(curly);
  const fromSet = modelOf(set);
  assert.deepEqual(shape(fromCurly.root, { comments: true }), shape(m.root, { comments: true }), `${name}: curly round trip`);
  assert.deepEqual(shape(fromSet.root), shape(m.root), `${name}: set round trip`);
  // printing is a fixed point
  const noComments = (t: string): string => t.replace(/^\s*#.*\n/gm, '');
  assert.equal(toCurly(fromCurly.root), curly, `${name}: curly of curly`);
  assert.equal(toSetCommands(fromSet.root), set, `${name}: set of set`);
  // words without a schema (opaque `system`, unknown statements) keep the blocks a curly source gave
  // them, which set commands cannot tell; everything else prints the same from either form
  const freeForm = (n: ConfigNode): boolean => n.role === 'opaque' || n.role === 'unknown' || n.children.some(freeForm);
  if (!freeForm(m.root)) assert.equal(noComments(toCurly(fromSet.root)), noComments(curly), `${name}: curly of set`);
  assert.equal(toSetCommands(fromCurly.root), set, `${name}: set of curly`);
  assert.equal(fromCurly.problems.length > 0, m.problems.length > 0, `${name}: problems kept after curly`);
  assert.equal(fromSet.problems.length > 0, m.problems.length > 0, `${name}: problems kept after set`);
}

test('every fixture prints and re-parses to the same tree in both forms', () => {
  const names = fixtureNames();
  assert.ok(names.length >= 5);
  for (const name of names) roundTrip(name, fixtureText(name));
});

test('every example configuration prints and re-parses to the same tree', () => {
  const dir = path.join(repoRoot, 'examples');
  const files: string[] = [];
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(conf|set|junos|jcfg)$/.test(e.name)) files.push(full);
    }
  };
  walk(dir);
  for (const f of files) roundTrip(path.relative(repoRoot, f), fs.readFileSync(f, 'utf8'));
});

test('comment lines keep their own markers; the set layout leaves out the show header, as Junos does', () => {
  const text = fs.readFileSync(path.join(repoRoot, 'examples/ike-dynamic-sa/r2.conf'), 'utf8');
  const first = text.split('\n')[0]!;
  assert.match(first, /^## Last commit: /);
  assert.equal(toCurly(modelOf(text).root).split('\n')[0], first);
  assert.equal(toSetCommands(modelOf(text).root).split('\n')[0], 'set version 24.4R1.9');
  const commented = '# keep me\nversion 24.4R1.9;\n';
  assert.equal(toSetCommands(modelOf(commented).root), '# keep me\nset version 24.4R1.9\n');
});

test('unknown and opaque statements survive printing in both forms', () => {
  const text = `system {
    host-name r1;
    name-server [ 192.0.2.1 192.0.2.2 ];
    syslog {
        file messages {
            any notice;
            authorization info;
        }
    }
}
routing-options {
    router-ID 10.0.0.2;
    bogus a b;
    bogus a;
}
`;
  roundTrip('inline', text);
  assert.match(toCurly(modelOf(text).root), /^ {4}router-ID 10\.0\.0\.2;$/m);
  assert.match(toSetCommands(modelOf(text).root), /^set system name-server \[ 192\.0\.2\.1 192\.0\.2\.2 \]$/m);
});

test('words without a schema print with the blocks their curly source had', () => {
  const text = `system {
    login {
        user netops {
            uid 2001;
            authentication {
                encrypted-password "$6$abc$def"; ## SECRET-DATA
            }
        }
        user monitor {
            uid 2002;
        }
    }
    syslog {
        file messages {
            any notice;
        }
    }
    services ssh root-login deny;
}
`;
  const m = modelOf(text);
  assert.deepEqual(m.problems, []);
  const out = toCurly(m.root);
  assert.match(out, /^ {4}login \{\n {8}user netops \{\n {12}uid 2001;$/m);
  assert.match(out, /^ {8}user monitor \{\n {12}uid 2002;\n {8}\}$/m);
  assert.match(out, /^ {4}syslog \{\n {8}file messages \{\n {12}any notice;$/m);
  assert.match(out, /^ {4}services ssh root-login deny;$/m);
  assert.equal(toCurly(modelOf(out).root), out);
});
