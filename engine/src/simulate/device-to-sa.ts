/**
 * simulate/device-to-sa.ts: one compiled router's tunnel end -> the `TunnelEndConfig` the SA layer
 *   negotiates with, plus the source spans of each setting (for blame).
 * Owns: the mapping: term -> IKE policy (proposals in order, the implicit ones when the policy names none;
 *   mode; version; pre-shared key handle), term -> IPsec policy (proposals in order, PFS group), term `from`
 *   -> proxy identities (0.0.0.0/0 when absent), the service set's resolved anti-replay window; and the
 *   reasons an end cannot be negotiated (manual SA, certificates, an undecodable key, a missing policy).
 * Must not know: the exchanges, the network, output formats.
 * Invariants: never throws; the key stays behind `revealSecret` (the config holds a closure, not bytes);
 *   an `EndMapping` is either `ok` with a config or not `ok` with one sentence and the spans to blame.
 * Tests: test/src/engine/simulate.test.ts
 */
import { revealSecret } from '../device/secret-handle';
import type { Device, IkePolicy, IpsecPolicy, IpsecTerm, ServiceSet, Span } from '../device/types';
import type { TunnelEnd } from '../peers/tunnels';
import { ANY_IPV4, type IkeProposalConfig, type IpsecProposalConfig, type TunnelEndConfig } from '../sa/config';

/** Where the settings that decide each kind of failure are written (for blame). */
export interface EndSpans {
  readonly remoteGateway: Span | undefined;
  readonly localGateway: Span | undefined;
  readonly ikePolicy: Span | undefined;
  /** the words under `ike policy NAME proposals` (or the policy name when it names none) */
  readonly ikeProposals: Span[];
  readonly preSharedKey: Span | undefined;
  readonly ipsecPolicy: Span | undefined;
  readonly ipsecProposals: Span[];
  /** `perfect-forward-secrecy keys groupN` value (or the IPsec policy's name when PFS is absent) */
  readonly pfs: Span | undefined;
  readonly from: Span[];
  readonly term: Span | undefined;
}

export type EndMapping =
  | { readonly ok: true; readonly config: TunnelEndConfig; readonly spans: EndSpans; readonly ikePolicy: IkePolicy; readonly ipsecPolicy: IpsecPolicy }
  | { readonly ok: false; readonly verdict: 'CONFIG_ERROR' | 'NOT_SIMULATED'; readonly reason: string; readonly blame: { readonly span: Span; readonly what: string }[]; readonly spans: EndSpans };

export interface EndContext {
  readonly device: Device;
  readonly serviceSet: ServiceSet | undefined;
  readonly term: IpsecTerm | undefined;
}

/** The compiled objects behind a tunnel end found by `findTunnels`. */
export function endContext(devices: readonly Device[], end: TunnelEnd): EndContext | undefined {
  const device = devices.find((d) => d.docId === end.docId);
  if (!device) return undefined;
  const serviceSet = device.serviceSets.find((s) => s.name === end.serviceSet);
  const term = device.ipsecVpn.rules.find((r) => r.name === end.rule)?.terms.find((t) => t.name === end.term);
  return { device, serviceSet, term };
}

function present<T>(x: T | undefined): x is T {
  return x !== undefined;
}

function spansOf(ctx: EndContext, ike: IkePolicy | undefined, ipsec: IpsecPolicy | undefined): EndSpans {
  const term = ctx.term;
  const from = term ? [...term.from.sourceAddresses, ...term.from.destinationAddresses].map((a) => a.at).filter(present) : [];
  const ikeNames = ike ? ike.proposalNames.map((n) => n.at).filter(present) : [];
  const ipsecNames = ipsec ? [...ipsec.proposalNames.map((n) => n.at), ipsec.proposalSet?.at].filter(present) : [];
  return {
    remoteGateway: term?.then.remoteGateway?.at,
    localGateway: ctx.serviceSet?.ipsecVpnOptions.localGateway?.at,
    ikePolicy: ike?.at,
    ikeProposals: ikeNames.length > 0 ? ikeNames : [ike?.at].filter(present),
    preSharedKey: ike?.preSharedKey?.at,
    ipsecPolicy: ipsec?.at,
    ipsecProposals: ipsecNames.length > 0 ? ipsecNames : [ipsec?.at].filter(present),
    pfs: ipsec?.pfsGroup?.at ?? ipsec?.at,
    from,
    term: term?.at,
  };
}

function firstPrefix(list: readonly { readonly prefix: string }[]): string {
  return list[0]?.prefix ?? ANY_IPV4;
}

