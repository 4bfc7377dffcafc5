/**
 * wire/ikev1/constants.ts: the IKEv1 numeric registries as named tables (RFC 2407, 2408, 2409, 3706, 3947,
 * 3526, 5903, 5114, 4106, 4868 and the IANA "Internet Key Exchange (IKE) Attributes" / "Internet
 * Security Association and Key Management Protocol (ISAKMP) Identifiers" registries).
 * Owns: payload types, exchange types, header flags, DOI and situation, protocol and transform IDs,
 *   phase-1 and IPsec DOI attribute types and values, ID types, notify message types, well-known vendor IDs.
 * Must not know: encodings.
 * Invariants: values are the IANA numbers; names follow the RFC spelling in camelCase.
 * Tests: used by test/src/engine/ike-codecs.test.ts and tshark dissection in pcap.test.ts.
 */

export const IKEV1_VERSION = 0x10;

export const Ikev1PayloadType = {
  none: 0, sa: 1, proposal: 2, transform: 3, keyExchange: 4, identification: 5, certificate: 6,
  certificateRequest: 7, hash: 8, signature: 9, nonce: 10, notification: 11, delete: 12, vendorId: 13,
  natDiscovery: 20, natOriginalAddress: 21,
} as const;

export const Ikev1ExchangeType = {
  base: 1, identityProtection: 2, authenticationOnly: 3, aggressive: 4, informational: 5, quickMode: 32,
} as const;

/** Header flags (RFC 2408 3.1). */
export const Ikev1Flag = { encryption: 0x01, commit: 0x02, authenticationOnly: 0x04 } as const;

export const IPSEC_DOI = 1;
export const SIT_IDENTITY_ONLY = 1;

export const Ikev1ProtocolId = { isakmp: 1, ah: 2, esp: 3, ipcomp: 4 } as const;

/** ISAKMP transform ID for phase 1. */
export const KEY_IKE = 1;

/** Phase-1 attribute classes (RFC 2409 appendix A). */
export const Ikev1Attribute = {
  encryptionAlgorithm: 1, hashAlgorithm: 2, authenticationMethod: 3, groupDescription: 4, groupType: 5,
  lifeType: 11, lifeDuration: 12, prf: 13, keyLength: 14, fieldSize: 15, groupOrder: 16,
} as const;

export const Ikev1EncryptionAlgorithm = { desCbc: 1, ideaCbc: 2, blowfishCbc: 3, rc5: 4, tripleDesCbc: 5, castCbc: 6, aesCbc: 7 } as const;
export const Ikev1HashAlgorithm = { md5: 1, sha1: 2, tiger: 3, sha2_256: 4, sha2_384: 5, sha2_512: 6 } as const;
export const Ikev1AuthenticationMethod = { preSharedKey: 1, dssSignatures: 2, rsaSignatures: 3, rsaEncryption: 4, revisedRsaEncryption: 5 } as const;
export const Ikev1LifeType = { seconds: 1, kilobytes: 2 } as const;

/** IPsec DOI SA attributes for phase 2 (RFC 2407 4.5, RFC 3947 for UDP encapsulation). */
export const IpsecAttribute = {
  saLifeType: 1, saLifeDuration: 2, groupDescription: 3, encapsulationMode: 4, authenticationAlgorithm: 5,
  keyLength: 6, keyRounds: 7, compressDictionarySize: 8, compressPrivateAlgorithm: 9, ecnTunnel: 10,
} as const;

export const EncapsulationMode = { tunnel: 1, transport: 2, udpEncapsulatedTunnel: 3, udpEncapsulatedTransport: 4 } as const;

export const IpsecAuthenticationAlgorithm = { hmacMd5: 1, hmacSha1: 2, desMac: 3, kpdk: 4, hmacSha2_256: 5, hmacSha2_384: 6, hmacSha2_512: 7 } as const;

/** IPsec DOI ESP transform IDs (RFC 2407 4.4.4, RFC 3602, RFC 4106). */
export const EspTransformId = { des: 2, tripleDes: 3, null: 11, aes: 12, aesGcm8: 18, aesGcm12: 19, aesGcm16: 20 } as const;
/** IPsec DOI AH transform IDs. */
export const AhTransformId = { md5: 2, sha: 3, des: 4, sha2_256: 5, sha2_384: 6, sha2_512: 7 } as const;

/** IPsec DOI identification types (RFC 2407 4.6.2.1). */
export const Ikev1IdType = {
  ipv4Address: 1, fqdn: 2, userFqdn: 3, ipv4AddressSubnet: 4, ipv6Address: 5, ipv6AddressSubnet: 6,
  ipv4AddressRange: 7, ipv6AddressRange: 8, derAsn1Dn: 9, derAsn1Gn: 10, keyId: 11,
} as const;

/** Notify message types (RFC 2408 3.14.1, RFC 2407 4.6.3, RFC 3706). */
export const Ikev1NotifyType = {
  invalidPayloadType: 1, doiNotSupported: 2, situationNotSupported: 3, invalidCookie: 4, invalidMajorVersion: 5,
  invalidMinorVersion: 6, invalidExchangeType: 7, invalidFlags: 8, invalidMessageId: 9, invalidProtocolId: 10,
  invalidSpi: 11, invalidTransformId: 12, attributesNotSupported: 13, noProposalChosen: 14, badProposalSyntax: 15,
  payloadMalformed: 16, invalidKeyInformation: 17, invalidIdInformation: 18, invalidCertEncoding: 19,
  invalidCertificate: 20, certTypeUnsupported: 21, invalidCertAuthority: 22, invalidHashInformation: 23,
  authenticationFailed: 24, invalidSignature: 25, addressNotification: 26, notifySaLifetime: 27,
  certificateUnavailable: 28, unsupportedExchangeType: 29, unequalPayloadLengths: 30,
  responderLifetime: 24576, replayStatus: 24577, initialContact: 24578,
  rUThere: 36136, rUThereAck: 36137,
} as const;

/** Vendor IDs the engine sends or recognises (hex). */
export const VendorIdHex = {
  /** RFC 3947 NAT-T. */
  natTraversalRfc3947: '4a131c81070358455c5728f20e95452f',
  /** RFC 3706 dead peer detection. */
  deadPeerDetection: 'afcad71368a1f1c96b8696fc77570100',
} as const;
