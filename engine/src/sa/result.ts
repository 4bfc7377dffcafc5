/**
 * sa/result.ts: what a negotiation produces: the verdict, one sentence of reason, which side saw the
 *   problem, the negotiated algorithms, the IKE SA and the IPsec SAs of each side, the message log.
 * Owns: these shapes and the rule that SA keys never serialise (the `esp` field of an IPsec SA is not
 *   enumerable, so JSON.stringify and console output skip it).
 * Must not know: how the exchanges run.
 * Invariants: reasons never contain a key; outcome ESTABLISHED <=> both sides hold IPsec SAs whose SPIs cross.
 * Tests: test/src/engine/sa-*.test.ts
 */
import type { EspSa } from '../wire/esp';
import type { IkeKeying } from './ike-keying';
import type { MessageLogEntry } from './message-log';

export type NegotiationOutcome =
  | 'ESTABLISHED' | 'IKE_NO_PROPOSAL' | 'IKE_AUTH_FAILED' | 'IPSEC_NO_PROPOSAL' | 'PFS_MISMATCH'
  | 'TS_UNACCEPTABLE' | 'IKE_VERSION_MISMATCH' | 'IKE_MODE_MISMATCH' | 'PEER_UNREACHABLE';

export type Role = 'initiator' | 'responder';

/** A failure as the side that met it describes it. */
export interface SaFailure {
  readonly outcome: Exclude<NegotiationOutcome, 'ESTABLISHED'>;
  readonly reason: string;
  /** True when this side saw the cause itself (a bad hash, no proposal); false when it only got a notification or a timeout. */
  readonly firstHand: boolean;
}

export interface IkeAlgorithms {
  readonly encryption: string;
  readonly authentication: string;
  readonly dhGroup: string;
  readonly lifetimeSeconds: number;
}

export interface IpsecAlgorithms {
  readonly protocol: 'esp';
  readonly encryption: string;
  readonly authentication?: string;
  readonly pfsGroup?: string;
  readonly lifetimeSeconds: number;
}

export interface IkeSaSummary {
  readonly version: 1 | 2;
  /** As `show services ipsec-vpn ike security-associations` names it. */
  readonly exchangeType: 'Main' | 'Aggressive' | 'IKEv2';
  /** Initiator cookie / IKEv2 SPIi, hex. */
  readonly initiatorCookie: string;
  readonly responderCookie: string;
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly role: Role;
  readonly lifetimeSeconds: number;
  readonly algorithms: IkeAlgorithms;
  /** NAT detection results (RFC 3947 / RFC 7296 2.23): whether a NAT changed this side's or the peer's address. */
  readonly nat: { readonly localBehindNat: boolean; readonly remoteBehindNat: boolean };
  /** Matured once authenticated; Expired after the hard lifetime. */
  state: 'Matured' | 'Expired';
}

export interface IpsecSaRecord {
  readonly direction: 'inbound' | 'outbound';
  readonly spi: number;
  readonly protocol: 'ESP';
  readonly encryption: string;
  readonly authentication?: string;
  readonly softLifetimeSeconds: number;
  readonly hardLifetimeSeconds: number;
  /** 0 when anti-replay is disabled. */
  readonly antiReplayWindow: number;
  readonly localIdentity: string;
  readonly remoteIdentity: string;
  /** Installed, then Soft-expired (rekey due), then Expired. */
  state: 'Installed' | 'Soft-expired' | 'Expired';
  /** The keys for wire/esp.ts (not enumerable: never serialised). */
  readonly esp: EspSa;
}

export interface SideResult {
  readonly deviceName: string;
  readonly address: string;
  readonly role: Role;
  readonly ikeSa?: IkeSaSummary;
  readonly ipsecSas: readonly IpsecSaRecord[];
  readonly failure?: SaFailure;
  /** Retransmissions this side sent. */
  readonly retransmissions: number;
  /** The IKE SA's keys for later exchanges on it (DPD); not enumerable: never serialised. */
  readonly keying?: IkeKeying;
}

export interface NegotiationResult {
  readonly outcome: NegotiationOutcome;
  /** One sentence a network engineer understands. */
  readonly reason: string;
  /** The side that saw the problem first-hand (undefined when established). */
  readonly detectedBy?: { readonly role: Role; readonly deviceName: string };
  readonly ikeAlgorithms?: IkeAlgorithms;
  readonly ipsecAlgorithms?: IpsecAlgorithms;
  readonly initiator: SideResult;
  readonly responder: SideResult;
  /** Every message exchanged and every notable event, in time order (shared with later lifetime events). */
  readonly log: readonly MessageLogEntry[];
  /** Virtual milliseconds from start to the verdict. */
  readonly elapsedMs: number;
}

/** An IPsec SA record whose keys stay off JSON and console output. */
export function ipsecSaRecord(fields: Omit<IpsecSaRecord, 'esp' | 'state'>, esp: EspSa): IpsecSaRecord {
  const record = { ...fields, state: 'Installed' } as IpsecSaRecord;
  Object.defineProperty(record, 'esp', { value: esp, enumerable: false });
  return record;
}
