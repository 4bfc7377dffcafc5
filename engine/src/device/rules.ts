/**
 * device/rules.ts: compiles `services ipsec-vpn rule` and `rule-set`: match direction, terms in order with
 *   their `from` selectors and `then` actions (dynamic or manual SAs, gateways, anti-replay, MTU, DF bit,
 *   DPD, syslog).
 * Owns: the any-any default (0.0.0.0/0) and the flowless/flow-based decision per term, DPD defaults,
 *   manual SA directions with key handles, references from terms to IKE/IPsec policies.
 * Must not know: service sets (service-sets.ts resolves what depends on them), the wire formats.
 * Invariants: never throws; terms keep configuration order; a term naming an undefined IKE or IPsec policy
 *   gets an `undefined-reference` problem at the name; keys are only ever held as `SecretHandle`s.
 * Tests: test/src/engine/device.test.ts
 */
import type { ConfigNode } from '../../../server/src/model/index';
import { addProblem, prefixOf, readAddress, type CompileContext } from './context';
import { TUNNEL_DEFAULTS } from './defaults';
import { keyHandle } from './proposals';
import { child, descend, entries, has, leafInteger, leafWord, spanOf, spanOfWord } from './read';
import type { AddressMatch, IkePolicy, IpsecPolicy, IpsecRule, IpsecTerm, ManualSaDirection, NamedRef, RuleSet, TermSa, TermThen } from './types';

const VPN_PATH = ['services', 'ipsec-vpn'];

function addressMatches(ctx: CompileContext, from: ConfigNode | undefined, keyword: string): AddressMatch[] {
  const out: AddressMatch[] = [];
  for (const e of entries(from, keyword)) {
    const prefix = prefixOf(e.name.text);
    if (!prefix) {
      addProblem(ctx, 'bad-value', `${keyword} "${e.name.text}" is not an address or prefix`, [spanOfWord(e.name)]);
      continue;
    }
    out.push({ prefix: e.name.text, family: prefix.family, at: spanOfWord(e.name) });
  }
  return out;
}

function ref(word: ReturnType<typeof leafWord>): NamedRef | undefined {
  return word ? { name: word.text, at: spanOfWord(word) } : undefined;
}

/** SPI and auxiliary SPI range of manual SAs (YANG; Juniper "auxiliary-spi"). */
const SPI_RANGE: readonly [number, number] = [256, 16639];

function spiValue(ctx: CompileContext, d: ConfigNode, keyword: string): number | undefined {
  const spi = leafInteger(d, keyword);
  if (spi && (spi.value < SPI_RANGE[0] || spi.value > SPI_RANGE[1])) {
    addProblem(ctx, 'bad-value', `${keyword} ${spi.value} is outside ${SPI_RANGE[0]}..${SPI_RANGE[1]}`, [spi.at]);
  }
  return spi?.value;
}

function manualDirections(ctx: CompileContext, node: ConfigNode): ManualSaDirection[] {
  return entries(node, 'direction').map(({ name, node: d }) => {
    const auth = child(d, 'authentication');
    const enc = child(d, 'encryption');
    const protocol = leafWord(d, 'protocol')?.text;
    const dir = name.text;
    return {
      direction: dir === 'inbound' || dir === 'outbound' ? dir : 'bidirectional',
      at: spanOfWord(name),
      protocol: protocol === 'ah' || protocol === 'esp' || protocol === 'bundle' ? protocol : undefined,
      spi: spiValue(ctx, d, 'spi'),
      auxiliarySpi: spiValue(ctx, d, 'auxiliary-spi'),
      authentication: auth ? { algorithm: leafWord(auth, 'algorithm')?.text, key: keyHandle(child(auth, 'key')) } : undefined,
      encryption: enc ? { algorithm: leafWord(enc, 'algorithm')?.text, key: keyHandle(child(enc, 'key')) } : undefined,
    };
  });
}

function compileThen(ctx: CompileContext, then: ConfigNode | undefined, path: readonly string[]): TermThen {
  const dynamic = child(then, 'dynamic');
  const manual = child(then, 'manual');
  let sa: TermSa | undefined;
  if (dynamic) {
    sa = { kind: 'dynamic', ikePolicy: ref(leafWord(dynamic, 'ike-policy')), ipsecPolicy: ref(leafWord(dynamic, 'ipsec-policy')), at: spanOf(dynamic) };
  } else if (manual) {
    sa = { kind: 'manual', directions: manualDirections(ctx, manual), at: spanOf(manual) };
  }
  const dpd = child(then, 'dead-peer-detection');
  const interval = leafInteger(dpd, 'interval');
  const threshold = leafInteger(dpd, 'threshold');
  const dpdUsed = has(then, 'initiate-dead-peer-detection') || has(then, 'backup-remote-gateway') || dpd !== undefined;
  // DPD defaults matter only when DPD runs: log them then.
  const dpdInterval = interval?.value ?? (dpdUsed ? Number(ctx.defaults.use([...path, 'dead-peer-detection', 'interval'], TUNNEL_DEFAULTS.dpdInterval)) : Number(TUNNEL_DEFAULTS.dpdInterval.value));
  const dpdThreshold = threshold?.value ?? (dpdUsed ? Number(ctx.defaults.use([...path, 'dead-peer-detection', 'threshold'], TUNNEL_DEFAULTS.dpdThreshold)) : Number(TUNNEL_DEFAULTS.dpdThreshold.value));
  const window = leafInteger(then, 'anti-replay-window-size');
  const mtu = leafInteger(then, 'tunnel-mtu');
  return {
    remoteGateway: readAddress(ctx, leafWord(then, 'remote-gateway'), 'remote-gateway'),
    backupRemoteGateway: readAddress(ctx, leafWord(then, 'backup-remote-gateway'), 'backup-remote-gateway'),
    sa,
    antiReplayWindowSize: window ? { value: window.value, at: window.at } : undefined,
    noAntiReplay: has(then, 'no-anti-replay'),
    tunnelMtu: mtu ? { value: mtu.value, at: mtu.at } : undefined,
    clearDontFragmentBit: has(then, 'clear-dont-fragment-bit'),
    initiateDeadPeerDetection: has(then, 'initiate-dead-peer-detection'),
    deadPeerDetection: { interval: dpdInterval, threshold: dpdThreshold, at: spanOf(dpd) },
    syslog: has(then, 'syslog'),
  };
}

