/**
 * analysis/ipsec.ts: IPsec rules Junos enforces at commit, or without which a tunnel cannot come up, and
 *   the platform notes (AS PIC window cap, ACX without `match-direction output`).
 * Owns: manual SA key lengths per algorithm (`$9$` keys decoded first), pre-shared-keys authentication
 *   without a key, dynamic/manual terms without `remote-gateway`, `local-gateway` that is not an address of
 *   this device, next-hop service sets whose inside/outside units are not one service interface's
 *   `service-domain inside`/`outside` units, `ipsec-inside-interface` in a rule applied by an
 *   interface-style service set, AES-GCM with an authentication algorithm, secrets that look like a
 *   `show` placeholder rather than a `$9$` string.
 * Must not know: LSP types, line/column positions, other rule families' internals.
 * Invariants: reads the effective configuration; messages never contain a secret, its length, or any part
 *   of it; statements with an already-reported unknown word or conflicting value are left alone; never throws.
 *   Incremental: findings kept per node, rule, IKE policy and service-set check (`IpsecMemo`), each run
 *   again when the change can reach what it reads (`updateIpsecFindings`).
 * Tests: test/src/analysis/ipsec.test.ts, test/src/analysis/incremental.test.ts
 */
import type { ConfigNode, Word } from '../model/index';
import { getChild } from '../model/tree';
import { decodeNineSecret, isNineSecret } from '../model/secrets';
import { parseIpv4, parseIpv4Prefix } from '../schema/addresses';
import { defaultSeverity, type DiagnosticCode } from './codes';
import { hasUnknownBelow, writtenOf, type AnalysisContext } from './context';
import type { Diagnostic, RelatedPlace, Severity } from './diagnostic';
import { maxReplayWindow } from './platform';
import { resolveInterface } from './paths';
import type { ReferenceIndex } from './references';
import { comparePreOrder, flatten, moveAll, moveDiagnostic, type ChangeScope } from './change';

/** Key sizes in bytes (RFC 2451 / 3602 / 2404 / 2403 / 4868 key lengths as Junos requires them). */
const KEY_BYTES: Readonly<Record<string, number>> = {
  'des-cbc': 8,
  '3des-cbc': 24,
  'aes-128-cbc': 16,
  'aes-192-cbc': 24,
  'aes-256-cbc': 32,
  'hmac-md5-96': 16,
  'hmac-sha1-96': 20,
  'hmac-sha-256-128': 32,
  'hmac-sha-256-96': 32,
};

function diag(code: DiagnosticCode, w: Word, message: string, related: RelatedPlace[] = [], severity?: Severity): Diagnostic {
  return {
    docId: w.source.docId,
    start: w.source.start,
    end: w.source.end,
    code,
    severity: severity ?? defaultSeverity(code),
    message,
    related,
  };
}

function place(w: Word | undefined, message: string): RelatedPlace[] {
  return w ? [{ docId: w.source.docId, start: w.source.start, end: w.source.end, message }] : [];
}

function leafValue(node: ConfigNode | undefined, name: string): Word | undefined {
  return node ? getChild(node, name)?.values[0] : undefined;
}

function keywordOf(node: ConfigNode | undefined): Word | undefined {
  if (!node) return undefined;
  const w = writtenOf(node);
  return w.keywordWord ?? w.keys[0] ?? w.mentions[0];
}

