/**
 * sa/ikev2-proposals.ts: IKEv2 SA payloads from the configured proposals and the responder's selection
 *   (RFC 7296 2.7, 3.3), for the IKE SA and for the ESP CHILD_SA; traffic selector narrowing (2.9).
 * Owns: one IKEv2 proposal per configured proposal, in order (ENCR [+ key length], PRF, INTEG, D-H for the
 *   IKE SA; ENCR, INTEG unless AES-GCM, ESN none for ESP); the responder's rule: the first initiator
 *   proposal that one of its own proposals matches in every transform type; narrowing = the intersection
 *   of what the initiator proposes with what the responder's term allows, TS_UNACCEPTABLE when empty.
 * Lifetimes are not negotiated in IKEv2 (RFC 7296 2.8): each side keeps its own.
 * Must not know: exchanges, keys.
 * Invariants: never throws; unknown names are left out with a problem.
 * Tests: test/src/engine/sa-ikev2.test.ts
 */
import { dhGroupByJunosName } from '../crypto/dh-groups';
import { encryptionAlgorithm, encryptionFromIkev2, IKE_AUTHENTICATION_ALGORITHMS, ikeAuthenticationAlgorithm, IPSEC_AUTHENTICATION_ALGORITHMS, ipsecAuthenticationAlgorithm } from '../wire/algorithms';
import { EsnTransformId, Ikev2ProtocolId, TransformAttribute, TransformType } from '../wire/ikev2/constants';
import type { Ikev2Proposal, Ikev2Sa, Ikev2Transform, TrafficSelector } from '../wire/ikev2/payloads';
import type { IkeProposalConfig, IpsecProposalConfig } from './config';
import type { IkeAlgorithms, IpsecAlgorithms } from './result';

const transform = (transformType: number, transformId: number, keyLengthBits?: number): Ikev2Transform => ({
  transformType, transformId, attributes: keyLengthBits === undefined ? [] : [{ type: TransformAttribute.keyLength, value: keyLengthBits }],
});

export interface BuiltV2Sa<T> { readonly sa: Ikev2Sa; readonly offered: readonly T[]; readonly problems: readonly string[] }

export function buildIkeSaProposals(proposals: readonly IkeProposalConfig[]): BuiltV2Sa<IkeProposalConfig> {
  const out: Ikev2Proposal[] = [];
  const offered: IkeProposalConfig[] = [];
  const problems: string[] = [];
  for (const proposal of proposals) {
    const encryption = encryptionAlgorithm(proposal.encryptionAlgorithm);
    const auth = ikeAuthenticationAlgorithm(proposal.authenticationAlgorithm);
    const group = dhGroupByJunosName(proposal.dhGroup);
    if (encryption === undefined || !encryption.allowedForIke || auth === undefined || group === undefined) {
      problems.push(`IKE proposal ${proposal.name}: ${encryption === undefined || !encryption.allowedForIke ? proposal.encryptionAlgorithm : auth === undefined ? proposal.authenticationAlgorithm : proposal.dhGroup} is not usable for IKEv2`);
      continue;
    }
    out.push({
      proposalNumber: out.length + 1, protocolId: Ikev2ProtocolId.ike, spi: Buffer.alloc(0), transforms: [
        transform(TransformType.encryption, encryption.ikev2.id, encryption.ikev2.keyLengthBits),
        transform(TransformType.prf, auth.ikev2PrfId), transform(TransformType.integrity, auth.ikev2IntegrityId), transform(TransformType.dhGroup, group.id),
      ],
    });
    offered.push(proposal);
  }
  return { sa: { proposals: out }, offered, problems };
}

function keyLength(t: Ikev2Transform): number | undefined {
  const value = t.attributes.find((a) => a.type === TransformAttribute.keyLength)?.value;
  return typeof value === 'number' ? value : undefined;
}

const ofType = (proposal: Ikev2Proposal, type: number) => proposal.transforms.filter((t) => t.transformType === type);

