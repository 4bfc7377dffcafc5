/**
 * ide/inlay-hints.ts: inline hints for IPsec blocks: the effective default of a statement that is
 *   omitted where the default matters (IKE and IPsec proposal lifetimes, IKE policy mode and version,
 *   the platform's anti-replay window and the tunnel MTU on rule terms and service sets), and the peer
 *   device found for a `remote-gateway` address.
 * Owns: which blocks get a default hint (a rule term without its own anti-replay window or tunnel MTU
 *   shows the one its service set's `ipsec-vpn-options` gives, else the platform default), where the hint sits (end of the block's opening line in
 *   curly form, end of the first `set` line naming the block in set form), the hint wording.
 * Must not know: LSP types, line/column positions, how peers are found (the caller passes `peers`).
 * Invariants: a statement inherited through groups counts as configured (checked on the effective
 *   tree); only `services` (also inside `groups`) is walked, along the DEFAULTED paths; a block's hint is
 *   worked out only when a requested range holds its anchor (once per model); hints are sorted by offset;
 *   never throws.
 * Tests: test/src/ide/inlay-hints.test.ts
 */
import type { Platform } from '../analysis/platform';
import { nodePath, type ConfigModel, type ConfigNode, type Word } from '../model/index';
import { getChild } from '../model/tree';
import type { Schema } from '../schema/types';
import { effectiveTwin } from './completion-references';
import { omittedDefault } from './hover-defaults';

export interface InlayHintInput {
  readonly model: ConfigModel;
  readonly docId: string;
  /** the document's text, to place hints at the end of a line (without it they follow the block's name) */
  readonly text?: string;
  /** offsets; a hint is given when its anchor word starts inside */
  readonly range: { readonly start: number; readonly end: number };
  readonly schema: Schema;
  readonly platform: Platform;
  /** the peer a remote gateway address belongs to, e.g. `R3 (r3.conf)` */
  readonly peers?: (remoteGateway: string) => string | undefined;
}

export interface InlayHint {
  readonly offset: number;
  readonly label: string;
  readonly tooltip?: string;
}

/** Blocks (statement names without keys) and the omitted statements whose defaults we show there. */
const DEFAULTED: ReadonlyMap<string, readonly string[]> = new Map([
  ['services ipsec-vpn ike proposal', ['lifetime-seconds']],
  ['services ipsec-vpn ipsec proposal', ['lifetime-seconds']],
  ['services ipsec-vpn ike policy', ['mode', 'version']],
  ['services ipsec-vpn rule term then', ['anti-replay-window-size', 'tunnel-mtu']],
  ['services service-set ipsec-vpn-options', ['anti-replay-window-size', 'tunnel-mtu']],
]);

/** A step of a DEFAULTED block path: the walk descends only along these (no string per visited child). */
interface PathStep {
  /** the path so far, e.g. `services ipsec-vpn rule` */
  readonly names: string;
  readonly next: Map<string, PathStep>;
}

/** The DEFAULTED paths as a tree of steps from `services`. */
const SERVICES_STEP: PathStep = (() => {
  const top: PathStep = { names: 'services', next: new Map() };
  for (const key of DEFAULTED.keys()) {
    const words = key.split(' ');
    let step = top;
    for (let i = 1; i < words.length; i++) {
      let child = step.next.get(words[i]!);
      if (!child) step.next.set(words[i]!, (child = { names: words.slice(0, i + 1).join(' '), next: new Map() }));
      step = child;
    }
  }
  return top;
})();

/** Statements that make a default meaningless when present. */
const SILENCED_BY: Readonly<Record<string, string>> = { 'anti-replay-window-size': 'no-anti-replay' };

/** The word a block is named by in this document: its last key, else its keyword. */
function anchorWord(node: ConfigNode, docId: string): Word | undefined {
  const mine = node.mentions.filter((m) => m.source.docId === docId && m.kind !== 'synthetic');
  if (mine.length === 0) return undefined;
  const lastKey = node.keys[node.keys.length - 1]?.text;
  const first = mine[0]!;
  // the first mention of the keyword, then the key right after it if there is one
  const key = lastKey !== undefined ? mine.find((m) => m.text === lastKey && m.source.start >= first.source.start) : undefined;
  return key ?? first;
}

