/**
 * wire/ikev2/payloads.ts: every IKEv2 payload body as a layout table beside its RFC 7296 section, plus
 * semantic `verify` rules.
 * Owns: SA / Proposal / Transform (+ key length attribute), KE, IDi/IDr, AUTH, Nonce, Notify, Delete,
 *   Vendor ID, TSi/TSr, and the kind <-> type code table. The SK payload's body is opaque here;
 *   message.ts encrypts and decrypts it.
 * Must not know: exchanges, keys.
 * Invariants: bodies exclude the generic payload header; decode never throws.
 * Tests: test/src/engine/ike-codecs.test.ts
 */
import { defineCodec, verifyDataLength, type Attribute, type Codec, type Layout } from '../layout';
import { wireProblem, type WireProblem } from '../problems';
import { Ikev2PayloadType, TrafficSelectorType } from './constants';

export interface Ikev2Transform { readonly transformType: number; readonly transformId: number; readonly attributes: readonly Attribute[] }
export interface Ikev2Proposal { readonly proposalNumber: number; readonly protocolId: number; readonly spi: Buffer; readonly transforms: readonly Ikev2Transform[] }
export interface Ikev2Sa { readonly proposals: readonly Ikev2Proposal[] }
export interface Ikev2KeyExchange { readonly dhGroup: number; readonly data: Buffer }
export interface Ikev2Identification { readonly idType: number; readonly data: Buffer }
export interface Ikev2Authentication { readonly authMethod: number; readonly data: Buffer }
export interface Ikev2Bytes { readonly data: Buffer }
export interface Ikev2Notify { readonly protocolId: number; readonly notifyType: number; readonly spi: Buffer; readonly data: Buffer }
export interface Ikev2Delete { readonly protocolId: number; readonly spis: readonly Buffer[] }
export interface TrafficSelector {
  readonly tsType: number;
  /** IP protocol number, 0 = any. */
  readonly ipProtocol: number;
  readonly startPort: number;
  readonly endPort: number;
  readonly startAddress: Buffer;
  readonly endAddress: Buffer;
}
export interface Ikev2TrafficSelectors { readonly selectors: readonly TrafficSelector[] }

// RFC 7296 3.3.2: Transform substructure: type, reserved, transform ID, attributes.
const transformLayout: Layout = [
  { kind: 'u8', key: 'transformType' },
  { kind: 'reserved', size: 1 },
  { kind: 'u16', key: 'transformId' },
  { kind: 'attributes', key: 'attributes' },
];

// RFC 7296 3.3.1: Proposal substructure: proposal num, protocol ID, SPI size, num transforms, SPI, transforms.
const proposalLayout: Layout = [
  { kind: 'u8', key: 'proposalNumber' },
  { kind: 'u8', key: 'protocolId' },
  { kind: 'sizeU8', of: 'spi' },
  { kind: 'countU8', of: 'transforms' },
  { kind: 'sizedBytes', key: 'spi' },
  { kind: 'substructures', key: 'transforms', marker: 3, layout: transformLayout },
];

function verifySa(sa: Ikev2Sa): WireProblem[] {
  const problems: WireProblem[] = [];
  if (sa.proposals.length === 0) problems.push(wireProblem('bad-value', 'SA payload without proposals'));
  sa.proposals.forEach((proposal, index) => {
    if (proposal.proposalNumber !== index + 1) problems.push(wireProblem('bad-value', `proposal ${index + 1} is numbered ${proposal.proposalNumber}`));
    if (proposal.transforms.length === 0) problems.push(wireProblem('bad-value', `proposal ${proposal.proposalNumber} has no transforms`));
    if (![0, 4, 8].includes(proposal.spi.length)) problems.push(wireProblem('bad-length', `proposal ${proposal.proposalNumber} SPI is ${proposal.spi.length} bytes`));
  });
  return problems;
}

