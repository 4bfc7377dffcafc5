/**
 * wire/ikev1/payloads.ts: every IKEv1 payload body as a layout table beside its RFC 2408 section, plus
 * the per-payload semantic `verify` rules.
 * Owns: SA (IPsec DOI), Proposal, Transform with TV/TLV attributes, KE, ID (IPsec DOI form), HASH,
 *   Signature, Nonce, Notification, Delete, Vendor ID, NAT-D (RFC 3947 payload 20); the kind <-> type
 *   code table used by message.ts.
 * Must not know: exchanges, encryption, what a proposal means.
 * Invariants: bodies exclude the 4-byte generic payload header; decode never throws.
 * Tests: test/src/engine/ike-codecs.test.ts
 */
import { defineCodec, verifyDataLength, type Attribute, type Codec, type Layout } from '../layout';
import { wireProblem, type WireProblem } from '../problems';
import { Ikev1IdType, Ikev1PayloadType, IPSEC_DOI } from './constants';

export interface Ikev1Transform {
  readonly transformNumber: number;
  readonly transformId: number;
  readonly attributes: readonly Attribute[];
}

export interface Ikev1Proposal {
  readonly proposalNumber: number;
  readonly protocolId: number;
  readonly spi: Buffer;
  readonly transforms: readonly Ikev1Transform[];
}

export interface Ikev1Sa { readonly doi: number; readonly situation: number; readonly proposals: readonly Ikev1Proposal[] }
export interface Ikev1Bytes { readonly data: Buffer }
export interface Ikev1Identification { readonly idType: number; readonly protocolId: number; readonly port: number; readonly data: Buffer }
export interface Ikev1Notification { readonly doi: number; readonly protocolId: number; readonly notifyType: number; readonly spi: Buffer; readonly data: Buffer }
export interface Ikev1Delete { readonly doi: number; readonly protocolId: number; readonly spis: readonly Buffer[] }

// RFC 2408 3.6: Transform payload (inside a Proposal): transform #, transform ID, RESERVED2, SA attributes.
const transformLayout: Layout = [
  { kind: 'u8', key: 'transformNumber' },
  { kind: 'u8', key: 'transformId' },
  { kind: 'reserved', size: 2 },
  { kind: 'attributes', key: 'attributes' },
];

// RFC 2408 3.5: Proposal payload: proposal #, protocol ID, SPI size, # of transforms, SPI, transforms.
const proposalLayout: Layout = [
  { kind: 'u8', key: 'proposalNumber' },
  { kind: 'u8', key: 'protocolId' },
  { kind: 'sizeU8', of: 'spi' },
  { kind: 'countU8', of: 'transforms' },
  { kind: 'sizedBytes', key: 'spi' },
  { kind: 'substructures', key: 'transforms', marker: Ikev1PayloadType.transform, layout: transformLayout },
];

function verifySa(sa: Ikev1Sa): WireProblem[] {
  const problems: WireProblem[] = [];
  if (sa.doi !== IPSEC_DOI) problems.push(wireProblem('unsupported', `DOI ${sa.doi} is not the IPsec DOI`));
  if (sa.proposals.length === 0) problems.push(wireProblem('bad-value', 'SA payload without proposals'));
  for (const proposal of sa.proposals) {
    if (proposal.transforms.length === 0) problems.push(wireProblem('bad-value', `proposal ${proposal.proposalNumber} has no transforms`));
    if (proposal.spi.length !== 0 && proposal.spi.length !== 4 && proposal.spi.length !== 16) {
      problems.push(wireProblem('bad-length', `proposal ${proposal.proposalNumber} SPI is ${proposal.spi.length} bytes`));
    }
  }
  return problems;
}

// RFC 2408 3.4 with RFC 2407 4.6.1: DOI, situation (SIT_IDENTITY_ONLY: no labelled-domain fields), proposals.
export const ikev1SaCodec: Codec<Ikev1Sa> = defineCodec<Ikev1Sa>('IKEv1 SA', [
  { kind: 'u32', key: 'doi' },
  { kind: 'u32', key: 'situation' },
  { kind: 'substructures', key: 'proposals', marker: Ikev1PayloadType.proposal, layout: proposalLayout },
], verifySa);

// RFC 2408 3.7: Key Exchange data.
export const ikev1KeyExchangeCodec = defineCodec<Ikev1Bytes>('IKEv1 KE', [{ kind: 'restBytes', key: 'data' }],
  verifyDataLength('key exchange data', 1));

const idDataLength: Record<number, number> = {
  [Ikev1IdType.ipv4Address]: 4, [Ikev1IdType.ipv4AddressSubnet]: 8, [Ikev1IdType.ipv4AddressRange]: 8,
  [Ikev1IdType.ipv6Address]: 16, [Ikev1IdType.ipv6AddressSubnet]: 32, [Ikev1IdType.ipv6AddressRange]: 32,
};

// RFC 2407 4.6.2: ID type, protocol ID, port, identification data.
export const ikev1IdentificationCodec = defineCodec<Ikev1Identification>('IKEv1 ID', [
  { kind: 'u8', key: 'idType' },
  { kind: 'u8', key: 'protocolId' },
  { kind: 'u16', key: 'port' },
  { kind: 'restBytes', key: 'data' },
], (id) => {
  const expected = idDataLength[id.idType];
  if (expected !== undefined && id.data.length !== expected) return [wireProblem('bad-length', `ID type ${id.idType} needs ${expected} bytes of data, got ${id.data.length}`)];
  if (id.data.length === 0) return [wireProblem('bad-length', 'empty identification data')];
  return [];
});