function lineEnd(text: string | undefined, offset: number): number {
  if (text === undefined) return offset;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  while (end > offset && /[ \t\r]/.test(text[end - 1]!)) end--;
  return end;
}

/** Written blocks below `services` (and below each group's `services`). */
function servicesRoots(root: ConfigNode): ConfigNode[] {
  const out: ConfigNode[] = [];
  const own = getChild(root, 'services');
  if (own) out.push(own);
  for (const g of root.children) {
    if (g.keyword !== 'groups') continue;
    const s = g.children.find((c) => c.keyword === 'services');
    if (s) out.push(s);
  }
  return out;
}

/** A block that may get a default hint: its hint is worked out when a request's range first holds its anchor. */
interface DefaultCandidate {
  readonly anchor: number;
  readonly node: ConfigNode;
  readonly names: string;
  /** undefined: not worked out yet; null: nothing to show */
  hint?: InlayHint | null;
}

/** Hints of one document for one platform, found once per model (the model is immutable). */
interface DocumentHints {
  /** the input the candidates were found with (their hints are worked out from it) */
  readonly input: InlayHintInput;
  /** blocks that may get a default hint, sorted by anchor start */
  readonly defaults: readonly DefaultCandidate[];
  /** `remote-gateway` values, sorted by start */
  readonly gateways: readonly Word[];
  /** the service sets with `ipsec-vpn-options` per rule, found on first need */
  setsByRule?: Map<string, ServiceSetOptions[]>;
}

const cache = new WeakMap<ConfigModel, Map<string, DocumentHints>>();

/** Inlay hints whose anchor lies in `range` of document `docId`, sorted by offset. Only the blocks whose
 *  anchor lies in the range are looked at closely (defaults, service sets, the effective tree). */
export function inlayHints(input: InlayHintInput): InlayHint[] {
  try {
    let perModel = cache.get(input.model);
    if (!perModel) cache.set(input.model, (perModel = new Map()));
    const key = `${input.platform}\u0000${input.docId}\u0000${input.text === undefined ? 0 : input.text.length}`;
    let all = perModel.get(key);
    if (!all) perModel.set(key, (all = collect(input)));
    const { start, end } = input.range;
    const out: InlayHint[] = [];
    for (let i = firstAtOrAfter(all.defaults, (d) => d.anchor, start); i < all.defaults.length && all.defaults[i]!.anchor <= end; i++) {
      const candidate = all.defaults[i]!;
      if (candidate.hint === undefined) candidate.hint = defaultHint(all, candidate);
      if (candidate.hint) out.push(candidate.hint);
    }
    if (input.peers) {
      for (let i = firstAtOrAfter(all.gateways, (w) => w.source.start, start); i < all.gateways.length && all.gateways[i]!.source.start <= end; i++) {
        const v = all.gateways[i]!;
        const peer = input.peers(v.text);
        if (peer) out.push({ offset: v.source.end, label: `-> ${peer}`, tooltip: `The device configured with ${v.text}.` });
      }
    }
    return out.sort((a, b) => a.offset - b.offset || (a.label < b.label ? -1 : 1));
  } catch {
    return [];
  }
}

const TERM_THEN = 'services ipsec-vpn rule term then';

/** A service set's `ipsec-vpn-options`, by the set's name. */
interface ServiceSetOptions {
  readonly name: string;
  readonly options: ConfigNode;
}

/** The rule a term's `then` belongs to (then -> term entry -> rule entry). */
function ruleOf(then: ConfigNode): string {
  return then.parent?.parent?.keys[0]?.text ?? '';
}