function manualKeys(node: ConfigNode, out: Diagnostic[]): void {
  const algorithm = leafValue(node, 'algorithm');
  const key = getChild(node, 'key');
  if (!algorithm || !key) return;
  const bytes = KEY_BYTES[algorithm.text];
  if (bytes === undefined) return;
  const ascii = leafValue(key, 'ascii-text');
  const hex = leafValue(key, 'hexadecimal');
  const word = ascii ?? hex;
  if (!word) return;
  let plain = word.text;
  if (isNineSecret(plain)) {
    const decoded = decodeNineSecret(plain);
    if (!decoded.ok) return;
    plain = decoded.plaintext;
  }
  const role = node.keyword === 'encryption' ? 'encryption' : 'authentication';
  if (ascii) {
    const length = Buffer.byteLength(plain, 'utf8');
    if (length === bytes) return;
    out.push(
      diag(
        'manual-key-length',
        word,
        `The ${algorithm.text} ${role} key must be exactly ${bytes} bytes (ascii-text: ${bytes} characters, or hexadecimal: ${bytes * 2} hex digits); this key is ${length < bytes ? 'shorter' : 'longer'}. Enter a key of the right length.`,
        place(algorithm, 'the algorithm that sets the length'),
      ),
    );
    return;
  }
  const digits = plain.replace(/^0x/i, '');
  const ok = /^[0-9a-fA-F]*$/.test(digits) && digits.length === bytes * 2;
  if (ok) return;
  out.push(
    diag(
      'manual-key-length',
      word,
      /^[0-9a-fA-F]*$/.test(digits)
        ? `The ${algorithm.text} ${role} key must be exactly ${bytes * 2} hex digits (${bytes} bytes); this key is ${digits.length < bytes * 2 ? 'shorter' : 'longer'}. Enter a key of the right length.`
        : `A hexadecimal key may only hold the digits 0-9 and a-f; the ${algorithm.text} ${role} key needs ${bytes * 2} of them.`,
      place(algorithm, 'the algorithm that sets the length'),
    ),
  );
}

function interfaceAddresses(ctx: AnalysisContext): { address: string; prefix: string; ifl: string; word: Word }[] {
  const out: { address: string; prefix: string; ifl: string; word: Word }[] = [];
  const interfaces = getChild(ctx.model.effective(), 'interfaces');
  if (!interfaces) return out;
  for (const ifd of interfaces.children) {
    if (ifd.role !== 'list-entry') continue;
    for (const unit of ifd.children) {
      if (unit.keyword !== 'unit') continue;
      for (const family of unit.children) {
        if (family.keyword !== 'family') continue;
        for (const af of family.children) {
          for (const a of af.children) {
            if (a.keyword !== 'address' || a.role !== 'list-entry') continue;
            const key = a.keys[0];
            if (!key) continue;
            out.push({ address: key.text.split('/')[0]!.toLowerCase(), prefix: key.text, ifl: `${ifd.keys[0]?.text}.${unit.keys[0]?.text}`, word: key });
          }
        }
      }
    }
  }
  return out;
}

function sameSubnet(address: string, prefix: string): boolean {
  const p = parseIpv4Prefix(prefix);
  const a = parseIpv4(address);
  if (!p || a === undefined) return false;
  const mask = p.length === 0 ? 0 : (0xffffffff << (32 - p.length)) >>> 0;
  return ((a & mask) >>> 0) === ((p.address & mask) >>> 0);
}

/** A service set's local-gateway address word, when it is given once. */
function gatewayOf(set: ConfigNode): Word | undefined {
  const holder = getChild(getChild(set, 'ipsec-vpn-options') ?? set, 'local-gateway');
  // `local-gateway ADDRESS` is a container whose address leaf has no keyword
  const leaf = holder && holder.values.length === 0 ? holder.children.find((c) => c.keywordHidden && c.role === 'leaf') : holder;
  const w = leaf?.values[0];
  if (!leaf || !w || writtenOf(leaf).overridden.length > 0) return undefined;
  return w;
}

/** Reports local gateways that are no address of this device; returns how many interface addresses
 *  there are (undefined when not counted: no service set). */
function localGateways(ctx: AnalysisContext, serviceSets: ConfigNode[], out: Diagnostic[]): number | undefined {
  if (serviceSets.length === 0) return undefined;
  const addresses = interfaceAddresses(ctx);
  if (addresses.length === 0) return 0;
  const own = new Set(addresses.map((a) => a.address));
  for (const set of serviceSets) {
    const w = gatewayOf(set);
    if (!w) continue;
    const text = w.text.toLowerCase();
    if (own.has(text)) continue;
    const near = addresses.find((a) => sameSubnet(text, a.prefix));
    out.push(
      diag(
        'local-gateway-not-configured',
        w,
        `local-gateway ${w.text} is not an address of any interface of this device, so it cannot be the tunnel's local end. ` +
          (near ? `Use this device's own address on that subnet, ${near.address} (${near.ifl}).` : 'Use an address configured under [edit interfaces].'),
        near ? place(near.word, `${near.ifl} has ${near.prefix}`) : [],
      ),
    );
  }
  return addresses.length;
}

