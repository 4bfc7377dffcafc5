/**
 * sa/ipsec-sas.ts: the pair of IPsec SAs (inbound, outbound) one side installs after Quick Mode or the
 *   first CHILD_SA, from negotiated algorithms, SPIs and keying material.
 * Owns: algorithm names -> cipher / integrity specs, keying material -> EspSa (wire/esp.ts), the soft
 *   lifetime rule (our documented choice, from the seed's outputs where the soft lifetime runs 90 to 135 s
 *   ahead of the hard one: soft = hard - 90 s - a random 0..45 s, drawn once per side and tunnel), the
 *   anti-replay window.
 * Must not know: IKE versions or exchanges.
 * Invariants: inbound SPI = the SPI this side chose; keys are only in the non-enumerable `esp` field.
 * Tests: test/src/engine/sa-esp.test.ts
 */
import { cipherSpec, type CipherSpec } from '../crypto/ciphers';
import { integritySpec, type IntegritySpec } from '../crypto/integrity';
import type { RandomSource } from '../crypto/random';
import { encryptionAlgorithm, ipsecAuthenticationAlgorithm } from '../wire/algorithms';
import { espKeymatLength, espSaFromKeymat } from '../wire/esp';
import { ipsecSaRecord, type IpsecAlgorithms, type IpsecSaRecord } from './result';

export interface EspSpecs {
  readonly cipher: CipherSpec;
  readonly integrity?: IntegritySpec;
  /** Bytes of keying material per direction. */
  readonly keymatLength: number;
}

export function espSpecs(algorithms: IpsecAlgorithms): EspSpecs | undefined {
  const encryption = encryptionAlgorithm(algorithms.encryption);
  if (encryption === undefined) return undefined;
  const cipher = cipherSpec(encryption.cipher);
  const authentication = algorithms.authentication === undefined ? undefined : ipsecAuthenticationAlgorithm(algorithms.authentication);
  const integrity = authentication === undefined || cipher.mode === 'gcm' ? undefined : integritySpec(authentication.integrity);
  return integrity === undefined ? { cipher, keymatLength: espKeymatLength(cipher) } : { cipher, integrity, keymatLength: espKeymatLength(cipher, integrity) };
}

export interface IpsecSaPairInput {
  readonly algorithms: IpsecAlgorithms;
  readonly specs: EspSpecs;
  readonly inboundSpi: number;
  readonly outboundSpi: number;
  readonly inboundKeymat: Buffer;
  readonly outboundKeymat: Buffer;
  readonly antiReplayWindow: number;
  readonly localIdentity: string;
  readonly remoteIdentity: string;
  readonly random: RandomSource;
}

export function ipsecSaPair(input: IpsecSaPairInput): IpsecSaRecord[] | undefined {
  const inbound = espSaFromKeymat(input.inboundSpi, input.specs.cipher, input.specs.integrity, input.inboundKeymat);
  const outbound = espSaFromKeymat(input.outboundSpi, input.specs.cipher, input.specs.integrity, input.outboundKeymat);
  if (inbound === undefined || outbound === undefined) return undefined;
  const hard = input.algorithms.lifetimeSeconds;
  const soft = Math.max(1, hard - 90 - (input.random.bytes(1)[0]! % 46));
  const common = {
    protocol: 'ESP' as const, encryption: input.algorithms.encryption,
    ...(input.algorithms.authentication === undefined ? {} : { authentication: input.algorithms.authentication }),
    softLifetimeSeconds: soft, hardLifetimeSeconds: hard, antiReplayWindow: input.antiReplayWindow,
    localIdentity: input.localIdentity, remoteIdentity: input.remoteIdentity,
  };
  return [
    ipsecSaRecord({ direction: 'inbound', spi: input.inboundSpi, ...common }, inbound),
    ipsecSaRecord({ direction: 'outbound', spi: input.outboundSpi, ...common }, outbound),
  ];
}

/** A fresh SPI: 4 random bytes, redrawn while below 256 (reserved, RFC 4303 2.1). */
export function drawSpi(random: RandomSource): Buffer {
  for (;;) {
    const spi = random.bytes(4);
    if (spi.readUInt32BE(0) >= 256) return spi;
  }
}
