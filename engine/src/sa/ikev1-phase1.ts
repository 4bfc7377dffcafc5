/**
 * sa/ikev1-phase1.ts: the keying state of an IKEv1 phase 1 (ISAKMP SA) shared by Main Mode and
 *   Aggressive Mode: cookies, the initiator's SA body, DH, nonces, SKEYID and friends, HASH_I / HASH_R,
 *   identities, NAT-D payloads and their check, the phase-1 IV chain and the last CBC block that seeds
 *   phase-2 IVs, and the encrypt / decrypt calls with that IV.
 * Must not know: which message comes when (the tables in ikev1-main-mode.ts / ikev1-aggressive-mode.ts).
 * Invariants: the pre-shared key is read once, when SKEYID is computed, and kept nowhere; every check
 *   returns a StepResult failure, never throws.
 * Tests: test/src/engine/sa-ikev1.test.ts
 */
import { timingSafeEqual } from 'node:crypto';
import { cipherSpec, type CipherSpec } from '../crypto/ciphers';
import type { DhGroup } from '../crypto/dh-groups';
import { createKeyExchange, type KeyExchange } from '../crypto/diffie-hellman';
import { deriveIkev1Phase1Keys, ikev1HashI, ikev1HashR, ikev1Phase1Iv, type Ikev1Phase1Keys } from '../crypto/ikev1-keys';
import { ikev1NatDiscoveryHash, natHashMatches } from '../crypto/nat-detection';
import type { HashAlgorithm } from '../crypto/prf';
import { ikeAuthenticationAlgorithm, encryptionAlgorithm } from '../wire/algorithms';
import { Ikev1IdType, VendorIdHex } from '../wire/ikev1/constants';
import { decodeIkev1Message, decryptIkev1Message, encodeIkev1Message, encryptIkev1Message, payloadBody, type DecryptedIkev1Message, type Ikev1Message, type ReceivedIkev1Message } from '../wire/ikev1/message';
import type { Ikev1Payload } from '../wire/ikev1/payloads';
import { checkMessageRule, type MessageRule } from '../wire/message-rules';
import { parseIpv4Address } from '../wire/ipv4';
import { IKE_PORT, type IkeSa } from './ike-sa';
import { ikev1Keying } from './ike-keying';
import { summarizeIkev1Payload } from './message-log';
import type { IkeAlgorithms, SaFailure } from './result';
import { fail, OK, type StepResult } from './transitions';

export const NAT_T_VENDOR_ID: Ikev1Payload = { kind: 'vendorId', data: Buffer.from(VendorIdHex.natTraversalRfc3947, 'hex') };
export const DPD_VENDOR_ID: Ikev1Payload = { kind: 'vendorId', data: Buffer.from(VendorIdHex.deadPeerDetection, 'hex') };
export const NONCE_LENGTH = 32;

export type Payloads = readonly Ikev1Payload[];
export const find = <K extends Ikev1Payload['kind']>(payloads: Payloads, kind: K) => payloads.find((p) => p.kind === kind) as Extract<Ikev1Payload, { kind: K }> | undefined;

export class Ikev1Phase1 {
  cookieI: Buffer = Buffer.alloc(8);
  cookieR: Buffer = Buffer.alloc(8);
  exchangeType = 0;
  algorithms: IkeAlgorithms | undefined;
  hash: HashAlgorithm = 'sha1';
  cipher: CipherSpec = cipherSpec('3des-cbc');
  /** The initiator's SA payload body (HASH_I/HASH_R cover it). */
  saBodyI: Buffer = Buffer.alloc(0);
  keyExchange: KeyExchange | undefined;
  nonceI: Buffer = Buffer.alloc(0);
  nonceR: Buffer = Buffer.alloc(0);
  publicI: Buffer = Buffer.alloc(0);
  publicR: Buffer = Buffer.alloc(0);
  keys: Ikev1Phase1Keys | undefined;
  /** IV for the next encrypted phase-1 message. */
  iv: Buffer = Buffer.alloc(0);
  /** The last CBC output block of phase 1 (or the phase-1 IV when nothing was encrypted): seeds phase-2 IVs. */
  lastBlock: Buffer = Buffer.alloc(0);
  nat = { localBehindNat: false, remoteBehindNat: false };
  peerSentNatT = false;
  /** The peer's phase-1 ID payload (Aggressive Mode receives it before it can be verified). */
  peerIdentity: Ikev1Payload | undefined;

  constructor(readonly sa: IkeSa) {}

  get isInitiator(): boolean {
    return this.sa.role === 'initiator';
  }

  /** Sets the negotiated algorithms (from the selected transform). */
  adopt(algorithms: IkeAlgorithms): void {
    this.algorithms = algorithms;
    this.hash = ikeAuthenticationAlgorithm(algorithms.authentication)?.hash ?? 'sha1';
    const encryption = encryptionAlgorithm(algorithms.encryption);
    this.cipher = cipherSpec(encryption?.cipher ?? '3des-cbc');
  }

