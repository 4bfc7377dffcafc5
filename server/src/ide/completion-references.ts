/**
 * ide/completion-references.ts: the names a reference statement may take at a cursor: the existing
 *   definitions its schema `references` point at (`ike-policy` -> the IKE policies, IKE policy
 *   `proposals` -> the IKE proposals, `ipsec-vpn-rules` -> the rules) and, for interface values, the
 *   configured interfaces and logical units; for `apply-groups`, the configured groups.
 * Owns: placing a not-yet-written statement in the configuration tree (a chain of probe nodes below the
 *   deepest node that exists, so relative reference paths climb from the right place) and listing the
 *   entries of the list a reference names.
 * Must not know: LSP, completion item layout, line/column positions.
 * Invariants: reads the effective configuration (so definitions inherited from groups count); never
 *   mutates the model (probe nodes are not linked into their parents' children); never throws.
 * Tests: test/src/ide/completion.test.ts
 */
import { referenceHolder } from '../analysis/paths';
import { documentedReference } from '../analysis/references';
import type { ConfigModel, ConfigNode } from '../model/index';
import { getChild } from '../model/tree';
import { lookupPath } from '../schema/index';
import type { Schema, SchemaNode, ValueType } from '../schema/types';

export interface NameCandidate {
  readonly name: string;
  /** where the named entry lives, e.g. 'services ipsec-vpn ike policy' or 'interfaces' */
  readonly listPath: string;
  /** the defining entry */
  readonly node: ConfigNode;
}

const INTERFACE_TYPES: ReadonlySet<string> = new Set(['interface-name', 'interface-unit', 'ipv4addr-or-interface', 'ipaddr-or-interface', 'interface-wildcard']);

/** Statements whose values name configuration groups. */
const GROUP_USERS: ReadonlySet<string> = new Set(['apply-groups', 'apply-groups-except']);

/**
 * True when completion or hover anywhere else may read the values of this written node: values that name
 * something (references, interfaces, groups: completion offers and hover resolves them, and group names
 * change the effective tree). Other values are only shown by a hover on the value itself or in a
 * definition excerpt holding the node, so an edit inside one changes nothing else completion offers.
 */
export function valuesReadElsewhere(node: ConfigNode): boolean {
  if (node.role !== 'leaf' && node.role !== 'leaf-list') return true;
  const schema = node.schema;
  if (!schema || schema.references.length > 0 || takesInterface(schema.type)) return true;
  return GROUP_USERS.has(node.keyword);
}

/** True when a value of this type may be an interface name. */
export function takesInterface(type: ValueType | undefined): boolean {
  if (!type) return false;
  if (type.kind === 'named') return INTERFACE_TYPES.has(type.name);
  if (type.kind === 'union') return type.members.some(takesInterface);
  return false;
}

function probe(parent: ConfigNode, keyword: string, schema: SchemaNode, role: ConfigNode['role'], keys: string[]): ConfigNode {
  return {
    keyword,
    keywordHidden: schema.nokeyword,
    keywordWord: undefined,
    schema,
    role,
    keys: keys.map((text) => ({ text, kind: 'synthetic', source: { docId: '', start: 0, end: 0 } }) as unknown as ConfigNode['keys'][number]),
    values: [],
    overridden: [],
    children: [],
    childIndex: undefined,
    parent,
    inactive: false,
    protect: false,
    terminal: false,
    annotation: undefined,
    comments: [],
    mentions: [],
  };
}

/**
 * The node that would hold a statement written after `words` (statement path words with keys, from the
 * configuration root, the statement's own keyword excluded): a real effective node where the path
 * exists, probe nodes below the deepest one that does.
 */
export function placeAt(model: ConfigModel, schema: Schema, words: readonly string[]): ConfigNode {
  const walked = lookupPath(schema, words, { validateValues: false });
  let node = model.effective();
  const steps = walked.steps;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const sn = s.node;
    if (sn.kind === 'container' && s.role === 'keyword') {
      node = getChild(node, sn.name) ?? probe(node, sn.name, sn, 'container', []);
    } else if (sn.kind === 'list' && s.role === 'key') {
      const keys: string[] = [];
      let j = i;
      while (j < steps.length && steps[j]!.role === 'key' && steps[j]!.node === sn) keys.push(words[steps[j++]!.word]!);
      i = j - 1;
      node = getChild(node, sn.name, keys) ?? probe(node, sn.name, sn, 'list-entry', keys);
    }
  }
  return node;
}

/**
 * Lists read for one model, kept while the model lives: a large configuration has thousands of
 * interfaces or policies, and completion is asked again and again on the same model (a newer model, made
 * after an edit, is a new object, so nothing stale is read; nodes are changed in place only while a new
 * model is made from an old one).
 */
interface ModelLists {
  readonly entries: WeakMap<ConfigNode, Map<string, ConfigNode[]>>;
  readonly interfaces: Map<'ifl' | 'ifd', NameCandidate[]>;
}

const listsByModel = new WeakMap<ConfigModel, ModelLists>();

