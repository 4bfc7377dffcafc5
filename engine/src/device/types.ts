/**
 * device/types.ts: the compiled device model: one router as plain data, as the engine needs it.
 * Owns: the shapes of interfaces, routing, service sets, IPsec rules, IKE/IPsec proposals and policies,
 *   applied defaults and compile problems.
 * Must not know: syntax trees, LSP, how the values were read (see compile.ts), the wire formats.
 * Invariants: plain data (JSON-serialisable, no classes, no functions); every compiled item keeps the source
 *   span(s) it came from (`at`, `spans`), undefined only when the item is a default; a value that was filled
 *   in by a default is listed in `Device.defaults`; secrets are `SecretHandle`s whose key bytes are not
 *   properties (see secret-handle.ts), so printing a device never prints a key.
 * Tests: test/src/engine/device.test.ts
 */
import type { WordSource } from '../../../server/src/model/index';

/** A range of one source document (offsets, not lines): where a compiled value was written. */
export type Span = WordSource;

export type SchemaPlatform = 'mx' | 'srx';

/** The services card behind a service interface: AS PIC (`sp-`) or MultiServices PIC/DPC/MPC (`ms-`, `ams-`). */
export type ServicePic = 'as-pic' | 'ms-pic';

export interface CompileOptions {
  /** the schema family the configuration was read with (default `mx`) */
  readonly platform?: SchemaPlatform;
  /** forces the kind of services card for every service interface; by default it follows the interface name
   *  (`sp-` = AS PIC, `ms-`/`ams-`/`vms-` = MultiServices) */
  readonly servicePic?: ServicePic;
}

export type DefaultSource = 'Junos default' | 'platform default';

/** One value the compiler filled in because the configuration does not say it. */
export interface AppliedDefault {
  /** the configuration path the value would have been written at */
  readonly path: string[];
  readonly value: string;
  /** why this value (a sentence naming the rule or the documentation) */
  readonly reason: string;
  readonly source: DefaultSource;
}

export type DeviceProblemCode =
  | 'undefined-reference'
  | 'missing-statement'
  | 'bad-value'
  | 'conflict';

export interface DeviceProblem {
  readonly code: DeviceProblemCode;
  readonly severity: 'error' | 'warning';
  /** one sentence for a network engineer */
  readonly message: string;
  /** the word(s) the problem is about (never empty when the problem comes from the configuration) */
  readonly spans: Span[];
}

/** A key as configured: never holds the key itself. Use `revealSecret` (engine only) to get its bytes. */
export interface SecretHandle {
  readonly kind: 'secret';
  readonly form: 'ascii-text' | 'hexadecimal';
  /** how to show it to people: kind only, no content, no length */
  readonly masked: string;
  readonly at: Span;
}

/** A name written somewhere (a reference or a definition) with its span. */
export interface NamedRef {
  readonly name: string;
  readonly at: Span | undefined;
}

export interface AddressValue {
  /** as written, e.g. `10.1.15.1` */
  readonly address: string;
  readonly family: 'inet' | 'inet6';
  readonly at: Span | undefined;
}

export interface InterfaceAddress {
  readonly family: 'inet' | 'inet6';
  /** the address without the prefix length */
  readonly address: string;
  readonly prefixLength: number;
  /** as written, e.g. `10.1.12.1/30` */
  readonly text: string;
  readonly at: Span;
}

export interface LogicalUnit {
  /** `ge-0/0/0.0` */
  readonly name: string;
  readonly unit: number;
  readonly at: Span | undefined;
  readonly description: string | undefined;
  /** the families configured on the unit (`family inet;` without an address counts) */
  readonly families: ('inet' | 'inet6')[];
  readonly addresses: InterfaceAddress[];
  readonly serviceDomain: 'inside' | 'outside' | undefined;
  /** interface-style service sets applied here (`family inet service input|output service-set NAME`) */
  readonly serviceSets: { readonly direction: 'input' | 'output'; readonly serviceSet: string; readonly at: Span | undefined }[];
}

export type InterfaceKind = 'ethernet' | 'loopback' | 'service' | 'other';

export interface PhysicalInterface {
  /** `ge-0/0/0` */
  readonly name: string;
  readonly kind: InterfaceKind;
  readonly at: Span | undefined;
  readonly description: string | undefined;
  readonly units: LogicalUnit[];
}

export interface ServiceInterface {
  /** `ms-1/2/0` */
  readonly name: string;
  readonly pic: ServicePic;
  /** why this card type (name prefix, or the compile option) */
  readonly picReason: string;
  readonly at: Span | undefined;
  readonly units: { readonly name: string; readonly unit: number; readonly serviceDomain: 'inside' | 'outside' | undefined; readonly at: Span | undefined }[];
}

