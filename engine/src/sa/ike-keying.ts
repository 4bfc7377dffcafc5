/**
 * sa/ike-keying.ts: what an established IKE SA lends to the exchanges that later run on it (RFC 3706
 *   R-U-THERE informationals for IKEv1, RFC 7296 2.4 liveness checks for IKEv2): cookies or SPIs, the
 *   negotiated cipher, hash and integrity, the keys, and the IV seed (IKEv1: the last CBC block of phase 1)
 *   or the message-ID counters (IKEv2).
 * Owns: the `IkeKeying` shapes and building them from a phase-1 / IKEv2 session.
 * Must not know: which exchange uses them (dpd/ builds the messages).
 * Invariants: keys are reachable only through functions of a closure, so JSON and console output of an
 *   object holding a keying never show them; the IKEv1 last block is read when asked (it is final once
 *   phase 1 is over).
 * Tests: test/src/engine/dpd-wire.test.ts
 */
import type { CipherSpec } from '../crypto/ciphers';
import type { IntegritySpec } from '../crypto/integrity';
import type { HashAlgorithm } from '../crypto/prf';
import { skKeysForSender, type Ikev2SkKeys } from '../wire/ikev2/message';
import type { Ikev1Phase1 } from './ikev1-phase1';
import type { Ikev2Session } from './ikev2-session';
import type { Role } from './result';

export interface Ikev1Keying {
  readonly version: 1;
  /** this side's role in the phase-1 exchange */
  readonly role: Role;
  readonly cookieI: Buffer;
  readonly cookieR: Buffer;
  readonly hash: HashAlgorithm;
  readonly cipher: CipherSpec;
  /** the phase-1 cipher key (derived from SKEYID_e) */
  encryptionKey(): Buffer;
  /** SKEYID_a, the key of HASH(1) */
  skeyidA(): Buffer;
  /** the last CBC output block of phase 1: seeds every phase-2 and informational IV (RFC 2409 5.5, appendix B) */
  lastBlock(): Buffer;
}

export interface Ikev2Keying {
  readonly version: 2;
  readonly role: Role;
  readonly spiI: Buffer;
  readonly spiR: Buffer;
  /** SK_e/SK_a this side sends with */
  sendKeys(): Ikev2SkKeys;
  /** SK_e/SK_a the peer sends with */
  receiveKeys(): Ikev2SkKeys;
  /** Message ID of the next request this side starts (RFC 7296 2.2: each direction counts on its own) */
  nextRequestId: number;
  /** Message ID of the next request expected from the peer */
  nextPeerRequestId: number;
}

export type IkeKeying = Ikev1Keying | Ikev2Keying;

export function ikev1Keying(phase1: Ikev1Phase1): Ikev1Keying {
  const keys = phase1.keys!;
  return {
    version: 1, role: phase1.sa.role, cookieI: Buffer.from(phase1.cookieI), cookieR: Buffer.from(phase1.cookieR), hash: phase1.hash, cipher: phase1.cipher,
    encryptionKey: () => keys.encryptionKey,
    skeyidA: () => keys.skeyidA,
    lastBlock: () => phase1.lastBlock,
  };
}

/** After IKE_SA_INIT (ID 0) and IKE_AUTH (ID 1) the initiator's next request is 2; the responder has sent none yet. */
export function ikev2Keying(session: Ikev2Session): Ikev2Keying {
  const keys = session.keys!;
  const own = session.isInitiator ? 'initiator' : 'responder';
  const other = session.isInitiator ? 'responder' : 'initiator';
  const integrity: IntegritySpec = session.integrity;
  return {
    version: 2, role: session.sa.role, spiI: Buffer.from(session.spiI), spiR: Buffer.from(session.spiR),
    sendKeys: () => skKeysForSender(keys, own, session.cipher, integrity),
    receiveKeys: () => skKeysForSender(keys, other, session.cipher, integrity),
    nextRequestId: session.isInitiator ? 2 : 0,
    nextPeerRequestId: session.isInitiator ? 0 : 2,
  };
}