/** The IKE proposal of ours that `proposal` fits (every type has a transform we configure). */
function matchIke(proposal: Ikev2Proposal, own: IkeProposalConfig): { chosen: Ikev2Proposal; algorithms: IkeAlgorithms } | undefined {
  const encryption = encryptionAlgorithm(own.encryptionAlgorithm);
  const auth = ikeAuthenticationAlgorithm(own.authenticationAlgorithm);
  const group = dhGroupByJunosName(own.dhGroup);
  if (encryption === undefined || auth === undefined || group === undefined) return undefined;
  const encr = ofType(proposal, TransformType.encryption).find((t) => t.transformId === encryption.ikev2.id && keyLength(t) === encryption.ikev2.keyLengthBits);
  const prf = ofType(proposal, TransformType.prf).find((t) => t.transformId === auth.ikev2PrfId);
  const integ = ofType(proposal, TransformType.integrity).find((t) => t.transformId === auth.ikev2IntegrityId);
  const dh = ofType(proposal, TransformType.dhGroup).find((t) => t.transformId === group.id);
  if (encr === undefined || prf === undefined || integ === undefined || dh === undefined) return undefined;
  return {
    chosen: { proposalNumber: proposal.proposalNumber, protocolId: proposal.protocolId, spi: proposal.spi, transforms: [encr, prf, integ, dh] },
    algorithms: { encryption: own.encryptionAlgorithm, authentication: own.authenticationAlgorithm, dhGroup: own.dhGroup, lifetimeSeconds: own.lifetimeSeconds },
  };
}

/** `aes-256-cbc/sha-256/group14` for what a received IKE proposal offers. */
export function describeIkeV2Proposal(proposal: Ikev2Proposal): string {
  const names = (type: number, name: (t: Ikev2Transform) => string) => ofType(proposal, type).map(name).join('|') || '-';
  return [
    names(TransformType.encryption, (t) => encryptionFromIkev2(t.transformId, keyLength(t))?.junosName ?? `encr${t.transformId}`),
    names(TransformType.prf, (t) => IKE_AUTHENTICATION_ALGORITHMS.find((a) => a.ikev2PrfId === t.transformId)?.junosName ?? `prf${t.transformId}`),
    names(TransformType.dhGroup, (t) => `group${t.transformId}`),
  ].join('/');
}

export type IkeV2Selection =
  | { readonly ok: true; readonly chosen: Ikev2Proposal; readonly algorithms: IkeAlgorithms }
  | { readonly ok: false; readonly offered: readonly string[] };

export function selectIkeSaProposal(received: Ikev2Sa, own: readonly IkeProposalConfig[]): IkeV2Selection {
  for (const proposal of received.proposals) {
    if (proposal.protocolId !== Ikev2ProtocolId.ike) continue;
    for (const candidate of own) {
      const match = matchIke(proposal, candidate);
      if (match !== undefined) return { ok: true, ...match };
    }
  }
  return { ok: false, offered: received.proposals.map(describeIkeV2Proposal) };
}

// ---- ESP ----

export function buildEspProposals(proposals: readonly IpsecProposalConfig[], spi: Buffer): BuiltV2Sa<IpsecProposalConfig> {
  const out: Ikev2Proposal[] = [];
  const offered: IpsecProposalConfig[] = [];
  const problems: string[] = [];
  for (const proposal of proposals) {
    const encryption = encryptionAlgorithm(proposal.encryptionAlgorithm);
    const auth = proposal.authenticationAlgorithm === undefined ? undefined : ipsecAuthenticationAlgorithm(proposal.authenticationAlgorithm);
    const gcm = encryption?.cipher.endsWith('gcm') ?? false;
    if (proposal.protocol !== 'esp' || encryption === undefined || (!gcm && auth === undefined)) {
      problems.push(`IPsec proposal ${proposal.name}: ${proposal.protocol !== 'esp' ? `protocol ${proposal.protocol} is not simulated (ESP only)` : 'algorithms not usable'}`);
      continue;
    }
    const transforms = [transform(TransformType.encryption, encryption.ikev2.id, encryption.ikev2.keyLengthBits)];
    if (!gcm && auth !== undefined) transforms.push(transform(TransformType.integrity, auth.ikev2IntegrityId));
    transforms.push(transform(TransformType.extendedSequenceNumbers, EsnTransformId.none));
    out.push({ proposalNumber: out.length + 1, protocolId: Ikev2ProtocolId.esp, spi, transforms });
    offered.push(proposal);
  }
  return { sa: { proposals: out }, offered, problems };
}

function describeEspV2Proposal(proposal: Ikev2Proposal): string {
  const encr = ofType(proposal, TransformType.encryption)[0];
  const integ = ofType(proposal, TransformType.integrity)[0];
  const e = encr === undefined ? '-' : encryptionFromIkev2(encr.transformId, keyLength(encr))?.junosName ?? `encr${encr.transformId}`;
  const i = integ === undefined ? undefined : IPSEC_AUTHENTICATION_ALGORITHMS.find((a) => a.ikev2IntegrityId === integ.transformId)?.junosName ?? `integ${integ.transformId}`;
  return ['esp', e, ...(i === undefined ? [] : [i])].join('/');
}

