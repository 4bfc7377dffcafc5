// Shared fixtures for the engine tests (not a test file): realistic IKE messages and ESP SAs built
// around the seed's addresses (R2 10.1.15.1 <-> R3 10.1.15.2, R1 10.1.12.2 pinging R4 10.1.56.2).
import { cipherSpec, type CipherName } from '../../../engine/src/crypto/ciphers';
import { integritySpec, type IntegrityName } from '../../../engine/src/crypto/integrity';
import type { EspSa } from '../../../engine/src/wire/esp';
import { encodeIcmp, IcmpType } from '../../../engine/src/wire/icmp';
import { encodeIpv4, IpProtocol } from '../../../engine/src/wire/ipv4';
import {
  Ikev1Attribute, Ikev1AuthenticationMethod, Ikev1EncryptionAlgorithm, Ikev1ExchangeType, Ikev1HashAlgorithm,
  Ikev1LifeType, Ikev1ProtocolId, IPSEC_DOI, KEY_IKE, SIT_IDENTITY_ONLY, VendorIdHex,
} from '../../../engine/src/wire/ikev1/constants';
import type { Ikev1Message } from '../../../engine/src/wire/ikev1/message';
import { EncryptionTransformId, Ikev2ExchangeType, Ikev2Flag, Ikev2NotifyType, IntegrityTransformId, PrfTransformId, TransformType } from '../../../engine/src/wire/ikev2/constants';
import type { Ikev2Message } from '../../../engine/src/wire/ikev2/message';

const hex = (s: string) => Buffer.from(s, 'hex');

/** A Junos-like Main Mode message 1: 3DES / SHA1 / PSK / group 2 / 3600 s, NAT-T and DPD vendor IDs. */
export function mainModeMessage1(): Ikev1Message {
  return {
    initiatorCookie: hex('6d2a3b4c5d6e7f80'), responderCookie: Buffer.alloc(8), exchangeType: Ikev1ExchangeType.identityProtection, flags: 0, messageId: 0,
    payloads: [
      { kind: 'sa', doi: IPSEC_DOI, situation: SIT_IDENTITY_ONLY, proposals: [{
        proposalNumber: 1, protocolId: Ikev1ProtocolId.isakmp, spi: Buffer.alloc(0), transforms: [{
          transformNumber: 1, transformId: KEY_IKE, attributes: [
            { type: Ikev1Attribute.encryptionAlgorithm, value: Ikev1EncryptionAlgorithm.tripleDesCbc },
            { type: Ikev1Attribute.hashAlgorithm, value: Ikev1HashAlgorithm.sha1 },
            { type: Ikev1Attribute.authenticationMethod, value: Ikev1AuthenticationMethod.preSharedKey },
            { type: Ikev1Attribute.groupDescription, value: 2 },
            { type: Ikev1Attribute.lifeType, value: Ikev1LifeType.seconds },
            { type: Ikev1Attribute.lifeDuration, value: 3600 },
          ],
        }],
      }] },
      { kind: 'vendorId', data: hex(VendorIdHex.natTraversalRfc3947) },
      { kind: 'vendorId', data: hex(VendorIdHex.deadPeerDetection) },
    ],
  };
}

/** An IKE_SA_INIT request: AES-256-CBC / SHA-256 / group 14 like the interop config, KE, Ni, NAT-D. */
export function ikeSaInitRequest(): Ikev2Message {
  return {
    initiatorSpi: hex('1122334455667788'), responderSpi: Buffer.alloc(8), exchangeType: Ikev2ExchangeType.ikeSaInit, flags: Ikev2Flag.initiator, messageId: 0,
    payloads: [
      { kind: 'sa', proposals: [{ proposalNumber: 1, protocolId: 1, spi: Buffer.alloc(0), transforms: [
        { transformType: TransformType.encryption, transformId: EncryptionTransformId.aesCbc, attributes: [{ type: 14, value: 256 }] },
        { transformType: TransformType.prf, transformId: PrfTransformId.hmacSha2_256, attributes: [] },
        { transformType: TransformType.integrity, transformId: IntegrityTransformId.hmacSha2_256_128, attributes: [] },
        { transformType: TransformType.dhGroup, transformId: 14, attributes: [] },
      ] }] },
      { kind: 'keyExchange', dhGroup: 14, data: Buffer.alloc(256, 0xab) },
      { kind: 'nonce', data: Buffer.alloc(32, 0xcd) },
      { kind: 'notify', protocolId: 0, notifyType: Ikev2NotifyType.natDetectionSourceIp, spi: Buffer.alloc(0), data: Buffer.alloc(20, 1) },
      { kind: 'notify', protocolId: 0, notifyType: Ikev2NotifyType.natDetectionDestinationIp, spi: Buffer.alloc(0), data: Buffer.alloc(20, 2) },
    ],
  };
}

/** R1 pinging R4 through the seed's tunnel: 10.1.12.2 -> 10.1.56.2, ICMP echo with 56 data bytes. */
export function innerPing(sequence = 1): Buffer {
  const icmp = encodeIcmp({ type: IcmpType.echoRequest, code: 0, identifier: 0x1234, sequence, data: Buffer.alloc(56, 0x61) });
  return encodeIpv4({ tos: 0, identification: 100 + sequence, dontFragment: false, moreFragments: false, fragmentOffset: 0, ttl: 63, protocol: IpProtocol.icmp, source: '10.1.12.2', destination: '10.1.56.2', options: Buffer.alloc(0), payload: icmp });
}

export function espSa(cipher: CipherName, integrity: IntegrityName | undefined, spi = 0x8606894f): EspSa {
  const spec = cipherSpec(cipher);
  const key = Buffer.alloc(spec.keyLength + spec.saltLength);
  for (let i = 0; i < key.length; i++) key[i] = (i * 7 + 3) & 0xff;
  if (integrity === undefined) return { spi, cipher: spec, encryptionKey: key };
  const ispec = integritySpec(integrity);
  const ikey = Buffer.alloc(ispec.keyLength);
  for (let i = 0; i < ikey.length; i++) ikey[i] = (i * 13 + 5) & 0xff;
  return { spi, cipher: spec, encryptionKey: key, integrity: ispec, integrityKey: ikey };
}