export const ikev2SaCodec: Codec<Ikev2Sa> = defineCodec<Ikev2Sa>('IKEv2 SA', [
  { kind: 'substructures', key: 'proposals', marker: 2, layout: proposalLayout },
], verifySa);

// RFC 7296 3.4: DH group num, reserved, key exchange data.
export const ikev2KeyExchangeCodec = defineCodec<Ikev2KeyExchange>('IKEv2 KE', [
  { kind: 'u16', key: 'dhGroup' },
  { kind: 'reserved', size: 2 },
  { kind: 'restBytes', key: 'data' },
], verifyDataLength('key exchange data', 1));

// RFC 7296 3.5: ID type, reserved (3), identification data.
export const ikev2IdentificationCodec = defineCodec<Ikev2Identification>('IKEv2 ID', [
  { kind: 'u8', key: 'idType' },
  { kind: 'reserved', size: 3 },
  { kind: 'restBytes', key: 'data' },
], (id) => {
  const fixed: Record<number, number> = { 1: 4, 5: 16 };
  const expected = fixed[id.idType];
  if (expected !== undefined && id.data.length !== expected) return [wireProblem('bad-length', `ID type ${id.idType} needs ${expected} bytes, got ${id.data.length}`)];
  return id.data.length === 0 ? [wireProblem('bad-length', 'empty identification data')] : [];
});

// RFC 7296 3.8: auth method, reserved (3), authentication data.
export const ikev2AuthenticationCodec = defineCodec<Ikev2Authentication>('IKEv2 AUTH', [
  { kind: 'u8', key: 'authMethod' },
  { kind: 'reserved', size: 3 },
  { kind: 'restBytes', key: 'data' },
], verifyDataLength('authentication data', 1));

// RFC 7296 3.9: nonce data, 16..256 bytes.
export const ikev2NonceCodec = defineCodec<Ikev2Bytes>('IKEv2 Nonce', [{ kind: 'restBytes', key: 'data' }], verifyDataLength('nonce', 16, 256));

// RFC 7296 3.10: protocol ID, SPI size, notify message type, SPI, notification data.
export const ikev2NotifyCodec = defineCodec<Ikev2Notify>('IKEv2 Notify', [
  { kind: 'u8', key: 'protocolId' },
  { kind: 'sizeU8', of: 'spi' },
  { kind: 'u16', key: 'notifyType' },
  { kind: 'sizedBytes', key: 'spi' },
  { kind: 'restBytes', key: 'data' },
], (n) => (n.notifyType === 0 ? [wireProblem('bad-value', 'notify message type 0 is reserved')] : []));

// RFC 7296 3.11: protocol ID, SPI size, num of SPIs, SPIs.
export const ikev2DeleteCodec = defineCodec<Ikev2Delete>('IKEv2 Delete', [
  { kind: 'u8', key: 'protocolId' },
  { kind: 'sizeU8', of: 'spis' },
  { kind: 'countU16', of: 'spis' },
  { kind: 'byteStrings', key: 'spis' },
], (d) => (d.protocolId === 1 && d.spis.length > 0 ? [wireProblem('bad-value', 'deleting the IKE SA carries no SPIs')] : []));

// RFC 7296 3.12: vendor ID data.
export const ikev2VendorIdCodec = defineCodec<Ikev2Bytes>('IKEv2 Vendor ID', [{ kind: 'restBytes', key: 'data' }]);

// RFC 7296 3.13.1: TS type, IP protocol ID, selector length, start port, end port, start address, end address.
const selectorLayout: Layout = [
  { kind: 'u8', key: 'tsType' },
  { kind: 'u8', key: 'ipProtocol' },
  { kind: 'selfLengthU16' },
  { kind: 'u16', key: 'startPort' },
  { kind: 'u16', key: 'endPort' },
  { kind: 'halves', keys: ['startAddress', 'endAddress'] },
];