export interface StaticRoute {
  /** `10.9.0.0/16` as written */
  readonly destination: string;
  readonly family: 'inet' | 'inet6';
  readonly nextHops: AddressValue[];
  readonly discard: boolean;
  readonly reject: boolean;
  readonly at: Span | undefined;
}

export interface OspfInterface {
  /** always with a unit: `ge-0/0/0` is written as `ge-0/0/0.0` here */
  readonly name: string;
  /** the name was written without a unit (Junos takes unit 0) */
  readonly unitImplied: boolean;
  readonly passive: boolean;
  readonly at: Span | undefined;
}

export interface OspfArea {
  readonly area: string;
  readonly at: Span | undefined;
  readonly interfaces: OspfInterface[];
}

export interface IpsecVpnOptions {
  readonly localGateway: AddressValue | undefined;
  readonly antiReplayWindowSize: { readonly value: number; readonly at: Span | undefined } | undefined;
  readonly noAntiReplay: boolean;
  readonly tunnelMtu: { readonly value: number; readonly at: Span | undefined } | undefined;
  readonly clearDontFragmentBit: boolean;
  readonly ikeAccessProfile: NamedRef | undefined;
}

/** Where a per-tunnel setting came from. */
export type SettingOrigin = 'term' | 'service-set' | 'Junos default' | 'platform default';

/** A rule term as applied by one service set: the values that depend on both resolved. */
export interface AppliedTerm {
  readonly rule: string;
  readonly term: string;
  readonly antiReplay: { readonly enabled: boolean; readonly windowSize: number; readonly origin: SettingOrigin; readonly at: Span | undefined };
  readonly tunnelMtu: { readonly value: number; readonly origin: SettingOrigin; readonly at: Span | undefined };
  readonly clearDontFragmentBit: boolean;
  /** packet-based (flowless) or flow-based IPsec for this term in this service set */
  readonly flow: 'flowless' | 'flow-based';
  /** why: any-any or selectors, or the service set's mix of both */
  readonly flowReason: string;
}

export interface ServiceSet {
  readonly name: string;
  readonly at: Span | undefined;
  /** next-hop: inside/outside service interfaces; interface: `interface-service service-interface` */
  readonly style: 'next-hop' | 'interface' | 'none';
  readonly insideInterface: NamedRef | undefined;
  readonly outsideInterface: NamedRef | undefined;
  readonly serviceInterface: NamedRef | undefined;
  /** the card behind the service interface (decides the default anti-replay window) */
  readonly pic: ServicePic | undefined;
  readonly ipsecVpnOptions: IpsecVpnOptions;
  /** `ipsec-vpn-rules` in the order written */
  readonly ipsecVpnRules: NamedRef[];
  /** `ipsec-vpn-rule-sets` in the order written */
  readonly ipsecVpnRuleSets: NamedRef[];
  /** the rules this service set applies, in processing order (rule sets expanded), undefined ones left out */
  readonly rules: string[];
  /** every term of those rules, in processing order, with per-service-set settings resolved */
  readonly terms: AppliedTerm[];
}

export interface AddressMatch {
  /** `10.1.12.0/24`, or `0.0.0.0/0` when the default applies */
  readonly prefix: string;
  readonly family: 'inet' | 'inet6';
  readonly at: Span | undefined;
}

export interface ManualSaDirection {
  readonly direction: 'inbound' | 'outbound' | 'bidirectional';
  readonly at: Span | undefined;
  readonly protocol: 'ah' | 'esp' | 'bundle' | undefined;
  readonly spi: number | undefined;
  readonly auxiliarySpi: number | undefined;
  readonly authentication: { readonly algorithm: string | undefined; readonly key: SecretHandle | undefined } | undefined;
  readonly encryption: { readonly algorithm: string | undefined; readonly key: SecretHandle | undefined } | undefined;
}

export type TermSa =
  | { readonly kind: 'dynamic'; readonly ikePolicy: NamedRef | undefined; readonly ipsecPolicy: NamedRef | undefined; readonly at: Span | undefined }
  | { readonly kind: 'manual'; readonly directions: ManualSaDirection[]; readonly at: Span | undefined };

export interface TermThen {
  readonly remoteGateway: AddressValue | undefined;
  readonly backupRemoteGateway: AddressValue | undefined;
  readonly sa: TermSa | undefined;
  readonly antiReplayWindowSize: { readonly value: number; readonly at: Span | undefined } | undefined;
  readonly noAntiReplay: boolean;
  readonly tunnelMtu: { readonly value: number; readonly at: Span | undefined } | undefined;
  readonly clearDontFragmentBit: boolean;
  readonly initiateDeadPeerDetection: boolean;
  /** interval/threshold with their defaults (10 s, 3) when not written */
  readonly deadPeerDetection: { readonly interval: number; readonly threshold: number; readonly at: Span | undefined };
  readonly syslog: boolean;
}

