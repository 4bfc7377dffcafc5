/**
 * wire/esp.ts: ESP (RFC 4303) in tunnel mode: encapsulation of a whole inner IP packet and
 * decapsulation with distinct failure results, for CBC ciphers with truncated-HMAC integrity and for
 * AES-GCM-16 (RFC 4106: 8-byte explicit IV, nonce = salt || IV, AAD = SPI || sequence number).
 * Owns: the ESP header, IV, padding (1, 2, 3, ... as RFC 4303 2.4 specifies), pad length, next header,
 *   ICV; the order of checks on receipt (header, replay, ICV, decryption, trailer, then window update).
 * Must not know: SA negotiation, routing, counters (the caller counts failures by their `failure` code).
 * Invariants: never throws on received bytes; a flipped bit anywhere in SPI..ICV gives 'auth-failure'
 *   (or 'replay' when it lands in the sequence number of an already-seen packet); IVs come from the
 *   RandomSource so seeded runs are reproducible.
 * Tests: test/src/engine/esp.test.ts
 */
import { cbcDecrypt, cbcEncrypt, gcmOpen, gcmSeal, type CipherSpec } from '../crypto/ciphers';
import { computeIcv, verifyIcv, type IntegritySpec } from '../crypto/integrity';
import type { RandomSource } from '../crypto/random';
import { IpProtocol } from './ipv4';
import type { ReplayWindow } from './replay-window';

export interface EspSa {
  readonly spi: number;
  readonly cipher: CipherSpec;
  /** Cipher key; for AES-GCM the key followed by the 4-byte salt. */
  readonly encryptionKey: Buffer;
  /** Absent for AES-GCM (its ICV is the GCM tag). */
  readonly integrity?: IntegritySpec;
  readonly integrityKey?: Buffer;
}

/** Bytes of keying material one ESP SA needs: cipher key (+ GCM salt), then integrity key. */
export function espKeymatLength(cipher: CipherSpec, integrity?: IntegritySpec): number {
  return cipher.keyLength + cipher.saltLength + (integrity?.keyLength ?? 0);
}

/**
 * An SA from keying material taken in the usual order: the cipher key (with the salt for AES-GCM)
 * first, then the integrity key (IKEv1 KEYMAT per SPI; one direction's slice of IKEv2 child KEYMAT).
 * Undefined when `keymat` is too short.
 */
export function espSaFromKeymat(spi: number, cipher: CipherSpec, integrity: IntegritySpec | undefined, keymat: Buffer): EspSa | undefined {
  const encryptionLength = cipher.keyLength + cipher.saltLength;
  if (keymat.length < espKeymatLength(cipher, integrity)) return undefined;
  const encryptionKey = Buffer.from(keymat.subarray(0, encryptionLength));
  if (integrity === undefined || cipher.mode === 'gcm') return { spi, cipher, encryptionKey };
  return { spi, cipher, encryptionKey, integrity, integrityKey: Buffer.from(keymat.subarray(encryptionLength, encryptionLength + integrity.keyLength)) };
}

export type EspFailure = 'bad-header' | 'spi-mismatch' | 'replay' | 'auth-failure' | 'decryption-failure' | 'bad-trailer';

export type EspDecapsulation =
  | { readonly ok: true; readonly spi: number; readonly sequenceNumber: number; readonly nextHeader: number; readonly payload: Buffer; readonly padLength: number }
  | { readonly ok: false; readonly failure: EspFailure; readonly detail: string; readonly spi?: number; readonly sequenceNumber?: number };

function icvLength(sa: EspSa): number {
  return sa.cipher.mode === 'gcm' ? sa.cipher.icvLength : sa.integrity?.icvLength ?? 0;
}

/** Bytes of overhead ESP adds to a payload of `length` bytes (header, IV, padding, trailer, ICV). */
export function espOverhead(sa: EspSa, length: number): number {
  const align = sa.cipher.mode === 'cbc' ? Math.max(4, sa.cipher.blockSize) : 4;
  const padded = Math.ceil((length + 2) / align) * align;
  return 8 + sa.cipher.ivLength + (padded - length) + icvLength(sa);
}

/**
 * The ESP packet (what follows the outer IP header, protocol 50) carrying `payload` with `nextHeader`
 * (4 = IPv4 in tunnel mode). Throws only on a programming error (keys of the wrong size).
 */
