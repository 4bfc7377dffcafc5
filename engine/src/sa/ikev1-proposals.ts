/**
 * sa/ikev1-proposals.ts: IKEv1 SA payloads from the configured proposals and the responder's selection,
 *   for phase 1 (ISAKMP) and Quick Mode (IPsec DOI, ESP).
 * Owns: proposals -> one Proposal payload with one Transform per configured proposal, in order (as Junos
 *   sends them); a received transform -> Junos algorithm names; the responder's rule: the first initiator
 *   transform (in the initiator's order) that one of the responder's proposals also has, with the same
 *   encryption (and key length), hash / integrity, authentication method and DH group (phase 2: the same
 *   PFS group, or none on both sides).
 * Lifetimes (our documented rule): a lifetime difference never fails a negotiation; the responder accepts
 *   the initiator's transform unchanged and uses the shorter of the offered and its own lifetime. In Quick
 *   Mode it tells the initiator with RESPONDER-LIFETIME (RFC 2407 4.6.3.1) so both sides install the same
 *   lifetime; in phase 1 the initiator keeps its own value (no notify is sent there).
 * Must not know: exchanges, keys, the network.
 * Invariants: never throws; unknown algorithm names are skipped with a problem, never guessed.
 * Tests: test/src/engine/sa-ikev1.test.ts, sa-failures.test.ts
 */
import { dhGroup, dhGroupByJunosName, type DhGroup } from '../crypto/dh-groups';
import { attributeNumber, defineCodec, numericAttribute, type Attribute } from '../wire/layout';
import {
  EncapsulationMode, Ikev1Attribute, Ikev1AuthenticationMethod, Ikev1LifeType, Ikev1ProtocolId, IpsecAttribute,
  IPSEC_DOI, KEY_IKE, SIT_IDENTITY_ONLY,
} from '../wire/ikev1/constants';
import type { Ikev1Proposal, Ikev1Sa, Ikev1Transform } from '../wire/ikev1/payloads';
import {
  encryptionAlgorithm, encryptionFromIkev1Esp, encryptionFromIkev1Phase1, IKE_AUTHENTICATION_ALGORITHMS, ikeAuthenticationAlgorithm,
  IPSEC_AUTHENTICATION_ALGORITHMS, ipsecAuthenticationAlgorithm,
} from '../wire/algorithms';
import type { IkeProposalConfig, IpsecProposalConfig } from './config';
import type { IkeAlgorithms, IpsecAlgorithms } from './result';

function attr(transform: Ikev1Transform, type: number): number | undefined {
  const attribute = transform.attributes.find((a) => a.type === type);
  return attribute === undefined ? undefined : attributeNumber(attribute);
}

export interface BuiltSa<T> {
  readonly sa: Ikev1Sa;
  /** Configured proposals that went into the SA, in transform order. */
  readonly offered: readonly T[];
  /** Proposals left out, with why. */
  readonly problems: readonly string[];
}

function phase1Attributes(proposal: IkeProposalConfig): Attribute[] | string {
  const encryption = encryptionAlgorithm(proposal.encryptionAlgorithm);
  if (encryption?.ikev1Phase1 === undefined || !encryption.allowedForIke) return `encryption-algorithm ${proposal.encryptionAlgorithm} is not an IKE cipher`;
  const hash = ikeAuthenticationAlgorithm(proposal.authenticationAlgorithm);
  if (hash === undefined) return `authentication-algorithm ${proposal.authenticationAlgorithm} is not an IKE hash`;
  const group = dhGroupByJunosName(proposal.dhGroup);
  if (group === undefined) return `dh-group ${proposal.dhGroup} is not implemented`;
  const attributes: Attribute[] = [{ type: Ikev1Attribute.encryptionAlgorithm, value: encryption.ikev1Phase1.id }];
  if (encryption.ikev1Phase1.keyLengthBits !== undefined) attributes.push({ type: Ikev1Attribute.keyLength, value: encryption.ikev1Phase1.keyLengthBits });
  attributes.push(
    { type: Ikev1Attribute.hashAlgorithm, value: hash.ikev1HashId },
    { type: Ikev1Attribute.authenticationMethod, value: Ikev1AuthenticationMethod.preSharedKey },
    { type: Ikev1Attribute.groupDescription, value: group.id },
    { type: Ikev1Attribute.lifeType, value: Ikev1LifeType.seconds },
    numericAttribute(Ikev1Attribute.lifeDuration, proposal.lifetimeSeconds),
  );
  return attributes;
}

