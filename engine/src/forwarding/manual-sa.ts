/**
 * forwarding/manual-sa.ts: the ESP and AH SAs a `then manual` term installs without IKE: per direction
 *   (`inbound`, `outbound`, or `bidirectional` for both) the SPI, the encryption and authentication
 *   algorithms and their configured keys (`$9$`, ascii-text or hexadecimal, decoded only here).
 * Owns: checking that a manual direction can carry ESP (protocol esp, an SPI, keys of the algorithm's
 *   length) and the reason when it cannot.
 * Must not know: IKE, routing, packets.
 * Invariants: never throws; keys only in the records' non-enumerable `esp` field; problems never quote a key.
 * Tests: test/src/engine/forwarding.test.ts (the manual-sa scenario)
 */
import { cipherSpec } from '../crypto/ciphers';
import { integritySpec } from '../crypto/integrity';
import { revealSecret } from '../device/secret-handle';
import type { ManualSaDirection, TermSa } from '../device/types';
import { ipsecSaRecord, type IpsecSaRecord } from '../sa/result';
import { encryptionAlgorithm, ipsecAuthenticationAlgorithm } from '../wire/algorithms';
import type { AhSa } from '../wire/ah';
import type { EspSa } from '../wire/esp';
import type { InstalledAhSa } from './types';

export type ManualSas = { readonly ok: true; readonly sas: IpsecSaRecord[]; readonly ahSas: InstalledAhSa[] } | { readonly ok: false; readonly problem: string };

function ahOf(d: ManualSaDirection): { ok: true; ah: AhSa } | { ok: false; problem: string } {
  if (d.spi === undefined) return { ok: false, problem: `manual direction ${d.direction} has no spi` };
  const authName = d.authentication?.algorithm;
  const auth = authName === undefined ? undefined : ipsecAuthenticationAlgorithm(authName);
  if (!auth) return { ok: false, problem: `manual direction ${d.direction}: AH needs an authentication algorithm` };
  const integrity = integritySpec(auth.integrity);
  const integrityKey = revealSecret(d.authentication?.key);
  if (!integrityKey || integrityKey.length !== integrity.keyLength) return { ok: false, problem: `manual direction ${d.direction}: the ${authName} key must be ${integrity.keyLength} bytes` };
  return { ok: true, ah: { spi: d.spi, integrity, integrityKey } };
}

function ahRecord(direction: 'inbound' | 'outbound', ah: AhSa): InstalledAhSa {
  const record = { direction, spi: ah.spi } as InstalledAhSa;
  Object.defineProperty(record, 'ah', { value: ah, enumerable: false });
  return record;
}

function espOf(d: ManualSaDirection): { ok: true; esp: EspSa; encryption: string; authentication: string | undefined } | { ok: false; problem: string } {
  if (d.protocol !== 'esp') return { ok: false, problem: `manual direction ${d.direction} uses protocol ${d.protocol ?? '(none)'}; only ESP and AH (not bundles) are forwarded` };
  if (d.spi === undefined) return { ok: false, problem: `manual direction ${d.direction} has no spi` };
  const encryption = d.encryption?.algorithm === undefined ? undefined : encryptionAlgorithm(d.encryption.algorithm);
  if (!encryption) return { ok: false, problem: `manual direction ${d.direction} has no usable encryption algorithm` };
  const cipher = cipherSpec(encryption.cipher);
  const encryptionKey = revealSecret(d.encryption?.key);
  if (!encryptionKey || encryptionKey.length !== cipher.keyLength + cipher.saltLength) {
    return { ok: false, problem: `manual direction ${d.direction}: the ${encryption.junosName} key must be ${cipher.keyLength + cipher.saltLength} bytes` };
  }
  const authName = d.authentication?.algorithm;
  if (authName === undefined || cipher.mode === 'gcm') return { ok: true, esp: { spi: d.spi, cipher, encryptionKey }, encryption: encryption.junosName, authentication: undefined };
  const auth = ipsecAuthenticationAlgorithm(authName);
  if (!auth) return { ok: false, problem: `manual direction ${d.direction}: unknown authentication algorithm ${authName}` };
  const integrity = integritySpec(auth.integrity);
  const integrityKey = revealSecret(d.authentication?.key);
  if (!integrityKey || integrityKey.length !== integrity.keyLength) {
    return { ok: false, problem: `manual direction ${d.direction}: the ${authName} key must be ${integrity.keyLength} bytes` };
  }
  return { ok: true, esp: { spi: d.spi, cipher, encryptionKey, integrity, integrityKey }, encryption: encryption.junosName, authentication: authName };
}

/** The inbound and outbound SAs of a manual term (window 0 = no-anti-replay is left to the caller's term settings). */
export function manualSas(sa: TermSa | undefined, antiReplayWindow: number): ManualSas {
  if (sa?.kind !== 'manual') return { ok: false, problem: 'the term has no manual SA' };
  const sas: IpsecSaRecord[] = [];
  const ahSas: InstalledAhSa[] = [];
  for (const d of sa.directions) {
    const directions: ('inbound' | 'outbound')[] = d.direction === 'bidirectional' ? ['inbound', 'outbound'] : [d.direction];
    if (d.protocol === 'ah') {
      const ah = ahOf(d);
      if (!ah.ok) return { ok: false, problem: ah.problem };
      for (const direction of directions) ahSas.push(ahRecord(direction, ah.ah));
      continue;
    }
    const built = espOf(d);
    if (!built.ok) return { ok: false, problem: built.problem };
    for (const direction of directions) {
      sas.push(ipsecSaRecord({
        direction, spi: built.esp.spi, protocol: 'ESP', encryption: built.encryption,
        ...(built.authentication === undefined ? {} : { authentication: built.authentication }),
        softLifetimeSeconds: 0, hardLifetimeSeconds: 0, antiReplayWindow, localIdentity: '0.0.0.0/0', remoteIdentity: '0.0.0.0/0',
      }, built.esp));
    }
  }
  const all = [...sas, ...ahSas];
  if (!all.some((s) => s.direction === 'inbound') || !all.some((s) => s.direction === 'outbound')) return { ok: false, problem: 'the manual SA needs an inbound and an outbound direction (or bidirectional)' };
  return { ok: true, sas, ahSas };
}
