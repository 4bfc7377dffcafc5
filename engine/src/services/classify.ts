/**
 * services/classify.ts: `createPacketClassifier`: one router's service sets processing packets: flow lookup,
 *   then rule processing (rules in the service set's order, only those whose match-direction fits, terms in
 *   order, the first matching term acts, no match -> drop), flow creation for flow-based terms, counters.
 * Owns: the flow table (keyed by direction and 5-tuple, bounded, oldest evicted first), per-service-set
 *   counters, mapping a matched term to its tunnel id, the decision record.
 * Must not know: routing (the caller says where the packet met the card), ESP and SAs (the action names the
 *   tunnel; the forwarding engine encrypts), IKE.
 * Invariants: never throws; every packet that reaches a service set is counted exactly once and ends in one
 *   action; any-any (flowless) terms never create flows; no keys are read.
 * Tests: test/src/engine/services.test.ts
 */
import type { AppliedTerm, Device, IpsecRule, IpsecTerm, ServiceSet } from '../device/types';
import type { Tunnel } from '../peers/tunnels';
import { tunnelIdOf, tunnelOfTerm } from '../topology/tunnel-ids';
import { attachmentsAt } from './attachment';
import { termMismatch } from './match';
import type { Direction, FlowEntry, PacketSelectors, RuleStep, ServiceAction, ServiceDecision, ServicePoint, ServiceSetCounters } from './types';

export interface ClassifierOptions {
  /** flows kept per service set before the oldest is evicted (default 65536) */
  readonly maxFlows?: number;
}

export interface PacketClassifier {
  readonly router: string;
  /** decides what the service sets at `point` do with the packet (and counts it) */
  classify(point: ServicePoint, packet: PacketSelectors): ServiceDecision;
  /** counters of every service set of the router, in configuration order */
  counters(): ServiceSetCounters[];
  /** the flows of one service set, oldest first */
  flows(serviceSet: string): FlowEntry[];
}

function flowKey(direction: Direction, p: PacketSelectors): string {
  return `${direction}|${p.protocol}|${p.source}|${p.sourcePort ?? 0}|${p.destination}|${p.destinationPort ?? 0}`;
}

function directionFits(rule: IpsecRule, direction: Direction): string | undefined {
  const md = rule.matchDirection?.value;
  if (md === undefined) return `rule ${rule.name} has no match-direction, so it never matches`;
  if (md === 'input-output' || md === direction) return undefined;
  return `rule ${rule.name} has match-direction ${md}; the packet is ${direction}`;
}

function newCounters(serviceSet: string): ServiceSetCounters {
  return { serviceSet, packets: 0, inputPackets: 0, outputPackets: 0, matched: {}, noMatchDrops: 0, otherDrops: 0, flowlessPackets: 0, flowsCreated: 0, flowHits: 0 };
}