/** Phase-1 SA payload: one ISAKMP proposal, one KEY_IKE transform per configured proposal. */
export function buildPhase1Sa(proposals: readonly IkeProposalConfig[]): BuiltSa<IkeProposalConfig> {
  const transforms: Ikev1Transform[] = [];
  const offered: IkeProposalConfig[] = [];
  const problems: string[] = [];
  for (const proposal of proposals) {
    const attributes = phase1Attributes(proposal);
    if (typeof attributes === 'string') { problems.push(`IKE proposal ${proposal.name}: ${attributes}`); continue; }
    transforms.push({ transformNumber: transforms.length + 1, transformId: KEY_IKE, attributes });
    offered.push(proposal);
  }
  return { sa: { doi: IPSEC_DOI, situation: SIT_IDENTITY_ONLY, proposals: [{ proposalNumber: 1, protocolId: Ikev1ProtocolId.isakmp, spi: Buffer.alloc(0), transforms }] }, offered, problems };
}

/** What a phase-1 transform asks for, in Junos names ('?' for anything we do not know). */
export interface Phase1Offer {
  readonly encryption: string;
  readonly authentication: string;
  readonly dhGroup: string;
  readonly preSharedKey: boolean;
  readonly lifetimeSeconds: number;
}

export function readPhase1Transform(transform: Ikev1Transform): Phase1Offer {
  const encryption = encryptionFromIkev1Phase1(attr(transform, Ikev1Attribute.encryptionAlgorithm) ?? -1, attr(transform, Ikev1Attribute.keyLength));
  const hashId = attr(transform, Ikev1Attribute.hashAlgorithm);
  const hash = IKE_AUTHENTICATION_ALGORITHMS.find((a) => a.ikev1HashId === hashId);
  const group = dhGroup(attr(transform, Ikev1Attribute.groupDescription) ?? -1);
  const lifeType = attr(transform, Ikev1Attribute.lifeType);
  return {
    encryption: encryption?.junosName ?? '?', authentication: hash?.junosName ?? '?', dhGroup: group?.junosName ?? `group${attr(transform, Ikev1Attribute.groupDescription) ?? '?'}`,
    preSharedKey: attr(transform, Ikev1Attribute.authenticationMethod) === Ikev1AuthenticationMethod.preSharedKey,
    lifetimeSeconds: lifeType === undefined || lifeType === Ikev1LifeType.seconds ? attr(transform, Ikev1Attribute.lifeDuration) ?? 28800 : 28800,
  };
}

export const describePhase1Offer = (offer: Phase1Offer): string => `${offer.encryption}/${offer.authentication}/${offer.dhGroup}${offer.preSharedKey ? '' : ' (not pre-shared-keys)'}`;

export type Phase1Selection =
  | { readonly ok: true; readonly transform: Ikev1Transform; readonly algorithms: IkeAlgorithms; readonly group: DhGroup; readonly own: IkeProposalConfig }
  | { readonly ok: false; readonly offered: readonly string[] };

/** The responder's choice among the initiator's transforms (all proposals of the SA, in order). */
export function selectPhase1(received: Ikev1Sa, own: readonly IkeProposalConfig[]): Phase1Selection {
  const offered: string[] = [];
  for (const proposal of received.proposals) {
    if (proposal.protocolId !== Ikev1ProtocolId.isakmp) continue;
    for (const transform of proposal.transforms) {
      const offer = readPhase1Transform(transform);
      offered.push(describePhase1Offer(offer));
      if (!offer.preSharedKey) continue;
      const match = own.find((p) => p.encryptionAlgorithm === offer.encryption && p.authenticationAlgorithm === offer.authentication && p.dhGroup === offer.dhGroup);
      const group = dhGroupByJunosName(offer.dhGroup);
      if (match === undefined || group === undefined) continue;
      const algorithms: IkeAlgorithms = { encryption: offer.encryption, authentication: offer.authentication, dhGroup: offer.dhGroup, lifetimeSeconds: Math.min(offer.lifetimeSeconds, match.lifetimeSeconds) };
      return { ok: true, transform, algorithms, group, own: match };
    }
  }
  return { ok: false, offered };
}