  message(payloads: Payloads, messageId = 0, exchangeType = this.exchangeType): Ikev1Message {
    return { initiatorCookie: this.cookieI, responderCookie: this.cookieR, exchangeType, flags: 0, messageId, payloads };
  }

  /** Starts our half of the DH exchange and draws our nonce. */
  beginKeyExchange(group: DhGroup): Ikev1Payload[] {
    this.keyExchange = createKeyExchange(group, this.sa.random);
    const nonce = this.sa.random.bytes(NONCE_LENGTH);
    if (this.isInitiator) { this.nonceI = nonce; this.publicI = this.keyExchange.publicValue; }
    else { this.nonceR = nonce; this.publicR = this.keyExchange.publicValue; }
    return [{ kind: 'keyExchange', data: this.keyExchange.publicValue }, { kind: 'nonce', data: nonce }];
  }

  /** Takes the peer's KE and nonce, computes g^xy and every phase-1 key. */
  completeKeyExchange(peerPublic: Buffer, peerNonce: Buffer): StepResult {
    if (this.keyExchange === undefined) return fail(this.failure('IKE_NO_PROPOSAL', 'key exchange started without a group'));
    if (this.isInitiator) { this.publicR = peerPublic; this.nonceR = peerNonce; }
    else { this.publicI = peerPublic; this.nonceI = peerNonce; }
    const shared = this.keyExchange.computeSharedSecret(peerPublic);
    if (!shared.ok) return fail(this.failure('IKE_NO_PROPOSAL', `${this.sa.peerName}'s key exchange value is not valid for ${this.algorithms?.dhGroup}: ${shared.problem}`));
    this.keys = deriveIkev1Phase1Keys({
      hash: this.hash, preSharedKey: this.sa.end.ike.preSharedKey(), nonceI: this.nonceI, nonceR: this.nonceR, sharedSecret: shared.sharedSecret,
      cookieI: this.cookieI, cookieR: this.cookieR, encryptionKeyLength: this.cipher.keyLength,
    });
    this.iv = ikev1Phase1Iv(this.hash, this.publicI, this.publicR, this.cipher.blockSize);
    this.lastBlock = this.iv;
    return OK;
  }

  /** Our phase-1 identity: ID_IPV4_ADDR, UDP port 500. */
  identity(): Extract<Ikev1Payload, { kind: 'identification' }> {
    const address = this.sa.end.ike.localIdentity ?? this.sa.end.ike.localAddress;
    return { kind: 'identification', idType: Ikev1IdType.ipv4Address, protocolId: 17, port: IKE_PORT, data: parseIpv4Address(address) ?? Buffer.alloc(4) };
  }

  private authInput(idBody: Buffer) {
    return { hash: this.hash, skeyid: this.keys?.skeyid ?? Buffer.alloc(0), publicI: this.publicI, publicR: this.publicR, cookieI: this.cookieI, cookieR: this.cookieR, saBodyI: this.saBodyI, idBody };
  }

  /** HASH_I (initiator) or HASH_R (responder) over our own identity. */
  ownHash(id: Ikev1Payload): Extract<Ikev1Payload, { kind: 'hash' }> {
    const input = this.authInput(payloadBody(id));
    return { kind: 'hash', data: this.isInitiator ? ikev1HashI(input) : ikev1HashR(input) };
  }

  /** Checks the peer's HASH over the peer's identity with our own SKEYID (so our pre-shared key). */
  verifyPeerHash(id: Ikev1Payload | undefined, hash: Ikev1Payload | undefined): StepResult {
    const hashName = this.isInitiator ? 'HASH_R' : 'HASH_I';
    if (id === undefined || hash === undefined || hash.kind !== 'hash') return fail(this.authFailure(`${this.sa.peerName}'s message has no identity or ${hashName}`));
    const input = this.authInput(payloadBody(id));
    const expected = this.isInitiator ? ikev1HashR(input) : ikev1HashI(input);
    if (expected.length !== hash.data.length || !timingSafeEqual(expected, hash.data)) {
      return fail(this.authFailure(`pre-shared keys differ: ${this.sa.name} could not verify ${this.sa.peerName}'s ${hashName}`));
    }
    const wanted = this.sa.end.ike.remoteIdentity;
    if (wanted !== undefined && id.kind === 'identification') {
      const expectedId = parseIpv4Address(wanted);
      if (expectedId !== undefined && !expectedId.equals(id.data)) return fail(this.authFailure(`${this.sa.peerName} presented identity ${id.data.join('.')} but ${this.sa.name} expects ${wanted}`));
    }
    return OK;
  }

  authFailure(reason: string): SaFailure {
    return { outcome: 'IKE_AUTH_FAILED', reason, firstHand: true };
  }

  failure(outcome: SaFailure['outcome'], reason: string): SaFailure {
    return { outcome, reason, firstHand: true };
  }

