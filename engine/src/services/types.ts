/**
 * services/types.ts: the shapes of service-set packet classification: where a packet meets a service set,
 *   the packet's selectors, the decision record the forwarding engine acts on, and the counters.
 * Owns: `ServicePoint`, `PacketSelectors`, `ServiceDecision`, `ServiceAction`, `RuleStep`, `ServiceSetCounters`,
 *   `FlowEntry`.
 * Must not know: routing, ESP, IKE.
 * Invariants: plain data; a decision always names its action and, when a service set saw the packet, the
 *   service set and direction.
 * Tests: test/src/engine/services.test.ts
 */
import type { Span } from '../device/types';

/**
 * Where the packet meets the services card: `routed-to` a service unit by forwarding (next-hop style), or
 * `entering`/`leaving` an interface unit that has interface-style service sets applied.
 */
export type ServicePoint =
  | { readonly kind: 'routed-to'; readonly unit: string }
  | { readonly kind: 'entering'; readonly unit: string }
  | { readonly kind: 'leaving'; readonly unit: string };

export interface PacketSelectors {
  /** IPv4 or IPv6 address text */
  readonly source: string;
  readonly destination: string;
  /** IP protocol number (1 ICMP, 6 TCP, 17 UDP, ...) */
  readonly protocol: number;
  readonly sourcePort?: number;
  readonly destinationPort?: number;
}

export type Direction = 'input' | 'output';

export type ServiceAction =
  /** protect with the SA of this term's tunnel (`tunnelIdOf`; undefined when the term pairs with no peer) */
  | { readonly kind: 'encrypt'; readonly tunnelId: string | undefined; readonly remoteGateway: string | undefined; readonly sa: 'dynamic' | 'manual' }
  | { readonly kind: 'drop'; readonly reason: string }
  /** no service set sees the packet: forwarding carries on unchanged */
  | { readonly kind: 'bypass'; readonly reason: string };

export interface RuleStep {
  readonly rule: string;
  readonly outcome: 'skipped' | 'no-term-matched' | 'matched';
  /** the term that matched, when one did */
  readonly term: string | undefined;
  /** one sentence: why the rule was skipped, or which term's selector failed */
  readonly reason: string;
}

export interface ServiceDecision {
  readonly router: string;
  readonly serviceSet: string | undefined;
  readonly direction: Direction | undefined;
  readonly rule: string | undefined;
  readonly term: string | undefined;
  readonly action: ServiceAction;
  /** packet based (any-any term) or flow based (selector term); undefined when no term matched */
  readonly processing: 'flowless' | 'flow-based' | undefined;
  /** true when an existing flow decided (no rule processing) */
  readonly flowHit: boolean;
  /** rule processing, rule by rule (empty on a flow hit or a bypass) */
  readonly steps: RuleStep[];
  /** the matched term's source span */
  readonly at: Span | undefined;
}

export interface FlowEntry {
  readonly key: string;
  readonly direction: Direction;
  readonly selectors: PacketSelectors;
  readonly rule: string;
  readonly term: string;
  readonly action: ServiceAction;
  packets: number;
}

export interface ServiceSetCounters {
  readonly serviceSet: string;
  packets: number;
  inputPackets: number;
  outputPackets: number;
  /** packets per matched `rule/term` */
  readonly matched: Record<string, number>;
  /** packets dropped because no term of any rule matched */
  noMatchDrops: number;
  /** packets dropped by a matched term that cannot act (no SA configured) */
  otherDrops: number;
  flowlessPackets: number;
  flowsCreated: number;
  flowHits: number;
}