/** Whether replacing these address entries can change what `localGateways` says: one of them is (or its
 *  subnet holds) a service set's local gateway, or the interface addresses may have run out. */
function gatewaysAffected(memo: IpsecMemo, scope: ChangeScope): boolean {
  const prefixes = (nodes: readonly ConfigNode[]): string[] =>
    nodes.filter((n) => n.keyword === 'address' && n.role === 'list-entry' && n.keys[0]).map((n) => n.keys[0]!.text);
  const removed = prefixes(scope.effectiveRemoved);
  const changed = [...removed, ...prefixes(scope.effectiveAdded)];
  if (memo.addressCount === undefined) return true;
  // a lower bound of the count: removals are subtracted, additions not (an exact count comes with the next full check)
  memo.addressCount -= removed.length;
  if (memo.addressCount <= 0) return true;
  if (changed.length === 0) return false;
  const gateways = memo.serviceSets.map(gatewayOf).filter((w): w is Word => w !== undefined).map((w) => w.text.toLowerCase());
  return changed.some((p) => gateways.some((g) => p.split('/')[0]!.toLowerCase() === g || sameSubnet(g, p)));
}

function nextHopDomains(serviceSets: ConfigNode[], out: Diagnostic[]): void {
  for (const set of serviceSets) {
    const nh = getChild(set, 'next-hop-service');
    if (!nh) continue;
    const inside = leafValue(nh, 'inside-service-interface');
    const outside = leafValue(nh, 'outside-service-interface');
    if (!inside || !outside) continue;
    const device = (w: Word): string => (w.text.includes('.') ? w.text.slice(0, w.text.lastIndexOf('.')) : w.text);
    if (device(inside) !== device(outside)) {
      out.push(
        diag(
          'service-domain-mismatch',
          outside,
          `A next-hop service set needs its inside and outside interfaces on one service interface; ${inside.text} and ${outside.text} are on different devices. Use two units of one services interface.`,
          place(inside, 'the inside interface'),
        ),
      );
      continue;
    }
    for (const [w, want] of [
      [inside, 'inside'],
      [outside, 'outside'],
    ] as const) {
      const unit = resolveInterface(set, w.text, 'ifl');
      if (unit.kind !== 'found') continue; // an undefined interface is reported by the reference rules
      const domain = getChild(unit.node, 'service-domain')?.values[0];
      if (domain?.text === want) continue;
      out.push(
        diag(
          'service-domain-mismatch',
          w,
          domain
            ? `${w.text} is the ${want} interface of a next-hop service set, but its unit has 'service-domain ${domain.text}'; set 'service-domain ${want}' on it.`
            : `${w.text} is the ${want} interface of a next-hop service set, but its unit has no service-domain; add 'service-domain ${want}' to it.`,
          place(domain ?? keywordOf(unit.node), domain ? 'configured service-domain' : 'the unit'),
        ),
      );
    }
  }
}

/** The IPsec rules a service set applies: its `ipsec-vpn-rules`, and the rules of its `ipsec-vpn-rule-sets`. */
function appliedRules(index: ReferenceIndex, set: ConfigNode): { name: string; rule: ConfigNode }[] {
  const out: { name: string; rule: ConfigNode }[] = [];
  for (const child of set.children) {
    for (const use of index.usesIn(child)) {
      if (!use.target) continue;
      if (child.keyword === 'ipsec-vpn-rules') out.push({ name: use.name, rule: use.target.node });
      if (child.keyword !== 'ipsec-vpn-rule-sets') continue;
      for (const memberNode of use.target.node.children) {
        for (const member of index.usesIn(memberNode)) {
          if (member.target && member.kind === 'services ipsec-vpn rule') out.push({ name: member.name, rule: member.target.node });
        }
      }
    }
  }
  return out;
}

