/**
 * simulate/result.ts: `SimulationResult`, what `simulate()` returns: plain JSON data that the CLI prints,
 *   the LSP `junos/simulate` request returns and the VS Code webview renders, as is.
 * Owns: the shapes and field names of the result (stable: renaming a field is a breaking change for the
 *   LSP request and the webview), the verdict vocabulary.
 * Must not know: how the result is computed, LSP types, output formats.
 * Invariants: plain data only (no classes, functions, Buffers or non-enumerable fields; a field typed
 *   `| undefined` is absent rather than undefined), so `JSON.parse(JSON.stringify(r))` deep-equals `r`; no key material anywhere (pre-shared keys, `$9$`
 *   strings, SA keys, nonces); every source location carries both offsets and 1-based line/column.
 * Tests: test/src/engine/simulate.test.ts
 */
import type { DpdEvent } from '../dpd/index';
import type { IpsecStatistics, PacketTrace } from '../forwarding/types';
import type { ServiceSetCounters } from '../services/types';
import type { PingOutcome, TracerouteOutcome } from '../traffic/types';

/**
 * One tunnel's verdict. The IKE outcomes come from the exchange itself (sa/result.ts); the others are
 * decided before any packet is sent:
 * - CONFIG_ERROR: a router at either end has errors that make Junos reject its commit;
 * - PEER_NOT_FOUND: no router in the inputs owns the term's remote-gateway as a local-gateway;
 * - NOT_SIMULATED: the tunnel uses something this engine does not negotiate (manual SA, certificates).
 */
export type Verdict =
  | 'ESTABLISHED'
  | 'IKE_NO_PROPOSAL'
  | 'IKE_AUTH_FAILED'
  | 'IPSEC_NO_PROPOSAL'
  | 'PFS_MISMATCH'
  | 'TS_UNACCEPTABLE'
  | 'IKE_VERSION_MISMATCH'
  | 'IKE_MODE_MISMATCH'
  | 'PEER_UNREACHABLE'
  | 'PEER_NOT_FOUND'
  | 'CONFIG_ERROR'
  | 'NOT_SIMULATED';

