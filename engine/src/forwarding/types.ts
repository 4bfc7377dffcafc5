/**
 * forwarding/types.ts: the shapes of the packet path: SAs installed on a router for a tunnel, the IPsec
 *   statistics one service set keeps, and the per-packet trace records the editor draws paths from.
 * Owns: `InstalledTunnel`, `IpsecStatistics`, `PacketTrace`, `LatencyModel`, `UnderlayTap`.
 * Must not know: how packets are forwarded (plane.ts), output layouts (report/), IKE.
 * Invariants: plain data except `InstalledEnd.sas`, whose keys stay in the non-enumerable `esp` field;
 *   statistics and traces hold no key material.
 * Tests: test/src/engine/forwarding.test.ts
 */
import type { IpsecSaRecord } from '../sa/result';
import type { AhSa } from '../wire/ah';

/** One end of an established tunnel as the forwarding plane installs it. */
export interface InstalledEnd {
  readonly router: string;
  readonly serviceSet: string;
  readonly rule: string;
  readonly term: string;
  readonly localGateway: string;
  readonly remoteGateway: string;
  /** inbound and outbound SA of this end (keys in the non-enumerable `esp`) */
  readonly sas: readonly IpsecSaRecord[];
  /** AH SAs (manual `protocol ah`), keys in the non-enumerable `ah` */
  readonly ahSas?: readonly InstalledAhSa[];
}

/** One direction of a manual AH SA. */
export interface InstalledAhSa {
  readonly direction: 'inbound' | 'outbound';
  readonly spi: number;
  /** not enumerable: never serialised */
  readonly ah: AhSa;
}

export interface InstalledTunnel {
  /** `tunnelIdOf(tunnel)`, the id routing and the classifier use */
  readonly tunnelId: string;
  readonly ends: readonly InstalledEnd[];
}

/** Everything `show services ipsec-vpn ipsec statistics` prints for one service set, plus our drop counts. */
export interface IpsecStatistics {
  readonly router: string;
  /** the services card (`ms-1/2/0`) */
  readonly pic: string;
  readonly serviceSet: string;
  encryptedBytes: number;
  decryptedBytes: number;
  encryptedPackets: number;
  decryptedPackets: number;
  ahInputBytes: number;
  ahOutputBytes: number;
  ahInputPackets: number;
  ahOutputPackets: number;
  ahAuthenticationFailures: number;
  replayErrors: number;
  espAuthenticationFailures: number;
  espDecryptionFailures: number;
  badHeaders: number;
  badTrailers: number;
  /** not printed by Junos here: packets bigger than the tunnel MTU with DF set (dropped) */
  mtuDrops: number;
  /** not printed by Junos here: ESP packets whose SPI matches no inbound SA */
  unknownSpi: number;
}

export type TraceAction = 'send' | 'forward' | 'encrypt' | 'decrypt' | 'deliver' | 'drop' | 'icmp-error' | 'fragment';

/** One step of one packet on one router, for the editor's path drawing. */
export interface PacketTrace {
  /** the packet's number in this simulation (the inner packet and its ESP carrier share it) */
  readonly packet: number;
  /** virtual milliseconds */
  readonly time: number;
  readonly router: string;
  /** the unit the packet arrived on or leaves by, when there is one */
  readonly interface: string | undefined;
  readonly action: TraceAction;
  readonly source: string;
  readonly destination: string;
  /** IP protocol (1 ICMP, 17 UDP, 50 ESP) */
  readonly protocol: number;
  readonly ttl: number;
  readonly bytes: number;
  readonly serviceSet: string | undefined;
  readonly rule: string | undefined;
  readonly term: string | undefined;
  readonly spi: number | undefined;
  readonly sequenceNumber: number | undefined;
  /** one short sentence: what happened and why */
  readonly outcome: string;
}

/** Simulated time costs (virtual milliseconds). */
export interface LatencyModel {
  /** one-way delay of a physical link */
  readonly linkMs: number;
  /** a router's forwarding decision */
  readonly forwardMs: number;
  /** the services card encrypting or decrypting one packet */
  readonly espMs: number;
  /** up to this much is added at random per hop (from the simulation's random source) */
  readonly jitterMs: number;
}

export const DEFAULT_LATENCY: LatencyModel = { linkMs: 0.1, forwardMs: 0.02, espMs: 0.12, jitterMs: 0.03 };

/**
 * A hook on physical links for tests and fault injection: gets each packet about to cross a link and
 * returns the packets that arrive instead (none = lost, two = duplicated, changed bytes = corrupted).
 */
export type UnderlayTap = (bytes: Buffer, where: { readonly from: string; readonly to: string; readonly linkId: string }) => Buffer[];

/** A local delivery to a router's own stack that a traffic generator listens for. */
export interface LocalDelivery {
  readonly router: string;
  readonly time: number;
  /** the whole IPv4 packet (reassembled) */
  readonly bytes: Buffer;
}

/** The sender learns its own packet could not leave (`sendto: No route to host`). */
export interface SendFailure {
  readonly router: string;
  readonly time: number;
  readonly reason: string;
}