export function espEncapsulate(sa: EspSa, sequenceNumber: number, payload: Buffer, random: RandomSource, nextHeader: number = IpProtocol.ipInIp): Buffer {
  const align = sa.cipher.mode === 'cbc' ? Math.max(4, sa.cipher.blockSize) : 4;
  const padLength = (align - ((payload.length + 2) % align)) % align;
  const padding = Buffer.alloc(padLength);
  for (let i = 0; i < padLength; i++) padding[i] = i + 1;
  const plaintext = Buffer.concat([payload, padding, Buffer.from([padLength, nextHeader])]);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(sa.spi >>> 0, 0);
  header.writeUInt32BE(sequenceNumber >>> 0, 4);
  const iv = random.bytes(sa.cipher.ivLength);
  if (sa.cipher.mode === 'gcm') {
    const sealed = gcmSeal(sa.cipher, sa.encryptionKey, iv, header, plaintext);
    if (!sealed.ok) throw new RangeError(sealed.problem);
    return Buffer.concat([header, iv, sealed.output]);
  }
  const encrypted = cbcEncrypt(sa.cipher, sa.encryptionKey, iv, plaintext);
  if (!encrypted.ok) throw new RangeError(encrypted.problem);
  if (sa.integrity === undefined || sa.integrityKey === undefined) return Buffer.concat([header, iv, encrypted.output]);
  const covered = Buffer.concat([header, iv, encrypted.output]);
  return Buffer.concat([covered, computeIcv(sa.integrity, sa.integrityKey, covered)]);
}

/** The SPI of an ESP packet (to find its SA), or undefined when it is too short. */
export function espSpi(packet: Buffer): number | undefined {
  return packet.length >= 8 ? packet.readUInt32BE(0) : undefined;
}

/**
 * Opens an ESP packet. With a window: a replayed or too-old sequence number fails before the ICV is
 * checked, and the window moves only after the packet is found authentic and well-formed.
 */
export function espDecapsulate(sa: EspSa, packet: Buffer, window?: ReplayWindow): EspDecapsulation {
  const ivLength = sa.cipher.ivLength;
  const icv = icvLength(sa);
  if (packet.length < 8 + ivLength + icv + 2) return { ok: false, failure: 'bad-header', detail: `${packet.length} bytes is too short for ESP with ${sa.cipher.name}` };
  const spi = packet.readUInt32BE(0);
  const sequenceNumber = packet.readUInt32BE(4);
  if (spi !== sa.spi >>> 0) return { ok: false, failure: 'spi-mismatch', detail: `SPI 0x${spi.toString(16)} is not this SA's 0x${(sa.spi >>> 0).toString(16)}`, spi, sequenceNumber };
  if (window !== undefined) {
    const verdict = window.check(sequenceNumber);
    if (verdict !== 'ok') return { ok: false, failure: 'replay', detail: `sequence number ${sequenceNumber}: ${verdict}`, spi, sequenceNumber };
  }
  const iv = packet.subarray(8, 8 + ivLength);
  let plaintext: Buffer;
  if (sa.cipher.mode === 'gcm') {
    const opened = gcmOpen(sa.cipher, sa.encryptionKey, iv, packet.subarray(0, 8), packet.subarray(8 + ivLength));
    if (!opened.ok) return { ok: false, failure: 'auth-failure', detail: opened.problem, spi, sequenceNumber };
    plaintext = opened.output;
  } else {
    if (sa.integrity !== undefined && sa.integrityKey !== undefined) {
      const covered = packet.subarray(0, packet.length - icv);
      if (!verifyIcv(sa.integrity, sa.integrityKey, packet.subarray(packet.length - icv), covered)) {
        return { ok: false, failure: 'auth-failure', detail: `${sa.integrity.name} ICV does not verify`, spi, sequenceNumber };
      }
    }
    const ciphertext = packet.subarray(8 + ivLength, packet.length - icv);
    if (ciphertext.length === 0 || ciphertext.length % sa.cipher.blockSize !== 0) {
      return { ok: false, failure: 'decryption-failure', detail: `${ciphertext.length} bytes of ciphertext is not a whole number of blocks`, spi, sequenceNumber };
    }
    const decrypted = cbcDecrypt(sa.cipher, sa.encryptionKey, iv, ciphertext);
    if (!decrypted.ok) return { ok: false, failure: 'decryption-failure', detail: decrypted.problem, spi, sequenceNumber };
    plaintext = decrypted.output;
  }
  if (plaintext.length < 2) return { ok: false, failure: 'bad-trailer', detail: 'no room for the ESP trailer', spi, sequenceNumber };
  const nextHeader = plaintext[plaintext.length - 1]!;
  const padLength = plaintext[plaintext.length - 2]!;
  if (padLength + 2 > plaintext.length) return { ok: false, failure: 'bad-trailer', detail: `pad length ${padLength} exceeds the payload`, spi, sequenceNumber };
  const payloadEnd = plaintext.length - 2 - padLength;
  for (let i = 0; i < padLength; i++) {
    if (plaintext[payloadEnd + i] !== i + 1) return { ok: false, failure: 'bad-trailer', detail: 'padding bytes are not 1, 2, 3, ...', spi, sequenceNumber };
  }
  window?.accept(sequenceNumber);
  return { ok: true, spi, sequenceNumber, nextHeader, payload: Buffer.from(plaintext.subarray(0, payloadEnd)), padLength };
}