/** A place in a source document: offsets (UTF-16, as the model keeps them) and 1-based line/column. */
export interface SourcePlace {
  readonly docId: string;
  readonly start: number;
  readonly end: number;
  /** 1-based */
  readonly line: number;
  /** 1-based, UTF-16 code units */
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A configuration line that caused (or explains) a failure, for the editor to jump to. */
export interface BlameSpan extends SourcePlace {
  /** the router whose configuration this is */
  readonly device: string;
  /** what is written there, in Junos words: `pre-shared-key`, `ike policy ike-demo-policy proposals`, ... */
  readonly what: string;
}

/** One end of a tunnel as configured. */
export interface TunnelEndSummary {
  readonly device: string;
  readonly file: string;
  readonly serviceSet: string;
  readonly rule: string;
  readonly term: string;
  readonly sa: 'dynamic' | 'manual';
  readonly localGateway: string | undefined;
  readonly remoteGateway: string | undefined;
  readonly backupRemoteGateway: string | undefined;
  /** the side's role in the simulated exchange (undefined when nothing was negotiated) */
  readonly role: 'initiator' | 'responder' | undefined;
  /** names of the IKE and IPsec policies the term uses */
  readonly ikePolicy: string | undefined;
  readonly ipsecPolicy: string | undefined;
}

export interface NegotiatedIke {
  readonly version: 1 | 2;
  /** as `show services ipsec-vpn ike security-associations` names it: Main, Aggressive, IKEv2 */
  readonly exchangeType: string;
  readonly encryption: string;
  readonly authentication: string;
  readonly dhGroup: string;
  readonly lifetimeSeconds: number;
}

export interface NegotiatedIpsec {
  readonly protocol: 'esp';
  readonly encryption: string;
  readonly authentication: string | undefined;
  /** PFS group, undefined without PFS */
  readonly pfsGroup: string | undefined;
  readonly lifetimeSeconds: number;
}

/** One router's IKE SA with its peer. */
export interface IkeSaView {
  readonly version: 1 | 2;
  readonly exchangeType: string;
  readonly role: 'initiator' | 'responder';
  readonly state: string;
  readonly initiatorCookie: string;
  readonly responderCookie: string;
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly encryption: string;
  readonly authentication: string;
  readonly dhGroup: string;
  readonly lifetimeSeconds: number;
  /** seconds left when the show outputs were taken */
  readonly expiresInSeconds: number;
  readonly localBehindNat: boolean;
  readonly remoteBehindNat: boolean;
  /** IKE traffic this router sent and received for this SA (from the message log) */
  readonly traffic: { readonly inputBytes: number; readonly outputBytes: number; readonly inputPackets: number; readonly outputPackets: number };
}

/** One installed IPsec SA (one direction) on one router. */
export interface IpsecSaView {
  readonly direction: 'inbound' | 'outbound';
  readonly spi: number;
  readonly auxSpi: number;
  readonly mode: 'tunnel';
  readonly type: 'dynamic';
  readonly state: string;
  readonly protocol: 'ESP';
  readonly encryption: string;
  readonly authentication: string | undefined;
  readonly softLifetimeSeconds: number;
  readonly hardLifetimeSeconds: number;
  /** `Expires in N seconds` at the time of the show outputs */
  readonly softExpiresInSeconds: number;
  readonly hardExpiresInSeconds: number;
  /** 0 when anti-replay is disabled */
  readonly antiReplayWindow: number;
  /** the proxy identities as prefixes (`10.1.12.0/24`, `0.0.0.0/0`) */
  readonly localIdentity: string;
  readonly remoteIdentity: string;
}

/** What one router holds for one tunnel after the simulation. */
export interface TunnelSide {
  readonly device: string;
  readonly serviceSet: string;
  readonly rule: string;
  readonly term: string;
  /** 1-based, per service set in tunnel order, as `Tunnel index` */
  readonly tunnelIndex: number;
  readonly localGateway: string;
  readonly remoteGateway: string;
  readonly ikeSa: IkeSaView | undefined;
  readonly ipsecSas: IpsecSaView[];
  readonly retransmissions: number;
  /** what this side saw go wrong, in its own words (undefined when established) */
  readonly failure: string | undefined;
}

/** One IKE message on the wire, for the sequence diagram. */
export interface ExchangedMessage {
  /** virtual milliseconds since the start of the simulation */
  readonly time: number;
  /** router names */
  readonly from: string;
  readonly to: string;
  readonly sourceAddress: string;
  readonly destinationAddress: string;
  readonly ikeVersion: 1 | 2;
  /** `Main Mode`, `Quick Mode`, `IKE_SA_INIT`, ... */
  readonly exchange: string;
  readonly messageNumber: number;
  readonly direction: 'request' | 'response' | undefined;
  /** payload kinds in order (`SA`, `KE`, `Nonce`, ...) */
  readonly payloads: string[];
  /** one line per payload, no secrets */
  readonly summary: string[];
  readonly encrypted: boolean;
  readonly retransmission: boolean;
  readonly bytes: number;
}

/** A notable event during the exchange (a timer, a drop, an SA installed). */
export interface SimulationEvent {
  readonly time: number;
  readonly device: string;
  readonly text: string;
}

/** A default the compiler filled in on a router of the tunnel. */
export interface DefaultApplied {
  readonly device: string;
  /** the configuration path, space-separated as Junos writes it */
  readonly path: string;
  readonly value: string;
  readonly reason: string;
  readonly source: string;
}

/** A problem that makes Junos reject a router's commit. */
export interface BlockingProblem extends SourcePlace {
  readonly device: string;
  readonly code: string;
  readonly message: string;
}

export interface TunnelResult {
  /** stable id: `R2 demo-service-set rule-ike/term-ike` of the end the tunnel was found from */
  readonly id: string;
  readonly verdict: Verdict;
  /** one sentence a network engineer understands; never a key */
  readonly reason: string;
  /** what the peer search found, in one sentence */
  readonly peerSearch: string;
  /** the end the tunnel was found from, then its peer (absent when no peer was found) */
  readonly ends: TunnelEndSummary[];
  /** which end started the exchange and why */
  readonly initiator: { readonly device: string; readonly why: string } | undefined;
  readonly ike: NegotiatedIke | undefined;
  readonly ipsec: NegotiatedIpsec | undefined;
  /** what each router holds, initiator first (empty when nothing was negotiated) */
  readonly sides: TunnelSide[];
  readonly messages: ExchangedMessage[];
  readonly events: SimulationEvent[];
  readonly defaults: DefaultApplied[];
  /** the lines to look at when the verdict is not ESTABLISHED (empty when it is) */
  readonly blame: BlameSpan[];
  /** for CONFIG_ERROR: the problems that block the commit, first ones first */
  readonly blockingProblems: BlockingProblem[];
  /** virtual milliseconds from the first message to the verdict */
  readonly elapsedMs: number;
}

export interface DuplicateDevices {
  readonly message: string;
  readonly files: string[];
  readonly kept: string;
  readonly reason: string;
  readonly places: SourcePlace[];
}

/** The show outputs of one router, as Junos prints them. */
export interface DeviceShowOutputs {
  readonly device: string;
  readonly file: string;
  /** `show services ipsec-vpn ike security-associations` */
  readonly ikeSecurityAssociations: string;
  readonly ikeSecurityAssociationsDetail: string;
  /** `show services ipsec-vpn ipsec security-associations` */
  readonly ipsecSecurityAssociations: string;
  readonly ipsecSecurityAssociationsDetail: string;
}

export interface SimulationResult {
  /** bumped when a field changes meaning or disappears */
  readonly formatVersion: 1;
  readonly platform: string;
  /** the seed used for cookies, SPIs and nonces; undefined = fresh randomness */
  readonly seed: string | undefined;
  /** every input file, which router it describes, and whether it was the one simulated */
  readonly files: { readonly id: string; readonly device: string; readonly kept: boolean }[];
  readonly devices: string[];
  readonly tunnels: TunnelResult[];
  readonly duplicateDevices: DuplicateDevices[];
  /** inputs that could not be used, and other things the user should know (no tunnel found, ...) */
  readonly notes: string[];
  /** one per router that ends a simulated tunnel, in device order */
  readonly showOutputs: DeviceShowOutputs[];
  readonly summary: { readonly tunnels: number; readonly established: number; readonly failed: number };
  /** every packet of the simulation as a pcap file (LINKTYPE_RAW), only when `pcap: true` was asked */
  readonly pcap?: { readonly packets: number; readonly base64: string };
  /** pings, traceroutes, routes, failures and IPsec statistics (only when asked for) */
  readonly traffic?: TrafficResult;
  /** the routers and links simulated (with `fail` applied), for drawing the network */
  readonly topology?: TopologyView;
}

/** A router of `TopologyView`. */
export interface TopologyRouterView {
  readonly name: string;
  /** router-id, else the first loopback address, else the first interface address */
  readonly routerId: string | undefined;
  /** false when `fail` took it down */
  readonly up: boolean;
}

/** A link of `TopologyView`: a physical link (routers sharing a subnet) or the virtual link of a tunnel. */
export interface TopologyLinkView {
  /** `R2:ge-0/0/1<->R3:ge-0/0/1`, the name `fail` takes */
  readonly id: string;
  readonly kind: 'point-to-point' | 'multi-access' | 'tunnel';
  /** the shared subnet; undefined for tunnel links */
  readonly subnet: string | undefined;
  /** the logical units joined, with their addresses (undefined for unnumbered tunnel ends) */
  readonly ends: { readonly router: string; readonly unit: string; readonly address: string | undefined }[];
  /** for tunnel links: the tunnel carried */
  readonly tunnelId: string | undefined;
  /** false when the link or one of its routers is down at the end of the simulation */
  readonly up: boolean;
}

/** The simulated network: every router of the inputs and the links between them. */
export interface TopologyView {
  readonly routers: TopologyRouterView[];
  readonly links: TopologyLinkView[];
}

/** An IKE negotiation that DPD failover ran while traffic flowed. */
export interface Renegotiation {
  /** virtual ms when it started */
  readonly time: number;
  readonly tunnelId: string;
  readonly initiator: string;
  readonly responder: string;
  /** the remote gateway negotiated with, and whether it is the term's primary or backup */
  readonly gateway: string;
  readonly gatewayRole: 'primary' | 'backup';
  readonly verdict: Verdict;
  readonly reason: string;
  readonly messages: ExchangedMessage[];
  /** what each router holds afterwards (initiator first; empty when nothing came up) */
  readonly sides: TunnelSide[];
}

/** What `--fail` did with one name. */
export interface FailureApplied {
  /** as given */
  readonly what: string;
  readonly kind: 'link' | 'router' | 'unknown';
  /** the link id or router name it resolved to */
  readonly id: string | undefined;
  readonly message: string;
  /** seconds after the traffic started (`R3@20`); undefined = down from the start */
  readonly atSeconds?: number;
}

/** `show services ipsec-vpn ipsec statistics` of one router after the traffic ran. */
export interface RouterIpsecStatistics {
  readonly router: string;
  readonly serviceSets: IpsecStatistics[];
  /** the Junos text */
  readonly text: string;
}

/**
 * The packet path part of a simulation: present when `fail`, `routes`, `ping` or `traceroute` was asked.
 * Traffic runs after the negotiations, on the same clock, over the routes that hold with the established
 * tunnels up and the failed links and routers down.
 */
export interface TrafficResult {
  readonly failures: FailureApplied[];
  /** `show route` per asked router */
  readonly routes: { readonly router: string; readonly text: string }[];
  readonly pings: (PingOutcome & { readonly output: string })[];
  readonly traceroutes: (TracerouteOutcome & { readonly output: string })[];
  /** per router with a service set */
  readonly statistics: RouterIpsecStatistics[];
  /** service-set rule processing counters (matches, no-match drops, flows) per router */
  readonly serviceSetCounters: { readonly router: string; readonly counters: ServiceSetCounters[] }[];
  /** every step of every packet, for drawing the path */
  readonly traces: PacketTrace[];
  /** trace records left out beyond the limit */
  readonly tracesLeftOut: number;
  /**
   * dead peer detection and failover, in time order: hellos, answers, retries, dead peers, SAs cleared,
   * failovers to the backup gateway and back, tunnels established, revert (ends with
   * initiate-dead-peer-detection or backup-remote-gateway)
   */
  readonly deadPeerDetection: DpdEvent[];
  /** the IKE negotiations DPD failover ran during the traffic (hop by hop through the network) */
  readonly renegotiations: Renegotiation[];
}
