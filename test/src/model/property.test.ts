/**
 * Property: any sequence of set / delete / deactivate / activate commands gives the same effective values
 * (and the same number of delete-nonexistent warnings) as applying them to a plain reference map.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nodePath, type ConfigNode } from '../../../server/src/model/index';
import { modelOf } from './support/fixture';

/** C: non-presence container, P: presence container, E: list entry, L: leaf, LL: leaf-list */
type Kind = 'C' | 'P' | 'E' | 'L' | 'LL';
interface Segment {
  readonly words: readonly string[];
  readonly kind: Kind;
}

const IFACES = ['ge-0/0/0', 'ge-0/0/1', 'xe-1/0/0'];
const UNITS = ['0', '10'];

function ifaceSegs(i: string): Segment[] {
  return [{ words: ['interfaces'], kind: 'C' }, { words: [i], kind: 'E' }];
}
function unitSegs(i: string, u: string): Segment[] {
  return [...ifaceSegs(i), { words: ['unit', u], kind: 'E' }];
}
function termSegs(t: string): Segment[] {
  return [
    { words: ['policy-options'], kind: 'C' },
    { words: ['policy-statement', 'p1'], kind: 'E' },
    { words: ['term', t], kind: 'E' },
    { words: ['from'], kind: 'C' },
  ];
}

/** Leaf paths (segments ending in a leaf) with the values they may take. */
const leafArb = fc.oneof(
  fc.constantFrom('10.0.0.1', '10.0.0.2').map((v) => ({ segs: [{ words: ['routing-options'], kind: 'C' as Kind }, { words: ['router-id'], kind: 'L' as Kind }], value: v })),
  fc.tuple(fc.constantFrom(...IFACES), fc.constantFrom('core', 'edge')).map(([i, v]) => ({ segs: [...ifaceSegs(i), { words: ['description'], kind: 'L' as Kind }], value: v })),
  fc.tuple(fc.constantFrom(...IFACES), fc.constantFrom(...UNITS), fc.constantFrom('10', '20')).map(([i, u, v]) => ({
    segs: [...unitSegs(i, u), { words: ['vlan-id'], kind: 'L' as Kind }],
    value: v,
  })),
  fc.tuple(fc.constantFrom(...IFACES), fc.constantFrom(...UNITS), fc.constantFrom('1500', '9000')).map(([i, u, v]) => ({
    segs: [...unitSegs(i, u), { words: ['family'], kind: 'C' as Kind }, { words: ['inet'], kind: 'P' as Kind }, { words: ['mtu'], kind: 'L' as Kind }],
    value: v,
  })),
  fc.tuple(fc.constantFrom('t1', 't2'), fc.constantFrom('static', 'ospf', 'bgp')).map(([t, v]) => ({
    segs: [...termSegs(t), { words: ['protocol'], kind: 'LL' as Kind }],
    value: v,
  })),
);

type Command =
  | { readonly verb: 'set'; readonly segs: readonly Segment[]; readonly value: string }
  | { readonly verb: 'delete'; readonly segs: readonly Segment[]; readonly value: string | undefined }
  | { readonly verb: 'deactivate' | 'activate'; readonly segs: readonly Segment[] };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: leafArb.map((l) => ({ verb: 'set' as const, ...l })) },
  {
    weight: 3,
    arbitrary: fc.tuple(leafArb, fc.nat(), fc.boolean()).map(([l, cut, withValue]) => {
      const depth = 1 + (cut % l.segs.length);
      const segs = l.segs.slice(0, depth);
      const last = segs[segs.length - 1]!;
      return { verb: 'delete' as const, segs, value: last.kind === 'LL' && withValue ? l.value : undefined };
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('deactivate' as const, 'activate' as const), fc.constantFrom(...IFACES)).map(([verb, i]) => ({ verb, segs: ifaceSegs(i) })),
  },
);

const SEP = '\u0001';
const keyOf = (segs: readonly Segment[]): string => segs.flatMap((s) => s.words).join(SEP);

/** The reference: nodes by path, leaf values, inactive interfaces. */
class Reference {
  readonly nodes = new Map<string, Kind>();
  readonly values = new Map<string, string[]>();
  readonly inactive = new Set<string>();
  warnings = 0;

  apply(c: Command): void {
    const key = keyOf(c.segs);
    if (c.verb === 'set') {
      for (let d = 1; d <= c.segs.length; d++) this.nodes.set(keyOf(c.segs.slice(0, d)), c.segs[d - 1]!.kind);
      const kind = c.segs[c.segs.length - 1]!.kind;
      const list = this.values.get(key) ?? [];
      if (kind === 'L') this.values.set(key, [c.value]);
      else if (!list.includes(c.value)) this.values.set(key, [...list, c.value]);
      return;
    }
    if (!this.nodes.has(key)) {
      this.warnings++;
      return;
    }
    if (c.verb !== 'delete') {
      if (c.verb === 'deactivate') this.inactive.add(key);
      else this.inactive.delete(key);
      return;
    }
    if (c.value !== undefined) {
      const list = this.values.get(key)!;
      if (!list.includes(c.value)) {
        this.warnings++;
        return;
      }
      const rest = list.filter((v) => v !== c.value);
      if (rest.length > 0) return void this.values.set(key, rest);
    }
    for (const map of [this.nodes, this.values] as Map<string, unknown>[]) {
      for (const k of [...map.keys()]) if (k === key || k.startsWith(key + SEP)) map.delete(k);
    }
    for (const k of [...this.inactive]) if (k === key || k.startsWith(key + SEP)) this.inactive.delete(k);
    // empty non-presence containers disappear
    for (let d = c.segs.length - 1; d >= 1; d--) {
      const parent = keyOf(c.segs.slice(0, d));
      if (c.segs[d - 1]!.kind !== 'C') break;
      if ([...this.nodes.keys()].some((k) => k.startsWith(parent + SEP))) break;
      this.nodes.delete(parent);
    }
  }

  effective(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [k, v] of this.values) {
      if ([...this.inactive].some((i) => k.startsWith(i + SEP))) continue;
      out.set(k, v);
    }
    return out;
  }
}

function leavesOf(root: ConfigNode): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const visit = (n: ConfigNode): void => {
    if (n.role === 'leaf' || n.role === 'leaf-list') out.set(nodePath(n).join(SEP), n.values.map((v) => v.text));
    for (const c of n.children) visit(c);
  };
  visit(root);
  return out;
}

function render(c: Command): string {
  const words = c.segs.flatMap((s) => s.words);
  if (c.verb === 'set') return `set ${words.join(' ')} ${c.value}`;
  if (c.verb === 'delete') return `delete ${words.join(' ')}${c.value !== undefined ? ' ' + c.value : ''}`;
  return `${c.verb} ${words.join(' ')}`;
}

test('set/delete/deactivate sequences agree with a reference map', () => {
  fc.assert(
    fc.property(fc.array(commandArb, { maxLength: 40 }), (commands) => {
      const ref = new Reference();
      for (const c of commands) ref.apply(c);
      const text = commands.map(render).join('\n') + '\n';
      const m = modelOf(text);
      const sortMap = (x: Map<string, string[]>): [string, string[]][] => [...x.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      assert.deepEqual(sortMap(leavesOf(m.effective())), sortMap(ref.effective()), text);
      assert.equal(m.problems.filter((p) => p.code === 'delete-nonexistent').length, ref.warnings, text);
      assert.deepEqual(m.problems.filter((p) => p.code !== 'delete-nonexistent'), [], text);
    }),
    { numRuns: 300 },
  );
});
