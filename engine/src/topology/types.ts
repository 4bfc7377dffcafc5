/**
 * topology/types.ts: the shapes of the network graph: routers, links between interface units, tunnel links
 *   between service sets' inside interfaces, and the up/down state that failures change.
 * Owns: `Topology`, `Link`, `LinkEnd`, `TunnelAttachment`, `TopologyState`, `TopologyProblem`.
 * Must not know: routing protocols, packets, IKE.
 * Invariants: everything but `state` is plain data fixed at build time; `state` is the only thing that
 *   changes (through state.ts), and every change bumps `state.revision` so caches can tell.
 * Tests: test/src/engine/topology.test.ts
 */
import type { Device, Span } from '../device/types';

export interface TopologyRouter {
  /** the device name (host-name, else file name) */
  readonly name: string;
  readonly device: Device;
  /** router-id, else the first loopback address, else the first interface address */
  readonly routerId: string | undefined;
}

export interface LinkEnd {
  readonly router: string;
  /** the logical unit, always with its unit number: `ge-0/0/1.0`, `ms-1/2/0.1` */
  readonly unit: string;
  /** the unit's address on this link (undefined for unnumbered tunnel ends) */
  readonly address: string | undefined;
  readonly at: Span | undefined;
}

export type LinkKind = 'point-to-point' | 'multi-access' | 'tunnel';

export interface Link {
  /** stable human id: `R2:ge-0/0/1<->R3:ge-0/0/1` (unit 0 left out), `R2:ms-1/2/0.1<->R3:ms-1/2/0.1` */
  readonly id: string;
  readonly kind: LinkKind;
  /** the shared subnet (`10.1.15.0/30`); undefined for tunnel links */
  readonly subnet: string | undefined;
  readonly ends: LinkEnd[];
  /** for tunnel links: the tunnel carried (see tunnel-ids.ts) */
  readonly tunnelId: string | undefined;
}

/** Where a paired tunnel attaches: inside units (next-hop style) and the underlay gateways. */
export interface TunnelAttachment {
  readonly tunnelId: string;
  /** the virtual link between the inside interfaces; undefined when an end has none (interface style) */
  readonly linkId: string | undefined;
  readonly ends: readonly {
    readonly router: string;
    readonly serviceSet: string;
    readonly rule: string;
    readonly term: string;
    readonly style: 'next-hop' | 'interface' | 'none';
    /** the inside unit the tunnel's traffic is routed into (ipsec-inside-interface, else the service set's) */
    readonly insideUnit: string | undefined;
    /** the outside unit (next-hop style) or the unit the service set is applied on (interface style) */
    readonly outsideUnit: string | undefined;
    readonly localGateway: string | undefined;
  }[];
  /** why there is no virtual link, when there is none */
  readonly noLinkReason: string | undefined;
}

export interface TopologyProblem {
  readonly code: 'duplicate-address' | 'subnet-mismatch' | 'unknown-link' | 'unknown-router';
  readonly message: string;
  readonly spans: Span[];
}

export interface TopologyState {
  readonly downLinks: Set<string>;
  readonly downRouters: Set<string>;
  /** bumped on every state change */
  revision: number;
}

export interface Topology {
  readonly routers: TopologyRouter[];
  readonly links: Link[];
  readonly tunnels: TunnelAttachment[];
  readonly problems: TopologyProblem[];
  readonly state: TopologyState;
}