// RFC 7296 3.13: number of TSs, reserved (3), traffic selectors.
export const ikev2TrafficSelectorsCodec = defineCodec<Ikev2TrafficSelectors>('IKEv2 TS', [
  { kind: 'countU8', of: 'selectors' },
  { kind: 'reserved', size: 3 },
  { kind: 'items', key: 'selectors', layout: selectorLayout },
], (ts) => {
  const problems: WireProblem[] = [];
  if (ts.selectors.length === 0) problems.push(wireProblem('bad-value', 'no traffic selectors'));
  for (const selector of ts.selectors) {
    const size = selector.tsType === TrafficSelectorType.ipv4AddressRange ? 4 : selector.tsType === TrafficSelectorType.ipv6AddressRange ? 16 : -1;
    if (size < 0) problems.push(wireProblem('unsupported', `traffic selector type ${selector.tsType}`));
    else if (selector.startAddress.length !== size) problems.push(wireProblem('bad-length', `traffic selector type ${selector.tsType} needs ${size}-byte addresses`));
    if (selector.startPort > selector.endPort) problems.push(wireProblem('bad-value', `start port ${selector.startPort} above end port ${selector.endPort}`));
    if (Buffer.compare(selector.startAddress, selector.endAddress) > 0) problems.push(wireProblem('bad-value', 'start address above end address'));
  }
  return problems;
});

export type Ikev2Payload =
  | ({ readonly kind: 'sa' } & Ikev2Sa)
  | ({ readonly kind: 'keyExchange' } & Ikev2KeyExchange)
  | ({ readonly kind: 'idInitiator' } & Ikev2Identification)
  | ({ readonly kind: 'idResponder' } & Ikev2Identification)
  | ({ readonly kind: 'authentication' } & Ikev2Authentication)
  | ({ readonly kind: 'nonce' } & Ikev2Bytes)
  | ({ readonly kind: 'notify' } & Ikev2Notify)
  | ({ readonly kind: 'delete' } & Ikev2Delete)
  | ({ readonly kind: 'vendorId' } & Ikev2Bytes)
  | ({ readonly kind: 'tsInitiator' } & Ikev2TrafficSelectors)
  | ({ readonly kind: 'tsResponder' } & Ikev2TrafficSelectors)
  | { readonly kind: 'unknown'; readonly type: number; readonly critical: boolean; readonly body: Buffer };

export type Ikev2PayloadKind = Exclude<Ikev2Payload['kind'], 'unknown'>;

export const IKEV2_PAYLOADS: Readonly<Record<Ikev2PayloadKind, { readonly type: number; readonly codec: Codec<never> }>> = {
  sa: { type: Ikev2PayloadType.sa, codec: ikev2SaCodec as Codec<never> },
  keyExchange: { type: Ikev2PayloadType.keyExchange, codec: ikev2KeyExchangeCodec as Codec<never> },
  idInitiator: { type: Ikev2PayloadType.idInitiator, codec: ikev2IdentificationCodec as Codec<never> },
  idResponder: { type: Ikev2PayloadType.idResponder, codec: ikev2IdentificationCodec as Codec<never> },
  authentication: { type: Ikev2PayloadType.authentication, codec: ikev2AuthenticationCodec as Codec<never> },
  nonce: { type: Ikev2PayloadType.nonce, codec: ikev2NonceCodec as Codec<never> },
  notify: { type: Ikev2PayloadType.notify, codec: ikev2NotifyCodec as Codec<never> },
  delete: { type: Ikev2PayloadType.delete, codec: ikev2DeleteCodec as Codec<never> },
  vendorId: { type: Ikev2PayloadType.vendorId, codec: ikev2VendorIdCodec as Codec<never> },
  tsInitiator: { type: Ikev2PayloadType.tsInitiator, codec: ikev2TrafficSelectorsCodec as Codec<never> },
  tsResponder: { type: Ikev2PayloadType.tsResponder, codec: ikev2TrafficSelectorsCodec as Codec<never> },
};