// ---- Quick Mode (IPsec DOI) ----

function phase2Attributes(proposal: IpsecProposalConfig, pfsGroup: DhGroup | undefined): { transformId: number; attributes: Attribute[] } | string {
  if (proposal.protocol !== 'esp') return `protocol ${proposal.protocol} is not simulated (ESP only)`;
  const encryption = encryptionAlgorithm(proposal.encryptionAlgorithm);
  if (encryption === undefined) return `encryption-algorithm ${proposal.encryptionAlgorithm} is unknown`;
  const gcm = encryption.cipher.endsWith('gcm');
  const authentication = proposal.authenticationAlgorithm === undefined ? undefined : ipsecAuthenticationAlgorithm(proposal.authenticationAlgorithm);
  if (proposal.authenticationAlgorithm !== undefined && authentication === undefined) return `authentication-algorithm ${proposal.authenticationAlgorithm} is unknown`;
  if (!gcm && authentication === undefined) return `${proposal.encryptionAlgorithm} needs an authentication-algorithm`;
  const attributes: Attribute[] = [
    { type: IpsecAttribute.saLifeType, value: Ikev1LifeType.seconds },
    numericAttribute(IpsecAttribute.saLifeDuration, proposal.lifetimeSeconds),
  ];
  if (pfsGroup !== undefined) attributes.push({ type: IpsecAttribute.groupDescription, value: pfsGroup.id });
  attributes.push({ type: IpsecAttribute.encapsulationMode, value: EncapsulationMode.tunnel });
  if (!gcm && authentication !== undefined) attributes.push({ type: IpsecAttribute.authenticationAlgorithm, value: authentication.ikev1AuthenticationId });
  if (encryption.ikev1Esp.keyLengthBits !== undefined) attributes.push({ type: IpsecAttribute.keyLength, value: encryption.ikev1Esp.keyLengthBits });
  return { transformId: encryption.ikev1Esp.id, attributes };
}

/** Quick Mode SA payload: one ESP proposal with our inbound SPI, one transform per configured proposal. */
export function buildPhase2Sa(proposals: readonly IpsecProposalConfig[], pfsGroup: DhGroup | undefined, spi: Buffer): BuiltSa<IpsecProposalConfig> {
  const transforms: Ikev1Transform[] = [];
  const offered: IpsecProposalConfig[] = [];
  const problems: string[] = [];
  for (const proposal of proposals) {
    const built = phase2Attributes(proposal, pfsGroup);
    if (typeof built === 'string') { problems.push(`IPsec proposal ${proposal.name}: ${built}`); continue; }
    transforms.push({ transformNumber: transforms.length + 1, transformId: built.transformId, attributes: built.attributes });
    offered.push(proposal);
  }
  return { sa: { doi: IPSEC_DOI, situation: SIT_IDENTITY_ONLY, proposals: [{ proposalNumber: 1, protocolId: Ikev1ProtocolId.esp, spi, transforms }] }, offered, problems };
}

export interface Phase2Offer {
  readonly encryption: string;
  /** The Junos names the wire number stands for (hmac-sha-256-128 and -96 share one). */
  readonly authentication: readonly string[];
  readonly pfsGroup?: string;
  readonly tunnelMode: boolean;
  readonly lifetimeSeconds: number;
}

export function readPhase2Transform(transform: Ikev1Transform): Phase2Offer {
  const encryption = encryptionFromIkev1Esp(transform.transformId, attr(transform, IpsecAttribute.keyLength));
  const authId = attr(transform, IpsecAttribute.authenticationAlgorithm);
  const group = attr(transform, IpsecAttribute.groupDescription);
  const mode = attr(transform, IpsecAttribute.encapsulationMode);
  return {
    encryption: encryption?.junosName ?? `esp-transform-${transform.transformId}`,
    authentication: authId === undefined ? [] : IPSEC_AUTHENTICATION_ALGORITHMS.filter((a) => a.ikev1AuthenticationId === authId).map((a) => a.junosName),
    ...(group === undefined ? {} : { pfsGroup: dhGroup(group)?.junosName ?? `group${group}` }),
    tunnelMode: mode === undefined || mode === EncapsulationMode.tunnel,
    lifetimeSeconds: attr(transform, IpsecAttribute.saLifeDuration) ?? 28800,
  };
}

