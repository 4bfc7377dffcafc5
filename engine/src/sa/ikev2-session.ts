/**
 * sa/ikev2-session.ts: the keying state of one IKEv2 SA shared by its exchanges (IKE_SA_INIT, IKE_AUTH):
 *   SPIs, negotiated algorithms, DH, nonces, SK_* keys, the IKE_SA_INIT messages as sent (AUTH signs them),
 *   message IDs, NAT detection, and sending/opening messages (plain or inside SK).
 * Must not know: which message comes when (ikev2-ike-sa-init.ts, ikev2-ike-auth.ts).
 * Invariants: the initiator sets the I flag on all its messages, responses carry the R flag; the
 *   pre-shared key is read only when AUTH is computed.
 * Tests: test/src/engine/sa-ikev2.test.ts
 */
import { cipherSpec, type CipherSpec } from '../crypto/ciphers';
import type { DhGroup } from '../crypto/dh-groups';
import { createKeyExchange, type KeyExchange } from '../crypto/diffie-hellman';
import { deriveIkev2SaKeys, ikev2PskAuth, type Ikev2SaKeys } from '../crypto/ikev2-keys';
import { integritySpec, type IntegritySpec } from '../crypto/integrity';
import { ikev2NatDetectionHash, natHashMatches } from '../crypto/nat-detection';
import type { HashAlgorithm } from '../crypto/prf';
import { encryptionAlgorithm, ikeAuthenticationAlgorithm } from '../wire/algorithms';
import { AuthMethod, Ikev2Flag, Ikev2NotifyType } from '../wire/ikev2/constants';
import { decodeIkev2Message, decryptIkev2Message, encodeIkev2Message, encryptIkev2Message, ikev2PayloadBody, skKeysForSender, type Ikev2Message, type ReceivedIkev2Message } from '../wire/ikev2/message';
import type { Ikev2Payload } from '../wire/ikev2/payloads';
import { ikev2IdFromAddress } from '../wire/ikev2/traffic-selectors';
import { checkMessageRule, type MessageRule } from '../wire/message-rules';
import { IKE_PORT, type IkeSa } from './ike-sa';
import { ikev2Keying } from './ike-keying';
import { summarizeIkev2Payload } from './message-log';
import type { IkeAlgorithms, IpsecSaRecord } from './result';

export type V2Payloads = readonly Ikev2Payload[];
export const findV2 = <K extends Ikev2Payload['kind']>(payloads: V2Payloads, kind: K) => payloads.find((p) => p.kind === kind) as Extract<Ikev2Payload, { kind: K }> | undefined;
export const notifyOf = (payloads: V2Payloads, type: number) => payloads.find((p) => p.kind === 'notify' && p.notifyType === type) as Extract<Ikev2Payload, { kind: 'notify' }> | undefined;

export const NONCE_LENGTH = 32;

export interface Ikev2Input {
  readonly received: ReceivedIkev2Message;
}

export class Ikev2Session {
  spiI: Buffer = Buffer.alloc(8);
  spiR: Buffer = Buffer.alloc(8);
  algorithms: IkeAlgorithms | undefined;
  prf: HashAlgorithm = 'sha256';
  cipher: CipherSpec = cipherSpec('aes-256-cbc');
  integrity: IntegritySpec = integritySpec('hmac-sha-256-128');
  group: DhGroup | undefined;
  readonly triedGroups: number[] = [];
  keyExchange: KeyExchange | undefined;
  nonceI: Buffer = Buffer.alloc(0);
  nonceR: Buffer = Buffer.alloc(0);
  keys: Ikev2SaKeys | undefined;
  initRequest: Buffer = Buffer.alloc(0);
  initResponse: Buffer = Buffer.alloc(0);
  nat = { localBehindNat: false, remoteBehindNat: false };
  /** Child SA: the ESP SPI each side chose for its inbound SA. */
  childSpiI: Buffer = Buffer.alloc(4);
  childSpiR: Buffer = Buffer.alloc(4);
  pending: IpsecSaRecord[] = [];

