/**
 * device/service-sets.ts: compiles `services service-set`: style (next-hop or interface), service
 *   interfaces, `ipsec-vpn-options`, the rules applied in order, and per-term settings that depend on the
 *   service set (anti-replay window, tunnel MTU, DF bit).
 * Owns: the precedence term > service set > platform default for the anti-replay window (64 on AS PICs, 128 on
 *   MultiServices; AS PICs cap at 1024), term > service set > 1500 for the tunnel MTU; checks that referenced
 *   rules, rule sets and service interface units exist and that local-gateway is one of the router's addresses.
 * Must not know: peers, routing, the wire formats.
 * Invariants: never throws; `rules`/`terms` keep processing order; undefined references become problems at
 *   the word that names them.
 * Tests: test/src/engine/device.test.ts
 */
import type { ConfigNode } from '../../../server/src/model/index';
import { addProblem, readAddress, type CompileContext } from './context';
import { antiReplayWindowDefault, TUNNEL_DEFAULTS } from './defaults';
import { findUnit, servicePicOf } from './interfaces';
import { child, entries, has, leafInteger, leafWord, spanOfWord } from './read';
import type {
  AppliedTerm,
  IpsecRule,
  IpsecTerm,
  IpsecVpnOptions,
  NamedRef,
  PhysicalInterface,
  RuleSet,
  ServiceInterface,
  ServicePic,
  ServiceSet,
} from './types';

function ref(word: ReturnType<typeof leafWord>): NamedRef | undefined {
  return word ? { name: word.text, at: spanOfWord(word) } : undefined;
}

function readOptions(ctx: CompileContext, node: ConfigNode | undefined): IpsecVpnOptions {
  const window = leafInteger(node, 'anti-replay-window-size');
  const mtu = leafInteger(node, 'tunnel-mtu');
  return {
    localGateway: readAddress(ctx, leafWord(node, 'local-gateway'), 'local-gateway'),
    antiReplayWindowSize: window ? { value: window.value, at: window.at } : undefined,
    noAntiReplay: has(node, 'no-anti-replay'),
    tunnelMtu: mtu ? { value: mtu.value, at: mtu.at } : undefined,
    clearDontFragmentBit: has(node, 'clear-dont-fragment-bit'),
    ikeAccessProfile: ref(leafWord(node, 'ike-access-profile')),
  };
}

function checkUnit(ctx: CompileContext, interfaces: readonly PhysicalInterface[], set: string, role: string, unit: NamedRef | undefined): void {
  if (unit && !findUnit(interfaces, unit.name)) {
    addProblem(ctx, 'undefined-reference', `service set ${set} uses ${role} ${unit.name}, which is not configured under interfaces`, [unit.at]);
  }
}

function picOf(ctx: CompileContext, serviceInterfaces: readonly ServiceInterface[], unit: NamedRef | undefined): { pic: ServicePic; name: string } | undefined {
  if (!unit) return undefined;
  const physical = unit.name.split('.')[0]!;
  const known = serviceInterfaces.find((s) => s.name === physical);
  return { pic: known?.pic ?? servicePicOf(physical, ctx.options.servicePic).pic, name: physical };
}

/**
 * Flowless or flow-based per term: any-any terms are packet based and selector terms flow based; a service
 * set that is not link type (not next-hop style) and mixes both kinds gets flow-based service for all.
 */
function flowOf(term: IpsecTerm, style: ServiceSet['style'], mixed: boolean): { flow: 'flowless' | 'flow-based'; flowReason: string } {
  if (!term.anyAny) return { flow: 'flow-based', flowReason: 'the term matches source/destination selectors' };
  if (mixed && style !== 'next-hop') {
    return { flow: 'flow-based', flowReason: 'the service set is not link type (next-hop style) and mixes any-any and selector terms, so every term is flow based' };
  }
  return { flow: 'flowless', flowReason: 'the term matches any to any, so the tunnel is packet based' };
}

function applyTerms(
  ctx: CompileContext,
  setName: string,
  style: ServiceSet['style'],
  options: IpsecVpnOptions,
  card: { pic: ServicePic; name: string } | undefined,
  rules: readonly IpsecRule[],
): AppliedTerm[] {
  const out: AppliedTerm[] = [];
  const all = rules.flatMap((r) => r.terms);
  const mixed = all.some((t) => t.anyAny) && all.some((t) => !t.anyAny);
  for (const rule of rules) {
    for (const term of rule.terms) {
      const then = term.then;
      const enabled = !then.noAntiReplay && !options.noAntiReplay;
      let antiReplay: AppliedTerm['antiReplay'];
      if (then.antiReplayWindowSize) antiReplay = { enabled, windowSize: then.antiReplayWindowSize.value, origin: 'term', at: then.antiReplayWindowSize.at };
      else if (options.antiReplayWindowSize) antiReplay = { enabled, windowSize: options.antiReplayWindowSize.value, origin: 'service-set', at: options.antiReplayWindowSize.at };
      else {
        const fallback = antiReplayWindowDefault(card?.pic ?? 'ms-pic', card?.name ?? 'the services card');
        const value = ctx.defaults.use(['services', 'service-set', setName, 'ipsec-vpn-options', 'anti-replay-window-size'], fallback);
        antiReplay = { enabled, windowSize: Number(value), origin: 'platform default', at: undefined };
      }
      if (card?.pic === 'as-pic' && antiReplay.windowSize > 1024) {
        addProblem(ctx, 'bad-value', `anti-replay-window-size ${antiReplay.windowSize} is above what an AS PIC supports; ${card.name} uses 1024`, [antiReplay.at], 'warning');
        antiReplay = { ...antiReplay, windowSize: 1024 };
      }
      let tunnelMtu: AppliedTerm['tunnelMtu'];
      if (then.tunnelMtu) tunnelMtu = { value: then.tunnelMtu.value, origin: 'term', at: then.tunnelMtu.at };
      else if (options.tunnelMtu) tunnelMtu = { value: options.tunnelMtu.value, origin: 'service-set', at: options.tunnelMtu.at };
      else {
        const value = ctx.defaults.use(['services', 'ipsec-vpn', 'rule', rule.name, 'term', term.name, 'then', 'tunnel-mtu'], TUNNEL_DEFAULTS.tunnelMtu);
        tunnelMtu = { value: Number(value), origin: 'Junos default', at: undefined };
      }
      out.push({
        rule: rule.name,
        term: term.name,
        antiReplay,
        tunnelMtu,
        clearDontFragmentBit: then.clearDontFragmentBit || options.clearDontFragmentBit,
        ...flowOf(term, style, mixed),
      });
    }
  }
  return out;
}