export interface IpsecTerm {
  readonly name: string;
  readonly rule: string;
  readonly at: Span | undefined;
  readonly from: {
    /** false when the term has no `from` (source/destination then default to 0.0.0.0/0) */
    readonly written: boolean;
    readonly sourceAddresses: AddressMatch[];
    readonly destinationAddresses: AddressMatch[];
    readonly ipsecInsideInterface: NamedRef | undefined;
  };
  /** any-any terms (no address selectors) get packet-based IPsec, others flow-based */
  readonly anyAny: boolean;
  readonly flow: 'flowless' | 'flow-based';
  readonly then: TermThen;
}

export interface IpsecRule {
  readonly name: string;
  readonly at: Span | undefined;
  readonly matchDirection: { readonly value: 'input' | 'output' | 'input-output'; readonly at: Span | undefined } | undefined;
  readonly terms: IpsecTerm[];
}

export interface RuleSet {
  readonly name: string;
  readonly at: Span | undefined;
  readonly rules: NamedRef[];
}

export interface IkeProposal {
  readonly name: string;
  readonly at: Span | undefined;
  /** true for the implicit proposals Junos uses when a policy names none */
  readonly implicit: boolean;
  readonly authenticationMethod: string;
  readonly dhGroup: string;
  readonly authenticationAlgorithm: string;
  readonly encryptionAlgorithm: string;
  readonly lifetimeSeconds: number;
  /** the fields above that were not written (filled from defaults) */
  readonly defaulted: string[];
}

export interface IkePolicy {
  readonly name: string;
  readonly at: Span | undefined;
  readonly mode: 'main' | 'aggressive';
  readonly version: 1 | 2;
  /** the names written under `proposals`, in order */
  readonly proposalNames: NamedRef[];
  /** the proposals negotiated, in order: the named ones that exist, or the implicit ones when none is named */
  readonly proposals: IkeProposal[];
  readonly preSharedKey: SecretHandle | undefined;
  readonly localId: { readonly type: string; readonly value: string; readonly at: Span | undefined } | undefined;
  readonly remoteIds: { readonly type: string; readonly value: string; readonly at: Span | undefined }[];
  readonly defaulted: string[];
}

export interface IpsecProposal {
  readonly name: string;
  readonly at: Span | undefined;
  readonly implicit: boolean;
  readonly protocol: 'ah' | 'esp' | 'bundle';
  /** undefined for ESP without authentication (AEAD ciphers) */
  readonly authenticationAlgorithm: string | undefined;
  /** undefined for AH */
  readonly encryptionAlgorithm: string | undefined;
  readonly lifetimeSeconds: number;
  readonly defaulted: string[];
}

export interface IpsecPolicy {
  readonly name: string;
  readonly at: Span | undefined;
  /** undefined when PFS is not configured */
  readonly pfsGroup: { readonly group: string; readonly at: Span | undefined } | undefined;
  readonly proposalNames: NamedRef[];
  readonly proposalSet: { readonly name: string; readonly at: Span | undefined } | undefined;
  readonly proposals: IpsecProposal[];
  readonly defaulted: string[];
}

export interface IpsecVpn {
  readonly rules: IpsecRule[];
  readonly ruleSets: RuleSet[];
  readonly ikeProposals: IkeProposal[];
  readonly ikePolicies: IkePolicy[];
  readonly ipsecProposals: IpsecProposal[];
  readonly ipsecPolicies: IpsecPolicy[];
}

export interface Device {
  /** the document the device was compiled from */
  readonly docId: string;
  /** `system host-name`, else the file name without its extension */
  readonly name: string;
  readonly nameFrom: 'host-name' | 'file-name';
  readonly nameAt: Span | undefined;
  readonly platform: SchemaPlatform;
  readonly routerId: AddressValue | undefined;
  readonly interfaces: PhysicalInterface[];
  /** the loopback units (`lo0.0`) with their addresses */
  readonly loopbacks: LogicalUnit[];
  readonly serviceInterfaces: ServiceInterface[];
  readonly staticRoutes: StaticRoute[];
  readonly ospf: { readonly areas: OspfArea[] };
  readonly serviceSets: ServiceSet[];
  readonly ipsecVpn: IpsecVpn;
  readonly defaults: AppliedDefault[];
  readonly problems: DeviceProblem[];
}