function insideInterfaceStyle(index: ReferenceIndex, serviceSets: readonly ConfigNode[], out: Diagnostic[]): void {
  for (const set of serviceSets) {
    if (!getChild(set, 'interface-service')) continue;
    for (const { name, rule } of appliedRules(index, set)) {
      for (const term of rule.children) {
        if (term.keyword !== 'term') continue;
        const w = leafValue(getChild(term, 'from'), 'ipsec-inside-interface');
        if (!w) continue;
        out.push(
          diag(
            'inside-interface-with-interface-style',
            w,
            `Rule '${name}' matches on ipsec-inside-interface, which only works with next-hop service sets, but service set '${set.keys[0]?.text}' is interface-style. Remove ipsec-inside-interface or use a next-hop service set.`,
            place(keywordOf(getChild(set, 'interface-service')), 'the interface-style service set'),
          ),
        );
      }
    }
  }
}

function gcmWithAuthentication(node: ConfigNode, out: Diagnostic[]): void {
  const enc = leafValue(node, 'encryption-algorithm');
  const authNode = getChild(node, 'authentication-algorithm');
  if (!enc || !authNode || !/gcm/.test(enc.text)) return;
  const w = keywordOf(authNode);
  if (!w) return;
  out.push(
    diag(
      'gcm-with-authentication',
      w,
      `${enc.text} already authenticates the packets; remove 'authentication-algorithm' from this proposal (Junos rejects the combination).`,
      place(enc, 'the GCM encryption algorithm'),
    ),
  );
}

function pskWithoutKey(index: ReferenceIndex, policy: ConfigNode, out: Diagnostic[]): void {
  if (getChild(policy, 'pre-shared-key') || hasUnknownBelow(writtenOf(policy))) return;
  const proposals = getChild(policy, 'proposals');
  if (!proposals) return;
  const psk = index.usesIn(proposals).find((u) => u.target && leafValue(u.target.node, 'authentication-method')?.text === 'pre-shared-keys');
  if (!psk) return;
  // without a certificate either, the schema's requires-any constraint on the referring statement says it
  const certificate = getChild(policy, 'local-certificate');
  const def = index.definitionFor(policy);
  const coveredByConstraint = !certificate && def !== undefined && index.referencesOf(def).some((u) => u.node.schema?.constraints.some((c) => c.kind === 'requires-any'));
  if (coveredByConstraint) return;
  const w = policy.keys[0];
  if (!w) return;
  out.push(
    diag(
      'missing-pre-shared-key',
      w,
      `IKE policy '${w.text}' uses proposal '${psk.name}', which authenticates with pre-shared keys, but the policy has no pre-shared-key; add 'pre-shared-key ascii-text ...' to it.`,
      place(psk.word, 'the proposal using pre-shared-keys'),
    ),
  );
}

function remoteGateways(ctx: AnalysisContext, rule: ConfigNode, dynamicEndpoints: boolean, out: Diagnostic[]): void {
  if (hasUnknownBelow(writtenOf(rule))) return;
  for (const term of rule.children) {
    if (term.keyword !== 'term') continue;
    const then = getChild(term, 'then');
    if (!then || getChild(then, 'remote-gateway')) continue;
    const manual = then.children.find((c) => c.keyword === 'manual');
    const dynamic = getChild(then, 'dynamic');
    const kind = manual ?? dynamic;
    if (!kind || (kind === dynamic && dynamicEndpoints)) continue;
    const w = keywordOf(kind);
    if (!w || ctx.isTainted(w.source.docId, w.source.start)) continue;
    out.push(
      diag(
        'missing-remote-gateway',
        w,
        `Term '${term.keys[0]?.text}' of rule '${rule.keys[0]?.text}' sets up a ${kind.keyword} SA but has no remote-gateway; add 'remote-gateway <peer address>' under its 'then'.`,
      ),
    );
  }
}