export function compileServiceSets(
  ctx: CompileContext,
  interfaces: readonly PhysicalInterface[],
  serviceInterfaces: readonly ServiceInterface[],
  rules: readonly IpsecRule[],
  ruleSets: readonly RuleSet[],
): ServiceSet[] {
  const ownAddresses = new Set(interfaces.flatMap((i) => i.units.flatMap((u) => u.addresses.map((a) => a.address))));
  return entries(child(ctx.root, 'services'), 'service-set').map(({ name, node }) => {
    const nextHop = child(node, 'next-hop-service');
    const ifService = child(node, 'interface-service');
    const insideInterface = ref(leafWord(nextHop, 'inside-service-interface'));
    const outsideInterface = ref(leafWord(nextHop, 'outside-service-interface'));
    const serviceInterface = ref(leafWord(ifService, 'service-interface'));
    const style = nextHop ? 'next-hop' : ifService ? 'interface' : 'none';
    checkUnit(ctx, interfaces, name.text, 'inside-service-interface', insideInterface);
    checkUnit(ctx, interfaces, name.text, 'outside-service-interface', outsideInterface);
    checkUnit(ctx, interfaces, name.text, 'service-interface', serviceInterface);
    const options = readOptions(ctx, child(node, 'ipsec-vpn-options'));
    if (options.localGateway && !ownAddresses.has(options.localGateway.address)) {
      addProblem(
        ctx,
        'conflict',
        `local-gateway ${options.localGateway.address} of service set ${name.text} is not an address of any interface of this router`,
        [options.localGateway.at],
        'warning',
      );
    }
    const ipsecVpnRules = entries(node, 'ipsec-vpn-rules').map((e) => ({ name: e.name.text, at: spanOfWord(e.name) }));
    const ipsecVpnRuleSets = entries(node, 'ipsec-vpn-rule-sets').map((e) => ({ name: e.name.text, at: spanOfWord(e.name) }));
    const applied: IpsecRule[] = [];
    for (const r of ipsecVpnRules) {
      const rule = rules.find((x) => x.name === r.name);
      if (rule) applied.push(rule);
      else addProblem(ctx, 'undefined-reference', `service set ${name.text} applies rule ${r.name}, which is not defined under services ipsec-vpn rule`, [r.at]);
    }
    for (const s of ipsecVpnRuleSets) {
      const set = ruleSets.find((x) => x.name === s.name);
      if (!set) {
        addProblem(ctx, 'undefined-reference', `service set ${name.text} applies rule-set ${s.name}, which is not defined under services ipsec-vpn rule-set`, [s.at]);
        continue;
      }
      for (const member of set.rules) {
        const rule = rules.find((x) => x.name === member.name);
        if (rule) applied.push(rule);
      }
    }
    for (const term of applied.flatMap((r) => r.terms)) {
      const inside = term.from.ipsecInsideInterface;
      if (!inside) continue;
      if (style === 'interface') {
        addProblem(ctx, 'conflict', `term ${term.name} of rule ${term.rule} uses ipsec-inside-interface, which only next-hop service sets support (service set ${name.text} is interface style)`, [inside.at]);
      } else {
        const unit = findUnit(interfaces, inside.name);
        if (!unit) addProblem(ctx, 'undefined-reference', `ipsec-inside-interface ${inside.name} of term ${term.name} is not configured under interfaces`, [inside.at]);
        else if (unit.serviceDomain !== 'inside') addProblem(ctx, 'conflict', `ipsec-inside-interface ${inside.name} of term ${term.name} has no service-domain inside`, [inside.at], 'warning');
      }
    }
    const card = picOf(ctx, serviceInterfaces, insideInterface ?? serviceInterface ?? outsideInterface);
    return {
      name: name.text,
      at: spanOfWord(name),
      style,
      insideInterface,
      outsideInterface,
      serviceInterface,
      pic: card?.pic,
      ipsecVpnOptions: options,
      ipsecVpnRules,
      ipsecVpnRuleSets,
      rules: applied.map((r) => r.name),
      terms: applyTerms(ctx, name.text, style, options, card, applied),
    };
  });
}