  constructor(readonly sa: IkeSa) {}

  get isInitiator(): boolean {
    return this.sa.role === 'initiator';
  }

  adopt(algorithms: IkeAlgorithms, group: DhGroup): void {
    this.algorithms = algorithms;
    const auth = ikeAuthenticationAlgorithm(algorithms.authentication);
    this.prf = auth?.hash ?? 'sha256';
    this.integrity = integritySpec(auth?.ikev2Integrity ?? 'hmac-sha-256-128');
    this.cipher = cipherSpec(encryptionAlgorithm(algorithms.encryption)?.cipher ?? 'aes-256-cbc');
    this.group = group;
  }

  beginKeyExchange(group: DhGroup): Ikev2Payload[] {
    this.group = group;
    this.keyExchange = createKeyExchange(group, this.sa.random);
    const nonce = this.sa.random.bytes(NONCE_LENGTH);
    if (this.isInitiator) this.nonceI = nonce; else this.nonceR = nonce;
    return [{ kind: 'keyExchange', dhGroup: group.id, data: this.keyExchange.publicValue }, { kind: 'nonce', data: nonce }];
  }

  /** g^ir and SK_*; a problem sentence when the peer's KE is not a valid group element. */
  completeKeyExchange(peerPublic: Buffer, peerNonce: Buffer): string | undefined {
    if (this.keyExchange === undefined) return 'no key exchange started';
    if (this.isInitiator) this.nonceR = peerNonce; else this.nonceI = peerNonce;
    const shared = this.keyExchange.computeSharedSecret(peerPublic);
    if (!shared.ok) return shared.problem;
    this.keys = deriveIkev2SaKeys({
      prf: this.prf, nonceI: this.nonceI, nonceR: this.nonceR, sharedSecret: shared.sharedSecret, spiI: this.spiI, spiR: this.spiR,
      integrityKeyLength: this.integrity.keyLength, encryptionKeyLength: this.cipher.keyLength,
    });
    return undefined;
  }

  /** NAT_DETECTION_SOURCE_IP (our endpoint) and _DESTINATION_IP (the peer's). */
  natNotifies(): Ikev2Payload[] {
    const ike = this.sa.end.ike;
    const source = ikev2NatDetectionHash(this.spiI, this.spiR, ike.localAddress, IKE_PORT);
    const destination = ikev2NatDetectionHash(this.spiI, this.spiR, ike.remoteAddress, IKE_PORT);
    const notify = (notifyType: number, data: Buffer | undefined): Ikev2Payload[] => (data === undefined ? [] : [{ kind: 'notify', protocolId: 0, notifyType, spi: Buffer.alloc(0), data }]);
    return [...notify(Ikev2NotifyType.natDetectionSourceIp, source), ...notify(Ikev2NotifyType.natDetectionDestinationIp, destination)];
  }

  /** The hashes in a message are computed with the SPIs that message carried (the request's SPIr is zero). */
  checkNat(payloads: V2Payloads, spiR: Buffer): void {
    const source = notifyOf(payloads, Ikev2NotifyType.natDetectionSourceIp);
    const destination = notifyOf(payloads, Ikev2NotifyType.natDetectionDestinationIp);
    if (source === undefined || destination === undefined) return;
    const ike = this.sa.end.ike;
    this.nat = {
      remoteBehindNat: !natHashMatches(source.data, [ikev2NatDetectionHash(this.spiI, spiR, ike.remoteAddress, IKE_PORT)]),
      localBehindNat: !natHashMatches(destination.data, [ikev2NatDetectionHash(this.spiI, spiR, ike.localAddress, IKE_PORT)]),
    };
  }

  identity(kind: 'idInitiator' | 'idResponder'): Ikev2Payload {
    const address = this.sa.end.ike.localIdentity ?? this.sa.end.ike.localAddress;
    const id = ikev2IdFromAddress(address) ?? { idType: 1, data: Buffer.alloc(4) };
    return { kind, ...id };
  }