function compileTerm(ctx: CompileContext, rule: string, name: string, node: ConfigNode, at: IpsecTerm['at']): IpsecTerm {
  const path = [...VPN_PATH, 'rule', rule, 'term', name];
  const from = child(node, 'from');
  const source = addressMatches(ctx, from, 'source-address');
  const destination = addressMatches(ctx, from, 'destination-address');
  const anyAny = source.length === 0 && destination.length === 0;
  const any = (keyword: string): AddressMatch[] => {
    ctx.defaults.use([...path, 'from', keyword], TUNNEL_DEFAULTS.fromAddress);
    return [{ prefix: '0.0.0.0/0', family: 'inet', at: undefined }];
  };
  return {
    name,
    rule,
    at,
    from: {
      written: from !== undefined,
      sourceAddresses: source.length > 0 ? source : any('source-address'),
      destinationAddresses: destination.length > 0 ? destination : any('destination-address'),
      ipsecInsideInterface: ref(leafWord(from, 'ipsec-inside-interface')),
    },
    anyAny,
    flow: anyAny ? 'flowless' : 'flow-based',
    then: compileThen(ctx, child(node, 'then'), [...path, 'then']),
  };
}

export function compileRules(ctx: CompileContext): IpsecRule[] {
  const vpn = descend(ctx.root, 'services', 'ipsec-vpn');
  return entries(vpn, 'rule').map(({ name, node }) => {
    const direction = leafWord(node, 'match-direction');
    const value = direction?.text;
    if (!direction) {
      const misplaced = name.text === 'match-direction' || name.text === 'term';
      addProblem(
        ctx,
        'missing-statement',
        misplaced
          ? `a rule is named ${name.text}: the rule name is probably missing (rule NAME ${name.text} ...); Junos requires a match-direction for every IPsec rule`
          : `rule ${name.text} has no match-direction; Junos requires one for every IPsec rule`,
        [spanOfWord(name)],
      );
    }
    return {
      name: name.text,
      at: spanOfWord(name),
      matchDirection:
        value === 'input' || value === 'output' || value === 'input-output' ? { value, at: spanOfWord(direction) } : undefined,
      terms: entries(node, 'term').map((t) => compileTerm(ctx, name.text, t.name.text, t.node, spanOfWord(t.name))),
    };
  });
}

export function compileRuleSets(ctx: CompileContext, rules: readonly IpsecRule[]): RuleSet[] {
  const vpn = descend(ctx.root, 'services', 'ipsec-vpn');
  return entries(vpn, 'rule-set').map(({ name, node }) => {
    const members: NamedRef[] = entries(node, 'rule').map((r) => ({ name: r.name.text, at: spanOfWord(r.name) }));
    for (const m of members) {
      if (!rules.some((r) => r.name === m.name)) {
        addProblem(ctx, 'undefined-reference', `rule-set ${name.text} lists rule ${m.name}, which is not defined under services ipsec-vpn rule`, [m.at]);
      }
    }
    return { name: name.text, at: spanOfWord(name), rules: members };
  });
}

/** Problems for terms that name IKE/IPsec policies that do not exist. */
export function checkTermReferences(ctx: CompileContext, rules: readonly IpsecRule[], ike: readonly IkePolicy[], ipsec: readonly IpsecPolicy[]): void {
  for (const rule of rules) {
    for (const term of rule.terms) {
      const sa = term.then.sa;
      if (sa?.kind === 'dynamic') {
        if (sa.ikePolicy && !ike.some((p) => p.name === sa.ikePolicy!.name)) {
          addProblem(ctx, 'undefined-reference', `term ${term.name} of rule ${rule.name} uses IKE policy ${sa.ikePolicy.name}, which is not defined under services ipsec-vpn ike policy`, [sa.ikePolicy.at]);
        }
        if (sa.ipsecPolicy && !ipsec.some((p) => p.name === sa.ipsecPolicy!.name)) {
          addProblem(ctx, 'undefined-reference', `term ${term.name} of rule ${rule.name} uses IPsec policy ${sa.ipsecPolicy.name}, which is not defined under services ipsec-vpn ipsec policy`, [sa.ipsecPolicy.at]);
        }
      }
    }
  }
}