export function createPacketClassifier(device: Device, tunnels: readonly Tunnel[], options: ClassifierOptions = {}): PacketClassifier {
  const maxFlows = Math.max(1, options.maxFlows ?? 65536);
  const counters = new Map<string, ServiceSetCounters>(device.serviceSets.map((s) => [s.name, newCounters(s.name)]));
  const flows = new Map<string, Map<string, FlowEntry>>(device.serviceSets.map((s) => [s.name, new Map()]));

  const actionOf = (set: ServiceSet, term: IpsecTerm): ServiceAction => {
    const sa = term.then.sa;
    if (!sa) return { kind: 'drop', reason: `term ${term.name} of rule ${term.rule} has neither dynamic nor manual SA` };
    const tunnel = tunnelOfTerm(tunnels, device.name, set.name, term.rule, term.name);
    return { kind: 'encrypt', tunnelId: tunnel ? tunnelIdOf(tunnel) : undefined, remoteGateway: term.then.remoteGateway?.address, sa: sa.kind };
  };

  const processRules = (set: ServiceSet, direction: Direction, point: ServicePoint, packet: PacketSelectors) => {
    const steps: RuleStep[] = [];
    for (const ruleName of set.rules) {
      const rule = device.ipsecVpn.rules.find((r) => r.name === ruleName);
      if (!rule) continue;
      const skip = directionFits(rule, direction);
      if (skip) {
        steps.push({ rule: rule.name, outcome: 'skipped', term: undefined, reason: skip });
        continue;
      }
      const reasons: string[] = [];
      for (const term of rule.terms) {
        const mismatch = termMismatch(term, packet, point);
        if (mismatch === undefined) {
          steps.push({ rule: rule.name, outcome: 'matched', term: term.name, reason: `term ${term.name} matches ${packet.source} -> ${packet.destination}` });
          return { steps, term };
        }
        reasons.push(mismatch);
      }
      steps.push({ rule: rule.name, outcome: 'no-term-matched', term: undefined, reason: reasons.join('; ') || `rule ${rule.name} has no terms` });
    }
    return { steps, term: undefined };
  };

  const classify = (point: ServicePoint, packet: PacketSelectors): ServiceDecision => {
    const attachment = attachmentsAt(device, point)[0];
    if (!attachment) {
      const action: ServiceAction =
        point.kind === 'routed-to'
          ? { kind: 'drop', reason: `no service set of ${device.name} uses ${point.unit} as a service interface` }
          : { kind: 'bypass', reason: `no service set is applied ${point.kind === 'entering' ? 'in the input direction' : 'in the output direction'} on ${point.unit}` };
      return { router: device.name, serviceSet: undefined, direction: undefined, rule: undefined, term: undefined, action, processing: undefined, flowHit: false, steps: [], at: undefined };
    }
    const { serviceSet: set, direction } = attachment;
    const count = counters.get(set.name)!;
    count.packets++;
    if (direction === 'input') count.inputPackets++;
    else count.outputPackets++;
    const table = flows.get(set.name)!;
    const key = flowKey(direction, packet);
    const flow = table.get(key);
    if (flow) {
      flow.packets++;
      count.flowHits++;
      count.matched[`${flow.rule}/${flow.term}`] = (count.matched[`${flow.rule}/${flow.term}`] ?? 0) + 1;
      const term = device.ipsecVpn.rules.find((r) => r.name === flow.rule)?.terms.find((t) => t.name === flow.term);
      return { router: device.name, serviceSet: set.name, direction, rule: flow.rule, term: flow.term, action: flow.action, processing: 'flow-based', flowHit: true, steps: [], at: term?.at };
    }
    const { steps, term } = processRules(set, direction, point, packet);
    if (!term) {
      count.noMatchDrops++;
      const action: ServiceAction = { kind: 'drop', reason: `no term of service set ${set.name} matches the ${direction} packet ${packet.source} -> ${packet.destination}` };
      return { router: device.name, serviceSet: set.name, direction, rule: undefined, term: undefined, action, processing: undefined, flowHit: false, steps, at: undefined };
    }
    const applied: AppliedTerm | undefined = set.terms.find((t) => t.rule === term.rule && t.term === term.name);
    const processing = applied?.flow ?? term.flow;
    const action = actionOf(set, term);
    count.matched[`${term.rule}/${term.name}`] = (count.matched[`${term.rule}/${term.name}`] ?? 0) + 1;
    if (action.kind === 'drop') count.otherDrops++;
    if (processing === 'flowless') count.flowlessPackets++;
    else {
      if (table.size >= maxFlows) table.delete(table.keys().next().value!);
      table.set(key, { key, direction, selectors: { ...packet }, rule: term.rule, term: term.name, action, packets: 1 });
      count.flowsCreated++;
    }
    return { router: device.name, serviceSet: set.name, direction, rule: term.rule, term: term.name, action, processing, flowHit: false, steps, at: term.at };
  };

  return {
    router: device.name,
    classify,
    counters: () => [...counters.values()].map((c) => ({ ...c, matched: { ...c.matched } })),
    flows: (serviceSet) => [...(flows.get(serviceSet)?.values() ?? [])].map((f) => ({ ...f })),
  };
}