function secretPlaceholder(node: ConfigNode, out: Diagnostic[]): void {
  const t = node.schema?.type;
  const secretLeaf = (t?.kind === 'named' && t.name === 'unreadable') || node.keyword === 'ascii-text' || node.keyword === 'hexadecimal';
  if (node.role !== 'leaf' || !secretLeaf) return;
  for (const w of node.values) {
    if (!w.text.startsWith('$') || /^\$\d\$/.test(w.text)) continue;
    out.push(
      diag(
        'secret-not-encoded',
        w,
        `This ${node.keyword} value starts with '$' but is not a '$9$' string, so Junos takes it literally as the plain-text secret. Paste the '$9$' string that 'show' printed, or write the real secret.`,
      ),
    );
  }
}

function platformNotes(ctx: AnalysisContext, node: ConfigNode, out: Diagnostic[]): void {
  const platform = ctx.options.platform;
  if (node.keyword === 'anti-replay-window-size' && platform === 'as-pic') {
    const w = node.values[0];
    const cap = maxReplayWindow(platform);
    if (w && Number(w.text) > cap) {
      out.push(diag('platform-limit', w, `AS PICs use at most a ${cap}-bit anti-replay window and silently cap ${w.text}; set ${cap} or less to say what the device does.`));
    }
  }
  if (node.keyword === 'match-direction' && platform === 'acx' && node.values[0]?.text === 'output') {
    const w = node.values[0];
    out.push(diag('platform-limit', w, `ACX routers do not support 'match-direction output' for IPsec rules; use 'match-direction input'.`, [], 'error'));
  }
}

export function ipsecDiagnostics(ctx: AnalysisContext, index: ReferenceIndex): Diagnostic[] {
  return ipsecFindings(ctx, index).diagnostics;
}

/** Checks of one effective node that read only its own subtree. */
function localChecks(ctx: AnalysisContext, node: ConfigNode, out: Diagnostic[]): void {
  switch (node.keyword) {
    case 'authentication':
    case 'encryption':
      manualKeys(node, out);
      break;
    case 'proposal':
      if (node.role === 'list-entry' && node.parent?.keyword === 'ipsec') gcmWithAuthentication(node, out);
      break;
    case 'anti-replay-window-size':
    case 'match-direction':
      platformNotes(ctx, node, out);
      break;
  }
}

type Member = 'serviceSets' | 'rules' | 'ikePolicies';

function memberOf(node: ConfigNode): Member | undefined {
  if (node.role !== 'list-entry') return undefined;
  if (node.keyword === 'service-set') return 'serviceSets';
  if (node.keyword === 'rule' && node.parent?.keyword === 'ipsec-vpn') return 'rules';
  if (node.keyword === 'policy' && node.parent?.keyword === 'ike') return 'ikePolicies';
  return undefined;
}

/** What an incremental run keeps (offsets of the text the findings were made for). */
export interface IpsecMemo {
  /** effective nodes' own-subtree findings; written leaves' secret findings */
  readonly local: Map<ConfigNode, Diagnostic[]>;
  readonly secrets: Map<ConfigNode, Diagnostic[]>;
  /** the statements the commit checks start from, in pre-order (effective nodes) */
  readonly serviceSets: ConfigNode[];
  readonly rules: ConfigNode[];
  readonly ikePolicies: ConfigNode[];
  /** the commit checks' findings: per rule (remote gateways), per IKE policy (pre-shared keys), and over
   *  the service sets (local gateways, next-hop service domains, inside interfaces) */
  dynamicEndpoints: boolean;
  readonly byRule: Map<ConfigNode, Diagnostic[]>;
  readonly byPolicy: Map<ConfigNode, Diagnostic[]>;
  gateways: Diagnostic[];
  /** interface addresses `localGateways` saw (a lower bound after incremental runs), if it looked */
  addressCount: number | undefined;
  nextHops: Diagnostic[];
  inside: Diagnostic[];
}

function hasDynamicEndpoints(serviceSets: readonly ConfigNode[]): boolean {
  return serviceSets.some((s) => getChild(getChild(s, 'ipsec-vpn-options') ?? s, 'ike-access-profile'));
}

function checkRule(ctx: AnalysisContext, memo: IpsecMemo, rule: ConfigNode): void {
  const found: Diagnostic[] = [];
  remoteGateways(ctx, rule, memo.dynamicEndpoints, found);
  if (found.length > 0) memo.byRule.set(rule, found);
  else memo.byRule.delete(rule);
}