function listsOf(model: ConfigModel): ModelLists {
  let lists = listsByModel.get(model);
  if (!lists) listsByModel.set(model, (lists = { entries: new WeakMap(), interfaces: new Map() }));
  return lists;
}

/** The entries of list `list` under `holder` (callers must not change the array). */
function entriesOf(model: ConfigModel, holder: ConfigNode | undefined, list: string): readonly ConfigNode[] {
  if (!holder) return [];
  const entries = listsOf(model).entries;
  let byList = entries.get(holder);
  if (!byList) entries.set(holder, (byList = new Map()));
  let found = byList.get(list);
  if (!found) byList.set(list, (found = holder.children.filter((c) => c.keyword === list && c.role === 'list-entry' && c.keys.length > 0)));
  return found;
}

/** Configured interfaces as values name them: `ge-0/0/0.0` per unit ('ifl') or `ge-0/0/0` ('ifd'). */
export function interfaceNames(model: ConfigModel, form: 'ifl' | 'ifd', limit: number): NameCandidate[] {
  const lists = listsOf(model);
  let all = lists.interfaces.get(form);
  if (!all) {
    all = [];
    const interfaces = getChild(model.effective(), 'interfaces');
    for (const ifd of entriesOf(model, interfaces, 'interface')) {
      const device = ifd.keys[0]!.text;
      if (form === 'ifd') all.push({ name: device, listPath: 'interfaces', node: ifd });
      else for (const unit of entriesOf(model, ifd, 'unit')) all.push({ name: `${device}.${unit.keys[0]!.text}`, listPath: 'interfaces', node: unit });
    }
    lists.interfaces.set(form, all);
  }
  return all.slice(0, limit);
}

/**
 * Existing names a value (or list key) of `carrier` may take, when the statement is written after
 * `words` (path words with keys, the carrier's keyword excluded). At most `limit` names; deduplicated.
 */
export function referenceCandidates(model: ConfigModel, schema: Schema, words: readonly string[], carrier: SchemaNode, limit: number): NameCandidate[] {
  const out: NameCandidate[] = [];
  const seen = new Set<string>();
  const add = (c: NameCandidate): void => {
    if (out.length >= limit || seen.has(c.name)) return;
    seen.add(c.name);
    out.push(c);
  };
  if (carrier.references.length > 0) {
    const parent = placeAt(model, schema, words);
    const at = probe(parent, carrier.name, carrier, carrier.kind === 'list' ? 'list-entry' : 'leaf', []);
    for (const target of carrier.references) {
      if (target.valueForm) {
        for (const c of interfaceNames(model, target.valueForm, limit)) add(c);
        continue;
      }
      const h = referenceHolder(at, target);
      if (!h) continue;
      for (const e of entriesOf(model, h.holder, h.list)) add({ name: e.keys[0]!.text, listPath: h.path.join(' '), node: e });
    }
    return out;
  }
  // references the YANG does not declare but Juniper documents (prefix lists, filters, policies, ...)
  const at = probe(placeAt(model, schema, words), carrier.name, carrier, carrier.kind === 'list' ? 'list-entry' : 'leaf', []);
  const documented = documentedReference(at);
  if (documented) {
    for (const target of documented.targets) {
      const h = referenceHolder(at, target);
      if (!h) continue;
      for (const e of entriesOf(model, h.holder, h.list)) add({ name: e.keys[0]!.text, listPath: h.path.join(' '), node: e });
    }
    return out;
  }
  if (GROUP_USERS.has(carrier.name)) {
    // the YANG does not declare it, but these name entries of `groups` (kept only in the written tree)
    for (const g of entriesOf(model, model.root, 'groups')) add({ name: g.keys[0]!.text, listPath: 'groups', node: g });
    return out;
  }
  const type = carrier.kind === 'list' ? carrier.keys[0]?.type : carrier.type;
  if (takesInterface(type)) for (const c of interfaceNames(model, 'ifl', limit)) add(c);
  return out;
}

/** Entries already configured for a list at a place (`set services ipsec-vpn ike policy ` -> the policies). */
export function existingEntries(model: ConfigModel, schema: Schema, words: readonly string[], list: SchemaNode, limit: number): NameCandidate[] {
  const holder = placeAt(model, schema, words);
  const listPath = [...words, list.name].join(' ');
  return entriesOf(model, holder, list.name)
    .slice(0, limit)
    .map((e) => ({ name: e.keys.length === 1 ? e.keys[0]!.text : e.keys.map((k) => k.text).join(' '), listPath, node: e }));
}

/** The effective twin of a written node: the same keywords and keys along the path from the root. */
export function effectiveTwin(effectiveRoot: ConfigNode, written: ConfigNode): ConfigNode | undefined {
  const chain: ConfigNode[] = [];
  for (let n: ConfigNode | undefined = written; n && n.role !== 'root'; n = n.parent) chain.unshift(n);
  let node: ConfigNode | undefined = effectiveRoot;
  for (const step of chain) {
    node = getChild(node, step.keyword, step.keys.map((k) => k.text));
    if (!node) return undefined;
  }
  return node;
}