// RFC 2408 3.11 / 3.12 / 3.13 / 3.16: HASH, Signature, Nonce, Vendor ID are opaque data.
export const ikev1HashCodec = defineCodec<Ikev1Bytes>('IKEv1 HASH', [{ kind: 'restBytes', key: 'data' }],
  verifyDataLength('hash data', 16, 64));
export const ikev1SignatureCodec = defineCodec<Ikev1Bytes>('IKEv1 SIG', [{ kind: 'restBytes', key: 'data' }]);
export const ikev1NonceCodec = defineCodec<Ikev1Bytes>('IKEv1 Nonce', [{ kind: 'restBytes', key: 'data' }],
  verifyDataLength('nonce', 8, 256));
export const ikev1VendorIdCodec = defineCodec<Ikev1Bytes>('IKEv1 Vendor ID', [{ kind: 'restBytes', key: 'data' }]);
// RFC 3947 3.2: NAT-D carries HASH(CKY-I | CKY-R | IP | Port).
export const ikev1NatDiscoveryCodec = defineCodec<Ikev1Bytes>('IKEv1 NAT-D', [{ kind: 'restBytes', key: 'data' }],
  verifyDataLength('NAT-D hash', 16, 64));

// RFC 2408 3.14: DOI, protocol ID, SPI size, notify message type, SPI, notification data.
export const ikev1NotificationCodec = defineCodec<Ikev1Notification>('IKEv1 Notification', [
  { kind: 'u32', key: 'doi' },
  { kind: 'u8', key: 'protocolId' },
  { kind: 'sizeU8', of: 'spi' },
  { kind: 'u16', key: 'notifyType' },
  { kind: 'sizedBytes', key: 'spi' },
  { kind: 'restBytes', key: 'data' },
], (n) => (n.notifyType === 0 ? [wireProblem('bad-value', 'notify message type 0 is reserved')] : []));

// RFC 2408 3.15: DOI, protocol ID, SPI size, # of SPIs, SPIs.
export const ikev1DeleteCodec = defineCodec<Ikev1Delete>('IKEv1 Delete', [
  { kind: 'u32', key: 'doi' },
  { kind: 'u8', key: 'protocolId' },
  { kind: 'sizeU8', of: 'spis' },
  { kind: 'countU16', of: 'spis' },
  { kind: 'byteStrings', key: 'spis' },
], (d) => {
  const size = d.spis[0]?.length ?? 0;
  return d.spis.some((spi) => spi.length !== size) ? [wireProblem('bad-length', 'SPIs of different sizes in one Delete payload')] : [];
});

/** Every IKEv1 payload the engine knows, by kind; `unknown` keeps any other payload's bytes. */
export type Ikev1Payload =
  | ({ readonly kind: 'sa' } & Ikev1Sa)
  | ({ readonly kind: 'keyExchange' } & Ikev1Bytes)
  | ({ readonly kind: 'identification' } & Ikev1Identification)
  | ({ readonly kind: 'hash' } & Ikev1Bytes)
  | ({ readonly kind: 'signature' } & Ikev1Bytes)
  | ({ readonly kind: 'nonce' } & Ikev1Bytes)
  | ({ readonly kind: 'notification' } & Ikev1Notification)
  | ({ readonly kind: 'delete' } & Ikev1Delete)
  | ({ readonly kind: 'vendorId' } & Ikev1Bytes)
  | ({ readonly kind: 'natDiscovery' } & Ikev1Bytes)
  | { readonly kind: 'unknown'; readonly type: number; readonly body: Buffer };

export type Ikev1PayloadKind = Exclude<Ikev1Payload['kind'], 'unknown'>;

/** kind -> (payload type code, codec): the one dispatch table. */
export const IKEV1_PAYLOADS: Readonly<Record<Ikev1PayloadKind, { readonly type: number; readonly codec: Codec<never> }>> = {
  sa: { type: Ikev1PayloadType.sa, codec: ikev1SaCodec as Codec<never> },
  keyExchange: { type: Ikev1PayloadType.keyExchange, codec: ikev1KeyExchangeCodec as Codec<never> },
  identification: { type: Ikev1PayloadType.identification, codec: ikev1IdentificationCodec as Codec<never> },
  hash: { type: Ikev1PayloadType.hash, codec: ikev1HashCodec as Codec<never> },
  signature: { type: Ikev1PayloadType.signature, codec: ikev1SignatureCodec as Codec<never> },
  nonce: { type: Ikev1PayloadType.nonce, codec: ikev1NonceCodec as Codec<never> },
  notification: { type: Ikev1PayloadType.notification, codec: ikev1NotificationCodec as Codec<never> },
  delete: { type: Ikev1PayloadType.delete, codec: ikev1DeleteCodec as Codec<never> },
  vendorId: { type: Ikev1PayloadType.vendorId, codec: ikev1VendorIdCodec as Codec<never> },
  natDiscovery: { type: Ikev1PayloadType.natDiscovery, codec: ikev1NatDiscoveryCodec as Codec<never> },
};
