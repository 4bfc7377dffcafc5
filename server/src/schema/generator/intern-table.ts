/**
 * schema/generator/intern-table.ts: stores generated nodes once each, by structure.
 * Owns: interning of strings, JSON values (types, keys, references, constraints), child lists and
 *   nodes into the tables of the committed file (see ../encoding.ts), and the generator-side view of
 *   each stored node (name, kind, type...) that the resolver needs to pick list keys.
 * Must not know: YANG, file IO.
 * Invariants: equal structures get equal ids (a node's id depends only on its content and its
 *   children's ids); ids are assigned in first-seen order, so the same input order gives the same file.
 * Tests: test/src/schema/generator.test.ts
 */
import { Flag, KIND_CODES } from '../encoding';
import type { Constraint, ReferenceTarget, StatementKind, ValueType } from '../types';

export interface GenNode {
  readonly name: string;
  readonly kind: StatementKind;
  readonly presence: boolean;
  readonly mandatory: boolean;
  readonly orderedByUser: boolean;
  readonly opaque: boolean;
  readonly nokeyword: boolean;
  readonly deprecated: boolean;
  /** `junos:cli-feature` display hints; absent = false */
  readonly oneliner?: boolean;
  readonly onelinerPlus?: boolean;
  readonly homogeneous?: boolean;
  readonly type?: ValueType;
  readonly keys: readonly { readonly name: string; readonly type: ValueType; readonly nokeyword: boolean; readonly optional: boolean }[];
  readonly default?: string;
  readonly units?: string;
  readonly references: readonly ReferenceTarget[];
  readonly constraints: readonly Constraint[];
  readonly children: readonly number[];
}

/** JSON with bigints written as decimal strings (the loader turns them back). */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

export class InternTable {
  readonly strings: string[] = [];
  readonly values: unknown[] = [];
  readonly lists: number[][] = [];
  readonly nodes: number[][] = [];
  /** generator-side view of node i */
  readonly info: GenNode[] = [];
  private readonly stringIds = new Map<string, number>();
  private readonly valueIds = new Map<string, number>();
  private readonly listIds = new Map<string, number>();
  private readonly nodeIds = new Map<string, number>();

  string(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  value(v: unknown): number {
    const json = stableJson(v);
    let id = this.valueIds.get(json);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(JSON.parse(json));
      this.valueIds.set(json, id);
    }
    return id;
  }

  list(ids: readonly number[]): number {
    const key = ids.join(',');
    let id = this.listIds.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.lists.push([...ids]);
      this.listIds.set(key, id);
    }
    return id;
  }

  node(n: GenNode): number {
    const flags =
      KIND_CODES.indexOf(n.kind as (typeof KIND_CODES)[number]) |
      (n.presence ? Flag.Presence : 0) |
      (n.mandatory ? Flag.Mandatory : 0) |
      (n.orderedByUser ? Flag.OrderedByUser : 0) |
      (n.opaque ? Flag.Opaque : 0) |
      (n.nokeyword ? Flag.NoKeyword : 0) |
      (n.deprecated ? Flag.Deprecated : 0) |
      (n.oneliner ? Flag.Oneliner : 0) |
      (n.onelinerPlus ? Flag.OnelinerPlus : 0) |
      (n.homogeneous ? Flag.Homogeneous : 0);
    const tuple = [
      this.string(n.name),
      flags,
      n.children.length ? this.list(n.children) : -1,
      n.type ? this.value(n.type) : -1,
      n.keys.length ? this.value(n.keys.map((k) => [k.name, this.value(k.type), (k.nokeyword ? 0 : 1) | (k.optional ? 2 : 0)])) : -1,
      n.default !== undefined ? this.string(n.default) : -1,
      n.units !== undefined ? this.string(n.units) : -1,
      n.references.length ? this.value(n.references) : -1,
      n.constraints.length ? this.value(n.constraints) : -1,
    ];
    while (tuple.length > 2 && tuple[tuple.length - 1] === -1) tuple.pop();
    const key = tuple.join(',');
    let id = this.nodeIds.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      this.nodes.push(tuple);
      this.info.push(n);
      this.nodeIds.set(key, id);
    }
    return id;
  }
}