function checkPolicy(index: ReferenceIndex, memo: IpsecMemo, policy: ConfigNode): void {
  const found: Diagnostic[] = [];
  pskWithoutKey(index, policy, found);
  if (found.length > 0) memo.byPolicy.set(policy, found);
  else memo.byPolicy.delete(policy);
}

function serviceSetChecks(ctx: AnalysisContext, index: ReferenceIndex, memo: IpsecMemo, parts: { gateways: boolean; nextHops: boolean; inside: boolean }): void {
  if (parts.gateways) memo.addressCount = localGateways(ctx, memo.serviceSets, (memo.gateways = []));
  if (parts.nextHops) nextHopDomains(memo.serviceSets, (memo.nextHops = []));
  if (parts.inside) insideInterfaceStyle(index, memo.serviceSets, (memo.inside = []));
}

function joined(memo: IpsecMemo): Diagnostic[] {
  const out = flatten(memo.local);
  for (const rule of memo.rules) for (const d of memo.byRule.get(rule) ?? []) out.push(d);
  for (const policy of memo.ikePolicies) for (const d of memo.byPolicy.get(policy) ?? []) out.push(d);
  out.push(...memo.gateways, ...memo.nextHops, ...memo.inside, ...flatten(memo.secrets));
  return out;
}

export function ipsecFindings(ctx: AnalysisContext, index: ReferenceIndex): { diagnostics: Diagnostic[]; memo: IpsecMemo } {
  const memo: IpsecMemo = {
    local: new Map(),
    secrets: new Map(),
    serviceSets: [],
    rules: [],
    ikePolicies: [],
    dynamicEndpoints: false,
    byRule: new Map(),
    byPolicy: new Map(),
    gateways: [],
    addressCount: undefined,
    nextHops: [],
    inside: [],
  };
  for (const node of ctx.effective) {
    const found: Diagnostic[] = [];
    localChecks(ctx, node, found);
    if (found.length > 0) memo.local.set(node, found);
    const member = memberOf(node);
    if (member) memo[member].push(node);
  }
  memo.dynamicEndpoints = hasDynamicEndpoints(memo.serviceSets);
  for (const rule of memo.rules) checkRule(ctx, memo, rule);
  for (const policy of memo.ikePolicies) checkPolicy(index, memo, policy);
  serviceSetChecks(ctx, index, memo, { gateways: true, nextHops: true, inside: true });
  for (const node of ctx.written) {
    const found: Diagnostic[] = [];
    secretPlaceholder(node, found);
    if (found.length > 0) memo.secrets.set(node, found);
  }
  return { diagnostics: joined(memo), memo };
}

const INTERFACE_CHECK_KEYWORDS: ReadonlySet<string> = new Set(['interfaces', 'interface-range', 'unit', 'family', 'address', 'service-domain']);

/** Whether the change may alter what the commit checks read below [edit interfaces]: an interface or
 *  unit, a family, an address or a service-domain replaced, or something directly in a family. */
function interfacesTouched(scope: ChangeScope): boolean {
  if (scope.offPath) return true;
  if (scope.effectivePath[0]?.keyword !== 'interfaces' && !scope.keywords.has('interfaces')) return false;
  if (scope.effectivePath.length <= 1) return true;
  if (scope.effectivePath[scope.effectivePath.length - 1]!.keyword === 'family') return true;
  return [...scope.effectiveRemoved, ...scope.effectiveAdded].some((n) => INTERFACE_CHECK_KEYWORDS.has(n.keyword));
}

/** Replaces the members found in the removed subtree by those of the added one, in pre-order. */
function updateMembers(list: ConfigNode[], removed: ReadonlySet<ConfigNode>, added: readonly ConfigNode[]): void {
  if (removed.size > 0) {
    let j = 0;
    for (let i = 0; i < list.length; i++) if (!removed.has(list[i]!)) list[j++] = list[i]!;
    list.length = j;
  }
  if (added.length === 0) return;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePreOrder(list[mid]!, added[0]!) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, ...added);
}

