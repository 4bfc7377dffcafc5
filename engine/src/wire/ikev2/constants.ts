/**
 * wire/ikev2/constants.ts: the IKEv2 numeric registries as named tables (RFC 7296 section 3 and the
 * IANA "Internet Key Exchange Version 2 (IKEv2) Parameters" registry; RFC 4106/5282 GCM, RFC 4868 SHA-2).
 * Owns: payload, exchange, flag, protocol, transform type and ID, attribute, ID, auth method, notify and
 *   traffic selector type numbers.
 * Must not know: encodings.
 * Invariants: values are the IANA numbers.
 * Tests: used by test/src/engine/ike-codecs.test.ts and pcap.test.ts (tshark names what we send).
 */

export const IKEV2_VERSION = 0x20;

export const Ikev2PayloadType = {
  none: 0, sa: 33, keyExchange: 34, idInitiator: 35, idResponder: 36, certificate: 37, certificateRequest: 38,
  authentication: 39, nonce: 40, notify: 41, delete: 42, vendorId: 43, tsInitiator: 44, tsResponder: 45,
  encrypted: 46, configuration: 47, eap: 48,
} as const;

export const Ikev2ExchangeType = { ikeSaInit: 34, ikeAuth: 35, createChildSa: 36, informational: 37 } as const;

/** Header flags (RFC 7296 3.1). */
export const Ikev2Flag = { initiator: 0x08, version: 0x10, response: 0x20 } as const;

/** Generic payload header flag. */
export const CRITICAL_FLAG = 0x80;

export const Ikev2ProtocolId = { ike: 1, ah: 2, esp: 3 } as const;

export const TransformType = { encryption: 1, prf: 2, integrity: 3, dhGroup: 4, extendedSequenceNumbers: 5 } as const;

export const EncryptionTransformId = { des: 2, tripleDes: 3, null: 11, aesCbc: 12, aesCtr: 13, aesGcm8: 18, aesGcm12: 19, aesGcm16: 20 } as const;
export const PrfTransformId = { hmacMd5: 1, hmacSha1: 2, aes128Xcbc: 4, hmacSha2_256: 5, hmacSha2_384: 6, hmacSha2_512: 7 } as const;
export const IntegrityTransformId = {
  none: 0, hmacMd5_96: 1, hmacSha1_96: 2, aesXcbc96: 5, hmacSha2_256_128: 12, hmacSha2_384_192: 13, hmacSha2_512_256: 14,
} as const;
export const EsnTransformId = { none: 0, extended: 1 } as const;

/** Transform attribute types (RFC 7296 3.3.5). */
export const TransformAttribute = { keyLength: 14 } as const;

export const Ikev2IdType = { ipv4Address: 1, fqdn: 2, rfc822Address: 3, ipv6Address: 5, derAsn1Dn: 9, derAsn1Gn: 10, keyId: 11 } as const;

export const AuthMethod = { rsaSignature: 1, sharedKeyMic: 2, dssSignature: 3 } as const;

export const TrafficSelectorType = { ipv4AddressRange: 7, ipv6AddressRange: 8 } as const;

/** Notify message types: errors below 16384, status types from 16384 (RFC 7296 3.10.1). */
export const Ikev2NotifyType = {
  unsupportedCriticalPayload: 1, invalidIkeSpi: 4, invalidMajorVersion: 5, invalidSyntax: 7, invalidMessageId: 9,
  invalidSpi: 11, noProposalChosen: 14, invalidKePayload: 17, authenticationFailed: 24, singlePairRequired: 34,
  noAdditionalSas: 35, internalAddressFailure: 36, failedCpRequired: 37, tsUnacceptable: 38, invalidSelectors: 39,
  temporaryFailure: 43, childSaNotFound: 44,
  initialContact: 16384, setWindowSize: 16385, additionalTsPossible: 16386, ipcompSupported: 16387,
  natDetectionSourceIp: 16388, natDetectionDestinationIp: 16389, cookie: 16390, useTransportMode: 16391,
  httpCertLookupSupported: 16392, rekeySa: 16393, espTfcPaddingNotSupported: 16394, nonFirstFragmentsAlso: 16395,
} as const;