export type EspV2Selection =
  | { readonly ok: true; readonly chosen: Ikev2Proposal; readonly algorithms: IpsecAlgorithms; readonly own: IpsecProposalConfig }
  | { readonly ok: false; readonly offered: readonly string[] };

/** Matches one of our ESP proposals against a received one (for the responder's choice and the initiator's check). */
export function matchEsp(proposal: Ikev2Proposal, own: IpsecProposalConfig): { chosen: Ikev2Proposal; algorithms: IpsecAlgorithms } | undefined {
  if (proposal.protocolId !== Ikev2ProtocolId.esp || proposal.spi.length !== 4 || own.protocol !== 'esp') return undefined;
  const encryption = encryptionAlgorithm(own.encryptionAlgorithm);
  if (encryption === undefined) return undefined;
  const encr = ofType(proposal, TransformType.encryption).find((t) => t.transformId === encryption.ikev2.id && keyLength(t) === encryption.ikev2.keyLengthBits);
  if (encr === undefined) return undefined;
  const chosen: Ikev2Transform[] = [encr];
  const gcm = encryption.cipher.endsWith('gcm');
  if (!gcm) {
    const auth = own.authenticationAlgorithm === undefined ? undefined : ipsecAuthenticationAlgorithm(own.authenticationAlgorithm);
    const integ = auth === undefined ? undefined : ofType(proposal, TransformType.integrity).find((t) => t.transformId === auth.ikev2IntegrityId);
    if (integ === undefined) return undefined;
    chosen.push(integ);
  } else if (ofType(proposal, TransformType.integrity).some((t) => t.transformId !== 0)) return undefined;
  const esn = ofType(proposal, TransformType.extendedSequenceNumbers);
  if (esn.length > 0 && !esn.some((t) => t.transformId === EsnTransformId.none)) return undefined;
  chosen.push(transform(TransformType.extendedSequenceNumbers, EsnTransformId.none));
  return {
    chosen: { ...proposal, transforms: chosen },
    algorithms: { protocol: 'esp', encryption: own.encryptionAlgorithm, ...(gcm || own.authenticationAlgorithm === undefined ? {} : { authentication: own.authenticationAlgorithm }), lifetimeSeconds: own.lifetimeSeconds },
  };
}

export function selectEspProposal(received: Ikev2Sa, own: readonly IpsecProposalConfig[]): EspV2Selection {
  for (const proposal of received.proposals) {
    for (const candidate of own) {
      const match = matchEsp(proposal, candidate);
      if (match !== undefined) return { ok: true, ...match, own: candidate };
    }
  }
  return { ok: false, offered: received.proposals.map(describeEspV2Proposal) };
}

// ---- traffic selectors ----

function maxBuffer(a: Buffer, b: Buffer): Buffer { return Buffer.compare(a, b) >= 0 ? a : b; }
function minBuffer(a: Buffer, b: Buffer): Buffer { return Buffer.compare(a, b) <= 0 ? a : b; }

/** The part of `proposed` that `allowed` also covers, or undefined when they do not overlap. */
export function narrowSelector(proposed: TrafficSelector, allowed: TrafficSelector): TrafficSelector | undefined {
  if (proposed.tsType !== allowed.tsType) return undefined;
  if (proposed.ipProtocol !== 0 && allowed.ipProtocol !== 0 && proposed.ipProtocol !== allowed.ipProtocol) return undefined;
  const startAddress = maxBuffer(proposed.startAddress, allowed.startAddress);
  const endAddress = minBuffer(proposed.endAddress, allowed.endAddress);
  const startPort = Math.max(proposed.startPort, allowed.startPort);
  const endPort = Math.min(proposed.endPort, allowed.endPort);
  if (Buffer.compare(startAddress, endAddress) > 0 || startPort > endPort) return undefined;
  return { tsType: proposed.tsType, ipProtocol: proposed.ipProtocol || allowed.ipProtocol, startPort, endPort, startAddress, endAddress };
}

/** True when `inner` lies within `outer`. */
export function selectorWithin(inner: TrafficSelector, outer: TrafficSelector): boolean {
  const narrowed = narrowSelector(inner, outer);
  return narrowed !== undefined && narrowed.startAddress.equals(inner.startAddress) && narrowed.endAddress.equals(inner.endAddress);
}