export const describePhase2Offer = (offer: Phase2Offer): string =>
  ['esp', offer.encryption, ...(offer.authentication.length > 0 ? [offer.authentication[0]!] : []), ...(offer.pfsGroup === undefined ? [] : [`pfs ${offer.pfsGroup}`])].join('/');

export type Phase2Selection =
  | { readonly ok: true; readonly proposal: Ikev1Proposal; readonly transform: Ikev1Transform; readonly algorithms: IpsecAlgorithms; readonly own: IpsecProposalConfig }
  | { readonly ok: false; readonly pfsOnly: boolean; readonly offered: readonly string[] };

function sameAlgorithms(own: IpsecProposalConfig, offer: Phase2Offer): boolean {
  if (own.protocol !== 'esp' || own.encryptionAlgorithm !== offer.encryption) return false;
  if (own.authenticationAlgorithm === undefined) return offer.authentication.length === 0;
  return offer.authentication.includes(own.authenticationAlgorithm);
}

/** The responder's Quick Mode choice; `pfsOnly` when some transform matched on everything but the PFS group. */
export function selectPhase2(received: Ikev1Sa, own: readonly IpsecProposalConfig[], ownPfs: string | undefined): Phase2Selection {
  const offered: string[] = [];
  let pfsOnly = false;
  for (const proposal of received.proposals) {
    if (proposal.protocolId !== Ikev1ProtocolId.esp || proposal.spi.length !== 4) continue;
    for (const transform of proposal.transforms) {
      const offer = readPhase2Transform(transform);
      offered.push(describePhase2Offer(offer));
      if (!offer.tunnelMode) continue;
      const match = own.find((p) => sameAlgorithms(p, offer));
      if (match === undefined) continue;
      if (offer.pfsGroup !== ownPfs) { pfsOnly = true; continue; }
      const algorithms: IpsecAlgorithms = {
        protocol: 'esp', encryption: match.encryptionAlgorithm, ...(match.authenticationAlgorithm === undefined ? {} : { authentication: match.authenticationAlgorithm }),
        ...(ownPfs === undefined ? {} : { pfsGroup: ownPfs }), lifetimeSeconds: Math.min(offer.lifetimeSeconds, match.lifetimeSeconds),
      };
      return { ok: true, proposal, transform, algorithms, own: match };
    }
  }
  return { ok: false, pfsOnly, offered };
}

// RFC 2407 4.6.3.1: RESPONDER-LIFETIME notification data is a list of SA attributes (life type, duration).
const lifetimeDataCodec = defineCodec<{ attributes: readonly Attribute[] }>('RESPONDER-LIFETIME data', [{ kind: 'attributes', key: 'attributes' }]);

/** The notification data announcing a shorter IPsec SA lifetime in seconds. */
export function encodeResponderLifetime(seconds: number): Buffer {
  return lifetimeDataCodec.encode({ attributes: [{ type: IpsecAttribute.saLifeType, value: Ikev1LifeType.seconds }, numericAttribute(IpsecAttribute.saLifeDuration, seconds)] });
}

/** The lifetime in seconds a RESPONDER-LIFETIME notification announces, or undefined. */
export function decodeResponderLifetime(data: Buffer): number | undefined {
  const decoded = lifetimeDataCodec.decode(data);
  if (!decoded.ok) return undefined;
  const type = decoded.value.attributes.find((a) => a.type === IpsecAttribute.saLifeType);
  const duration = decoded.value.attributes.find((a) => a.type === IpsecAttribute.saLifeDuration);
  if (duration === undefined || (type !== undefined && attributeNumber(type) !== Ikev1LifeType.seconds)) return undefined;
  return attributeNumber(duration);
}
