/**
 * wire/algorithms.ts: one table per algorithm family joining the Junos name (`aes-128-cbc`,
 * `sha-256`, `hmac-sha1-96`, `group14`), the crypto implementation and every wire number that names it
 * (IKEv1 phase-1 attribute, IPsec DOI ESP transform ID / authentication attribute, IKEv2 transform ID,
 * key length attribute).
 * Owns: these correspondences and lookups in both directions (config -> wire for proposals,
 *   wire -> algorithm for the responder's selection and for reports).
 * Must not know: proposals, policies, which side chooses.
 * Invariants: key lengths agree with crypto/ciphers.ts; every entry's crypto names exist (tests check).
 *   Junos `hmac-sha-256-96` has no number of its own: it is sent as HMAC-SHA2-256 and keys/ICVs use the
 *   96-bit truncation, so it only interoperates with a peer configured the same way.
 * Tests: test/src/engine/algorithms.test.ts
 */
import type { CipherName } from '../crypto/ciphers';
import type { IntegrityName } from '../crypto/integrity';
import type { HashAlgorithm } from '../crypto/prf';
import { EspTransformId, IpsecAuthenticationAlgorithm, Ikev1EncryptionAlgorithm, Ikev1HashAlgorithm, AhTransformId } from './ikev1/constants';
import { EncryptionTransformId, IntegrityTransformId, PrfTransformId } from './ikev2/constants';

/** A wire algorithm number with the key length attribute (bits) it needs, if any. */
export interface WireAlgorithm {
  readonly id: number;
  readonly keyLengthBits?: number;
}

export interface EncryptionAlgorithm {
  readonly junosName: string;
  readonly cipher: CipherName;
  /** IKEv1 phase-1 Encryption Algorithm attribute; absent for ciphers IKE (phase 1) cannot use. */
  readonly ikev1Phase1?: WireAlgorithm;
  /** IPsec DOI ESP transform ID. */
  readonly ikev1Esp: WireAlgorithm;
  /** IKEv2 transform type 1 ID (for both the IKE SA, when allowed there, and ESP). */
  readonly ikev2: WireAlgorithm;
  /** Whether Junos allows it as an IKE proposal's encryption-algorithm. */
  readonly allowedForIke: boolean;
}

const cbc = (junosName: string, cipher: CipherName, v1: number, esp: number, v2: number, bits?: number): EncryptionAlgorithm => {
  const key = bits === undefined ? {} : { keyLengthBits: bits };
  return { junosName, cipher, ikev1Phase1: { id: v1, ...key }, ikev1Esp: { id: esp, ...key }, ikev2: { id: v2, ...key }, allowedForIke: true };
};
const gcm = (bits: number): EncryptionAlgorithm => ({
  junosName: `aes-${bits}-gcm`, cipher: `aes-${bits}-gcm` as CipherName, ikev1Esp: { id: EspTransformId.aesGcm16, keyLengthBits: bits },
  ikev2: { id: EncryptionTransformId.aesGcm16, keyLengthBits: bits }, allowedForIke: false,
});

export const ENCRYPTION_ALGORITHMS: readonly EncryptionAlgorithm[] = [
  cbc('des-cbc', 'des-cbc', Ikev1EncryptionAlgorithm.desCbc, EspTransformId.des, EncryptionTransformId.des),
  cbc('3des-cbc', '3des-cbc', Ikev1EncryptionAlgorithm.tripleDesCbc, EspTransformId.tripleDes, EncryptionTransformId.tripleDes),
  cbc('aes-128-cbc', 'aes-128-cbc', Ikev1EncryptionAlgorithm.aesCbc, EspTransformId.aes, EncryptionTransformId.aesCbc, 128),
  cbc('aes-192-cbc', 'aes-192-cbc', Ikev1EncryptionAlgorithm.aesCbc, EspTransformId.aes, EncryptionTransformId.aesCbc, 192),
  cbc('aes-256-cbc', 'aes-256-cbc', Ikev1EncryptionAlgorithm.aesCbc, EspTransformId.aes, EncryptionTransformId.aesCbc, 256),
  gcm(128), gcm(192), gcm(256),
];

/** IKE `authentication-algorithm`: the phase-1 hash / IKEv2 PRF and IKE SA integrity. */
export interface IkeAuthenticationAlgorithm {
  readonly junosName: string;
  readonly hash: HashAlgorithm;
  readonly ikev1HashId: number;
  readonly ikev2PrfId: number;
  readonly ikev2Integrity: IntegrityName;
  readonly ikev2IntegrityId: number;
}