/**
 * The findings after one change. Own-subtree checks run again for the added subtree and the statements
 * on the way to it. Of the commit checks, a rule's (its subtree, and whether any service set has dynamic
 * endpoints) runs again when the rule is on the way or added; an IKE policy's when it is, or for every
 * policy when a reference was added or removed or a proposal changed; the service-set checks when a
 * service set changed, or (local gateways, next-hop domains) when `interfacesTouched`, or (inside
 * interfaces) when a rule, rule-set or reference changed. A line whose tainted state changed, or an
 * unknown statement added or removed, lies in the change or on the way (analysis/incremental.ts), so a
 * rule or policy that reads it is on the way too.
 */
export function updateIpsecFindings(ctx: AnalysisContext, index: ReferenceIndex, memo: IpsecMemo, scope: ChangeScope, referencesChanged: boolean): { diagnostics: Diagnostic[]; memo: IpsecMemo } {
  const { docId, edit } = { docId: ctx.docId, edit: scope.edit };
  for (const n of scope.effectiveRemoved) {
    memo.local.delete(n);
    memo.byRule.delete(n);
    memo.byPolicy.delete(n);
  }
  for (const n of scope.removed) memo.secrets.delete(n);
  moveAll(memo.local, docId, edit);
  moveAll(memo.secrets, docId, edit);
  moveAll(memo.byRule, docId, edit);
  moveAll(memo.byPolicy, docId, edit);
  for (const node of [...scope.effectivePath, ...scope.effectiveAdded]) {
    const found: Diagnostic[] = [];
    localChecks(ctx, node, found);
    if (found.length > 0) memo.local.set(node, found);
    else memo.local.delete(node);
  }
  for (const node of [...scope.path, ...scope.added]) {
    const found: Diagnostic[] = [];
    secretPlaceholder(node, found);
    if (found.length > 0) memo.secrets.set(node, found);
    else memo.secrets.delete(node);
  }

  const removed = new Set(scope.effectiveRemoved);
  for (const member of ['serviceSets', 'rules', 'ikePolicies'] as const) {
    const added = scope.effectiveAdded.filter((n) => memberOf(n) === member);
    if (added.length > 0 || scope.effectiveRemoved.some((n) => memberOf(n) === member)) updateMembers(memo[member], removed, added);
  }
  const touched = [...scope.effectivePath, ...scope.effectiveRemoved, ...scope.effectiveAdded];
  const setTouched = touched.some((n) => memberOf(n) === 'serviceSets');
  const ruleTouched = touched.some((n) => memberOf(n) === 'rules' || (n.role === 'list-entry' && n.keyword === 'rule-set'));
  const proposalTouched = touched.some((n) => n.role === 'list-entry' && n.keyword === 'proposal');
  const ifTouched = interfacesTouched(scope);

  const dynamic = setTouched ? hasDynamicEndpoints(memo.serviceSets) : memo.dynamicEndpoints;
  const allRules = dynamic !== memo.dynamicEndpoints;
  memo.dynamicEndpoints = dynamic;
  const here = (n: ConfigNode): boolean => scope.effectiveAddedSet.has(n) || scope.effectivePath.includes(n);
  for (const rule of allRules ? memo.rules : memo.rules.filter(here)) checkRule(ctx, memo, rule);
  for (const policy of referencesChanged || proposalTouched ? memo.ikePolicies : memo.ikePolicies.filter(here)) checkPolicy(index, memo, policy);
  const parts = { gateways: setTouched || (ifTouched && gatewaysAffected(memo, scope)), nextHops: setTouched || ifTouched, inside: setTouched || ruleTouched || referencesChanged };
  if (!parts.gateways) memo.gateways = memo.gateways.map((d) => moveDiagnostic(d, docId, edit));
  if (!parts.nextHops) memo.nextHops = memo.nextHops.map((d) => moveDiagnostic(d, docId, edit));
  if (!parts.inside) memo.inside = memo.inside.map((d) => moveDiagnostic(d, docId, edit));
  serviceSetChecks(ctx, index, memo, parts);
  return { diagnostics: joined(memo), memo };
}
