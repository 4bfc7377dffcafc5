/**
 * sa/message-log.ts: the log of a negotiation for sequence diagrams and explanations: every IKE message
 *   (who sent it to whom, exchange, message number, payload kinds, short decoded summaries, virtual time,
 *   whether it was encrypted or a retransmission) and notable events (a drop, a timer, a lifetime).
 * Owns: the entry shapes and the payload summaries for IKEv1 and IKEv2 payloads.
 * Must not know: exchanges or their state.
 * Invariants: summaries never contain key material, pre-shared keys, HASH/AUTH values or nonces (only
 *   their lengths); SPIs and cookies are public and shown.
 * Tests: test/src/engine/sa-ikev1.test.ts (no secret in the log)
 */
import { describeIkev1Id } from '../wire/ikev1/identities';
import type { Ikev1Payload } from '../wire/ikev1/payloads';
import type { Ikev2Payload } from '../wire/ikev2/payloads';
import { describeTrafficSelector } from '../wire/ikev2/traffic-selectors';
import { formatIpAddress } from '../wire/ip-address';
import { Ikev1NotifyType } from '../wire/ikev1/constants';
import { Ikev2NotifyType } from '../wire/ikev2/constants';

export interface MessageEntry {
  readonly kind: 'message';
  /** Virtual milliseconds when it was sent. */
  readonly time: number;
  readonly from: string;
  readonly to: string;
  readonly sourceAddress: string;
  readonly destinationAddress: string;
  readonly ikeVersion: 1 | 2;
  /** `Main Mode`, `Aggressive Mode`, `Quick Mode`, `Informational`, `IKE_SA_INIT`, `IKE_AUTH`, `INFORMATIONAL`. */
  readonly exchange: string;
  /** 1-based position in its exchange (IKEv1), or the IKEv2 message ID. */
  readonly messageNumber: number;
  /** IKEv2: request or response. */
  readonly direction?: 'request' | 'response';
  readonly payloads: readonly string[];
  readonly summary: readonly string[];
  readonly encrypted: boolean;
  readonly retransmission: boolean;
  readonly bytes: number;
}

export interface EventEntry {
  readonly kind: 'event';
  readonly time: number;
  readonly deviceName: string;
  readonly text: string;
}

export type MessageLogEntry = MessageEntry | EventEntry;

const V1_NOTIFY_NAMES = new Map<number, string>(Object.entries(Ikev1NotifyType).map(([name, value]) => [value, kebab(name)]));
const V2_NOTIFY_NAMES = new Map<number, string>(Object.entries(Ikev2NotifyType).map(([name, value]) => [value, kebab(name).replace(/-/g, '_')]));

function kebab(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toUpperCase();
}

export function ikev1NotifyName(type: number): string {
  return V1_NOTIFY_NAMES.get(type) ?? `notify ${type}`;
}

export function ikev2NotifyName(type: number): string {
  return V2_NOTIFY_NAMES.get(type) ?? `notify ${type}`;
}

/** One line per IKEv1 payload, without secrets. */
export function summarizeIkev1Payload(payload: Ikev1Payload): string {
  switch (payload.kind) {
    case 'sa': return `SA: ${payload.proposals.map((p) => `proposal ${p.proposalNumber} protocol ${p.protocolId}${p.spi.length > 0 ? ` SPI 0x${p.spi.toString('hex')}` : ''} with ${p.transforms.length} transform(s)`).join('; ')}`;
    case 'keyExchange': return `KE: ${payload.data.length} bytes`;
    case 'nonce': return `Nonce: ${payload.data.length} bytes`;
    case 'identification': return `ID: ${describeIkev1Id(payload)}`;
    case 'hash': return `HASH: ${payload.data.length} bytes`;
    case 'notification': return `Notify: ${ikev1NotifyName(payload.notifyType)}`;
    case 'delete': return `Delete: protocol ${payload.protocolId}, ${payload.spis.length} SPI(s)`;
    case 'vendorId': return `Vendor ID: ${payload.data.toString('hex')}`;
    case 'natDiscovery': return `NAT-D: ${payload.data.length} bytes`;
    case 'signature': return `SIG: ${payload.data.length} bytes`;
    case 'unknown': return `payload type ${payload.type}: ${payload.body.length} bytes`;
  }
}

/** One line per IKEv2 payload, without secrets. */
export function summarizeIkev2Payload(payload: Ikev2Payload): string {
  switch (payload.kind) {
    case 'sa': return `SA: ${payload.proposals.map((p) => `proposal ${p.proposalNumber} protocol ${p.protocolId}${p.spi.length > 0 ? ` SPI 0x${p.spi.toString('hex')}` : ''} with ${p.transforms.length} transform(s)`).join('; ')}`;
    case 'keyExchange': return `KE: group ${payload.dhGroup}, ${payload.data.length} bytes`;
    case 'nonce': return `Nonce: ${payload.data.length} bytes`;
    case 'idInitiator': case 'idResponder': return `${payload.kind === 'idInitiator' ? 'IDi' : 'IDr'}: ${payload.idType === 1 || payload.idType === 5 ? formatIpAddress(payload.data) : `type ${payload.idType}`}`;
    case 'authentication': return `AUTH: method ${payload.authMethod}, ${payload.data.length} bytes`;
    case 'notify': return `Notify: ${ikev2NotifyName(payload.notifyType)}`;
    case 'delete': return `Delete: protocol ${payload.protocolId}, ${payload.spis.length} SPI(s)`;
    case 'vendorId': return `Vendor ID: ${payload.data.toString('hex')}`;
    case 'tsInitiator': case 'tsResponder': return `${payload.kind === 'tsInitiator' ? 'TSi' : 'TSr'}: ${payload.selectors.map(describeTrafficSelector).join(', ')}`;
    case 'unknown': return `payload type ${payload.type}: ${payload.body.length} bytes`;
  }
}