export const IKE_AUTHENTICATION_ALGORITHMS: readonly IkeAuthenticationAlgorithm[] = [
  { junosName: 'md5', hash: 'md5', ikev1HashId: Ikev1HashAlgorithm.md5, ikev2PrfId: PrfTransformId.hmacMd5, ikev2Integrity: 'hmac-md5-96', ikev2IntegrityId: IntegrityTransformId.hmacMd5_96 },
  { junosName: 'sha1', hash: 'sha1', ikev1HashId: Ikev1HashAlgorithm.sha1, ikev2PrfId: PrfTransformId.hmacSha1, ikev2Integrity: 'hmac-sha1-96', ikev2IntegrityId: IntegrityTransformId.hmacSha1_96 },
  { junosName: 'sha-256', hash: 'sha256', ikev1HashId: Ikev1HashAlgorithm.sha2_256, ikev2PrfId: PrfTransformId.hmacSha2_256, ikev2Integrity: 'hmac-sha-256-128', ikev2IntegrityId: IntegrityTransformId.hmacSha2_256_128 },
  { junosName: 'sha-384', hash: 'sha384', ikev1HashId: Ikev1HashAlgorithm.sha2_384, ikev2PrfId: PrfTransformId.hmacSha2_384, ikev2Integrity: 'hmac-sha-384-192', ikev2IntegrityId: IntegrityTransformId.hmacSha2_384_192 },
];

/** IPsec `authentication-algorithm` for ESP (and AH). */
export interface IpsecAuthenticationAlgorithmEntry {
  readonly junosName: string;
  readonly integrity: IntegrityName;
  /** IPsec DOI SA attribute "Authentication Algorithm". */
  readonly ikev1AuthenticationId: number;
  readonly ikev1AhTransformId: number;
  readonly ikev2IntegrityId: number;
}

export const IPSEC_AUTHENTICATION_ALGORITHMS: readonly IpsecAuthenticationAlgorithmEntry[] = [
  { junosName: 'hmac-md5-96', integrity: 'hmac-md5-96', ikev1AuthenticationId: IpsecAuthenticationAlgorithm.hmacMd5, ikev1AhTransformId: AhTransformId.md5, ikev2IntegrityId: IntegrityTransformId.hmacMd5_96 },
  { junosName: 'hmac-sha1-96', integrity: 'hmac-sha1-96', ikev1AuthenticationId: IpsecAuthenticationAlgorithm.hmacSha1, ikev1AhTransformId: AhTransformId.sha, ikev2IntegrityId: IntegrityTransformId.hmacSha1_96 },
  { junosName: 'hmac-sha-256-128', integrity: 'hmac-sha-256-128', ikev1AuthenticationId: IpsecAuthenticationAlgorithm.hmacSha2_256, ikev1AhTransformId: AhTransformId.sha2_256, ikev2IntegrityId: IntegrityTransformId.hmacSha2_256_128 },
  { junosName: 'hmac-sha-256-96', integrity: 'hmac-sha-256-96', ikev1AuthenticationId: IpsecAuthenticationAlgorithm.hmacSha2_256, ikev1AhTransformId: AhTransformId.sha2_256, ikev2IntegrityId: IntegrityTransformId.hmacSha2_256_128 },
];

export function encryptionAlgorithm(junosName: string): EncryptionAlgorithm | undefined {
  return ENCRYPTION_ALGORITHMS.find((a) => a.junosName === junosName);
}

export function ikeAuthenticationAlgorithm(junosName: string): IkeAuthenticationAlgorithm | undefined {
  return IKE_AUTHENTICATION_ALGORITHMS.find((a) => a.junosName === junosName);
}

export function ipsecAuthenticationAlgorithm(junosName: string): IpsecAuthenticationAlgorithmEntry | undefined {
  return IPSEC_AUTHENTICATION_ALGORITHMS.find((a) => a.junosName === junosName);
}

const sameWire = (wire: WireAlgorithm | undefined, id: number, keyLengthBits: number | undefined) =>
  wire !== undefined && wire.id === id && wire.keyLengthBits === keyLengthBits;

/** The encryption algorithm an IKEv1 phase-1 transform names (attribute 1 + key length attribute 14). */
export function encryptionFromIkev1Phase1(id: number, keyLengthBits?: number): EncryptionAlgorithm | undefined {
  return ENCRYPTION_ALGORITHMS.find((a) => sameWire(a.ikev1Phase1, id, keyLengthBits));
}

/** The encryption algorithm an IPsec DOI ESP transform names (transform ID + key length attribute 6). */
export function encryptionFromIkev1Esp(transformId: number, keyLengthBits?: number): EncryptionAlgorithm | undefined {
  return ENCRYPTION_ALGORITHMS.find((a) => sameWire(a.ikev1Esp, transformId, keyLengthBits));
}

/** The encryption algorithm an IKEv2 ENCR transform names (ID + key length attribute 14). */
export function encryptionFromIkev2(transformId: number, keyLengthBits?: number): EncryptionAlgorithm | undefined {
  return ENCRYPTION_ALGORITHMS.find((a) => sameWire(a.ikev2, transformId, keyLengthBits));
}