/** Maps one end; `remoteAddress` is where this side sends (its configured remote-gateway, or the caller's address). */
export function mapEnd(ctx: EndContext, end: TunnelEnd, remoteAddress: string | undefined): EndMapping {
  const { device, serviceSet, term } = ctx;
  const sa = term?.then.sa;
  const ike = sa?.kind === 'dynamic' ? device.ipsecVpn.ikePolicies.find((p) => p.name === sa.ikePolicy?.name) : undefined;
  const ipsec = sa?.kind === 'dynamic' ? device.ipsecVpn.ipsecPolicies.find((p) => p.name === sa.ipsecPolicy?.name) : undefined;
  const spans = spansOf(ctx, ike, ipsec);
  const failWith = (verdict: 'CONFIG_ERROR' | 'NOT_SIMULATED') => (reason: string, ...blame: { span: Span | undefined; what: string }[]): EndMapping => ({
    ok: false,
    verdict,
    reason,
    blame: blame.filter((b): b is { span: Span; what: string } => b.span !== undefined),
    spans,
  });
  const fail = failWith('CONFIG_ERROR');
  const unsupported = failWith('NOT_SIMULATED');
  if (!serviceSet || !term || !sa) return fail(`${device.name}'s term ${end.rule}/${end.term} was not found in its service set ${end.serviceSet}`);
  if (sa.kind === 'manual') {
    return unsupported(`${device.name} uses a manual SA in ${end.rule}/${end.term}: there is no IKE exchange to simulate (manual SAs are checked with ESP traffic)`, { span: sa.at ?? term.at, what: 'then manual' });
  }
  if (!ike) {
    return fail(`${device.name}'s term ${end.rule}/${end.term} names IKE policy ${sa.ikePolicy?.name ?? '(none)'}, which is not defined`, { span: sa.ikePolicy?.at ?? sa.at, what: 'dynamic ike-policy' });
  }
  if (!ipsec) {
    return fail(`${device.name}'s term ${end.rule}/${end.term} names IPsec policy ${sa.ipsecPolicy?.name ?? '(none)'}, which is not defined`, { span: sa.ipsecPolicy?.at ?? sa.at, what: 'dynamic ipsec-policy' });
  }
  const localAddress = serviceSet.ipsecVpnOptions.localGateway?.address;
  if (!localAddress) {
    return fail(`${device.name}'s service set ${serviceSet.name} has no ipsec-vpn-options local-gateway, so it has no address to negotiate from`, { span: serviceSet.at, what: `service-set ${serviceSet.name}` });
  }
  if (!remoteAddress) {
    return fail(`${device.name}'s term ${end.rule}/${end.term} has no remote-gateway`, { span: term.at, what: `term ${term.name}` });
  }
  const notPsk = ike.proposals.find((p) => p.authenticationMethod !== 'pre-shared-keys');
  if (notPsk) {
    return unsupported(
      `${device.name}'s IKE proposal ${notPsk.name} authenticates with ${notPsk.authenticationMethod}; this simulator negotiates pre-shared keys only`,
      { span: notPsk.at ?? ike.at, what: `ike proposal ${notPsk.name} authentication-method` },
    );
  }
  const handle = ike.preSharedKey;
  if (!handle) {
    return fail(`${device.name}'s IKE policy ${ike.name} has no pre-shared-key`, { span: ike.at, what: `ike policy ${ike.name}` });
  }
  if (!revealSecret(handle)) {
    return fail(`${device.name}'s pre-shared key in IKE policy ${ike.name} cannot be decoded (a malformed $9$ or hexadecimal value)`, { span: handle.at, what: 'pre-shared-key' });
  }
  const ikeProposals: IkeProposalConfig[] = ike.proposals.map((p) => ({
    name: p.name,
    authenticationMethod: 'pre-shared-keys',
    dhGroup: p.dhGroup,
    authenticationAlgorithm: p.authenticationAlgorithm,
    encryptionAlgorithm: p.encryptionAlgorithm,
    lifetimeSeconds: p.lifetimeSeconds,
  }));
  if (ikeProposals.length === 0) {
    return fail(`${device.name}'s IKE policy ${ike.name} has no usable proposal`, ...spans.ikeProposals.map((span) => ({ span, what: `ike policy ${ike.name} proposals` })));
  }
  const ipsecProposals: IpsecProposalConfig[] = ipsec.proposals.map((p) => ({
    name: p.name,
    protocol: p.protocol,
    ...(p.authenticationAlgorithm === undefined ? {} : { authenticationAlgorithm: p.authenticationAlgorithm }),
    encryptionAlgorithm: p.encryptionAlgorithm ?? 'null',
    lifetimeSeconds: p.lifetimeSeconds,
  }));
  if (ipsecProposals.length === 0) {
    return fail(`${device.name}'s IPsec policy ${ipsec.name} has no usable proposal`, ...spans.ipsecProposals.map((span) => ({ span, what: `ipsec policy ${ipsec.name} proposals` })));
  }
  const applied = serviceSet.terms.find((t) => t.rule === term.rule && t.term === term.name);
  const antiReplayWindow = applied ? (applied.antiReplay.enabled ? applied.antiReplay.windowSize : 0) : term.then.noAntiReplay ? 0 : (term.then.antiReplayWindowSize?.value ?? 128);
  const localId = ike.localId?.type === 'ipv4_addr' && ike.localId.value ? ike.localId.value : undefined;
  const remoteId = ike.remoteIds.find((r) => r.type === 'ipv4_addr' && r.value)?.value;
  const config: TunnelEndConfig = {
    ike: {
      deviceName: device.name,
      localAddress,
      remoteAddress,
      version: ike.version,
      mode: ike.mode,
      proposals: ikeProposals,
      preSharedKey: () => revealSecret(handle) ?? Buffer.alloc(0),
      ...(localId === undefined ? {} : { localIdentity: localId }),
      ...(remoteId === undefined ? {} : { remoteIdentity: remoteId }),
    },
    ipsec: {
      proposals: ipsecProposals,
      ...(ipsec.pfsGroup === undefined ? {} : { pfsGroup: ipsec.pfsGroup.group }),
      localPrefix: firstPrefix(term.from.sourceAddresses),
      remotePrefix: firstPrefix(term.from.destinationAddresses),
      antiReplayWindow,
    },
  };
  return { ok: true, config, spans, ikePolicy: ike, ipsecPolicy: ipsec };
}