  /** AUTH for shared keys: the signer's IKE_SA_INIT message, the other side's nonce, prf(SK_p, ID body). */
  auth(signer: 'initiator' | 'responder', id: Ikev2Payload): Buffer {
    const keys = this.keys!;
    return ikev2PskAuth({
      prf: this.prf, preSharedKey: this.sa.end.ike.preSharedKey(), firstMessage: signer === 'initiator' ? this.initRequest : this.initResponse,
      peerNonce: signer === 'initiator' ? this.nonceR : this.nonceI, skP: signer === 'initiator' ? keys.skPi : keys.skPr, idBody: ikev2PayloadBody(id),
    });
  }

  authPayload(id: Ikev2Payload): Ikev2Payload {
    return { kind: 'authentication', authMethod: AuthMethod.sharedKeyMic, data: this.auth(this.isInitiator ? 'initiator' : 'responder', id) };
  }

  message(exchangeType: number, messageId: number, response: boolean, payloads: V2Payloads): Ikev2Message {
    const flags = (this.isInitiator ? Ikev2Flag.initiator : 0) | (response ? Ikev2Flag.response : 0);
    return { initiatorSpi: this.spiI, responderSpi: this.spiR, exchangeType, flags, messageId, payloads };
  }

  private entry(payloads: V2Payloads, exchange: string, messageId: number, response: boolean, encrypted: boolean) {
    return {
      ikeVersion: 2 as const, exchange, messageNumber: messageId, direction: response ? 'response' as const : 'request' as const,
      payloads: payloads.map((p) => p.kind), summary: payloads.map(summarizeIkev2Payload), encrypted,
    };
  }

  sendPlain(exchangeType: number, exchange: string, messageId: number, response: boolean, payloads: V2Payloads): Buffer {
    const bytes = encodeIkev2Message(this.message(exchangeType, messageId, response, payloads));
    this.sa.send(bytes, this.entry(payloads, exchange, messageId, response, false), !response);
    return bytes;
  }

  sendEncrypted(exchangeType: number, exchange: string, messageId: number, response: boolean, payloads: V2Payloads): void {
    const keys = skKeysForSender(this.keys!, this.isInitiator ? 'initiator' : 'responder', this.cipher, this.integrity);
    const sealed = encryptIkev2Message(this.message(exchangeType, messageId, response, payloads), keys, this.sa.random.bytes(this.cipher.ivLength));
    if (!sealed.ok) { this.sa.event(`could not encrypt ${exchange}: ${sealed.problem.message}`); return; }
    this.sa.send(sealed.value, this.entry(payloads, exchange, messageId, response, true), !response);
  }

  /** Opens the SK payload of a message from the peer. */
  open(received: ReceivedIkev2Message): V2Payloads | string {
    if (this.keys === undefined) return 'no IKE SA keys yet';
    const keys = skKeysForSender(this.keys, this.isInitiator ? 'responder' : 'initiator', this.cipher, this.integrity);
    const opened = decryptIkev2Message(received, keys);
    return opened.ok ? opened.value.payloads : opened.problem.message;
  }

  matured(): void {
    const ike = this.sa.end.ike;
    this.sa.keying = ikev2Keying(this);
    this.sa.ikeEstablished({
      version: 2, exchangeType: 'IKEv2', initiatorCookie: this.spiI.toString('hex'), responderCookie: this.spiR.toString('hex'),
      localAddress: ike.localAddress, remoteAddress: ike.remoteAddress, role: this.sa.role, lifetimeSeconds: this.algorithms!.lifetimeSeconds,
      algorithms: this.algorithms!, nat: this.nat, state: 'Matured',
    });
  }
}

export function decodeIkev2(bytes: Buffer): ReceivedIkev2Message | string {
  const decoded = decodeIkev2Message(bytes);
  return decoded.ok ? decoded.value : decoded.problem.message;
}

export function v2RuleProblem(rule: MessageRule, payloads: V2Payloads): string | undefined {
  const problems = checkMessageRule(rule, payloads.map((p) => p.kind));
  return problems.length === 0 ? undefined : problems.map((p) => p.message).join('; ');
}