/** Service sets with `ipsec-vpn-options`, per rule name they apply (directly or through a rule-set). */
function serviceSetsByRule(effective: ConfigNode): Map<string, ServiceSetOptions[]> {
  const out = new Map<string, ServiceSetOptions[]>();
  const services = getChild(effective, 'services');
  const vpn = services ? getChild(services, 'ipsec-vpn') : undefined;
  for (const set of services?.children ?? []) {
    if (set.keyword !== 'service-set' || set.role !== 'list-entry') continue;
    const options = getChild(set, 'ipsec-vpn-options');
    if (!options) continue;
    const rules: string[] = [];
    for (const c of set.children) {
      const name = c.keys[0]?.text;
      if (name === undefined) continue;
      if (c.keyword === 'ipsec-vpn-rules') rules.push(name);
      if (c.keyword === 'ipsec-vpn-rule-sets' && vpn) {
        const ruleSet = getChild(vpn, 'rule-set', [name]);
        for (const r of ruleSet?.children ?? []) if (r.keyword === 'rule' && r.keys[0]) rules.push(r.keys[0].text);
      }
    }
    for (const rule of rules) {
      let list = out.get(rule);
      if (!list) out.set(rule, (list = []));
      list.push({ name: set.keys[0]?.text ?? '', options });
    }
  }
  return out;
}

function firstAtOrAfter<T>(list: readonly T[], at: (item: T) => number, offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(list[mid]!) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The candidate blocks and gateway values of the document: a walk along the DEFAULTED paths only. */
function collect(input: InlayHintInput): DocumentHints {
  const defaults: DefaultCandidate[] = [];
  const gateways: Word[] = [];
  // `step` undefined: below a `remote-gateway` off the DEFAULTED paths (only more of those are walked)
  const stack: { node: ConfigNode; step: PathStep | undefined }[] = servicesRoots(input.model.root).map((node) => ({ node, step: SERVICES_STEP }));
  while (stack.length > 0) {
    const { node, step } = stack.pop()!;
    if (node.inactive) continue;
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      const childStep = step?.next.get(child.keyword);
      if (childStep || child.keyword === 'remote-gateway') stack.push({ node: child, step: childStep });
    }
    if (node.keyword === 'remote-gateway') for (const v of node.values) if (v.source.docId === input.docId) gateways.push(v);
    if (!step || !DEFAULTED.has(step.names)) continue;
    const anchor = anchorWord(node, input.docId);
    if (anchor) defaults.push({ anchor: anchor.source.start, node, names: step.names });
  }
  defaults.sort((a, b) => a.anchor - b.anchor);
  gateways.sort((a, b) => a.source.start - b.source.start);
  return { input, defaults, gateways };
}

/** The default hint of a candidate block, or null when every default it would show is configured. */
function defaultHint(all: DocumentHints, candidate: DefaultCandidate): InlayHint | null {
  const { input } = all;
  const { node, names } = candidate;
  const wanted = DEFAULTED.get(names)!;
  const effective = input.model.effective();
  const inGroup = nodePath(node)[0] === 'groups';
  const applied = inGroup ? node : effectiveTwin(effective, node) ?? node;
  const parts: string[] = [];
  const why: string[] = [];
  const fromSets = names === TERM_THEN ? (all.setsByRule ??= serviceSetsByRule(effective)).get(ruleOf(node)) ?? [] : [];
  for (const name of wanted) {
    if (getChild(applied, name)) continue;
    const silencer = SILENCED_BY[name];
    if (silencer && getChild(applied, silencer)) continue;
    // a term without its own value takes the one its service set gives in ipsec-vpn-options
    if (silencer && fromSets.some((set) => getChild(set.options, silencer))) continue;
    const inherited = fromSets.find((set) => getChild(set.options, name)?.values[0]);
    if (inherited) {
      const value = getChild(inherited.options, name)!.values[0]!.text;
      parts.push(`${name} ${value} (service-set ${inherited.name})`);
      why.push(`The term sets no ${name}; service set ${inherited.name} gives ${value} in its ipsec-vpn-options, which applies.`);
      continue;
    }
    const leafSchema = node.schema?.child(name);
    const d = omittedDefault([...names.split(' '), name], leafSchema, input.platform);
    if (!d) continue;
    parts.push(`${name} ${d.value}`);
    why.push(d.why);
  }
  if (parts.length === 0) return null;
  const anchor = anchorWord(node, input.docId)!;
  return { offset: lineEnd(input.text, anchor.source.end), label: `default: ${parts.join(', ')}`, tooltip: why.join(' ') };
}