  /** RFC 3947: NAT-D for the peer's endpoint first, then ours (only when both sides announced NAT-T). */
  natDiscovery(): Ikev1Payload[] {
    if (!this.peerSentNatT) return [];
    const ike = this.sa.end.ike;
    const remote = ikev1NatDiscoveryHash(this.hash, this.cookieI, this.cookieR, ike.remoteAddress, IKE_PORT);
    const local = ikev1NatDiscoveryHash(this.hash, this.cookieI, this.cookieR, ike.localAddress, IKE_PORT);
    return [remote, local].filter((h): h is Buffer => h !== undefined).map((data) => ({ kind: 'natDiscovery', data }));
  }

  /** Compares the peer's NAT-D payloads with what the addresses we see give. */
  checkNatDiscovery(payloads: Payloads): void {
    const hashes = payloads.filter((p) => p.kind === 'natDiscovery').map((p) => (p as { data: Buffer }).data);
    if (hashes.length < 2) return;
    const ike = this.sa.end.ike;
    const ours = ikev1NatDiscoveryHash(this.hash, this.cookieI, this.cookieR, ike.localAddress, IKE_PORT);
    const theirs = ikev1NatDiscoveryHash(this.hash, this.cookieI, this.cookieR, ike.remoteAddress, IKE_PORT);
    this.nat = { localBehindNat: !natHashMatches(hashes[0]!, [ours]), remoteBehindNat: !hashes.slice(1).some((h) => natHashMatches(h, [theirs])) };
  }

  noteVendorIds(payloads: Payloads): void {
    if (payloads.some((p) => p.kind === 'vendorId' && p.data.equals((NAT_T_VENDOR_ID as { data: Buffer }).data))) this.peerSentNatT = true;
  }

  // ---- sending and receiving with the phase-1 IV chain ----

  sendPlain(payloads: Payloads, exchange: string, messageNumber: number, expectReply: boolean, messageId = 0, exchangeType = this.exchangeType): void {
    const bytes = encodeIkev1Message(this.message(payloads, messageId, exchangeType));
    this.sa.send(bytes, this.entry(payloads, exchange, messageNumber, false), expectReply);
  }

  /** Encrypts with `iv`; returns the last ciphertext block (the next IV of this exchange). */
  sendEncrypted(payloads: Payloads, iv: Buffer, exchange: string, messageNumber: number, expectReply: boolean, messageId = 0, exchangeType = this.exchangeType): Buffer | undefined {
    const sealed = encryptIkev1Message(this.message(payloads, messageId, exchangeType), { cipher: this.cipher, key: this.keys?.encryptionKey ?? Buffer.alloc(this.cipher.keyLength), iv });
    if (!sealed.ok) { this.sa.event(`could not encrypt ${exchange} message ${messageNumber}: ${sealed.problem.message}`); return undefined; }
    this.sa.send(sealed.value.bytes, this.entry(payloads, exchange, messageNumber, true), expectReply);
    return sealed.value.lastBlock;
  }

  entry(payloads: Payloads, exchange: string, messageNumber: number, encrypted: boolean) {
    return { ikeVersion: 1 as const, exchange, messageNumber, payloads: payloads.map((p) => p.kind), summary: payloads.map(summarizeIkev1Payload), encrypted };
  }

  decrypt(received: ReceivedIkev1Message, iv: Buffer): DecryptedIkev1Message | string {
    const opened = decryptIkev1Message(received, { cipher: this.cipher, key: this.keys?.encryptionKey ?? Buffer.alloc(this.cipher.keyLength), iv });
    return opened.ok ? opened.value : opened.problem.message;
  }
}

/** The decoded datagram handed to every IKEv1 action. */
export interface Ikev1Input {
  readonly received: ReceivedIkev1Message;
}

export function decodeIkev1(bytes: Buffer): ReceivedIkev1Message | string {
  const decoded = decodeIkev1Message(bytes);
  return decoded.ok ? decoded.value : decoded.problem.message;
}

/** Problems of a message against its exchange rule, as one sentence, or undefined when it conforms. */
export function ruleProblem(rule: MessageRule, payloads: Payloads): string | undefined {
  const problems = checkMessageRule(rule, payloads.map((p) => p.kind));
  return problems.length === 0 ? undefined : problems.map((p) => p.message).join('; ');
}

/** Phase 1 authenticated: record the ISAKMP SA on this side. */
export function phase1Matured(phase1: Ikev1Phase1, exchangeType: 'Main' | 'Aggressive'): void {
  const ike = phase1.sa.end.ike;
  const algorithms = phase1.algorithms!;
  phase1.sa.keying = ikev1Keying(phase1);
  phase1.sa.ikeEstablished({
    version: 1, exchangeType, initiatorCookie: phase1.cookieI.toString('hex'), responderCookie: phase1.cookieR.toString('hex'),
    localAddress: ike.localAddress, remoteAddress: ike.remoteAddress, role: phase1.sa.role, lifetimeSeconds: algorithms.lifetimeSeconds,
    algorithms, nat: phase1.nat, state: 'Matured',
  });
}

