/**
 * crypto/nat-detection.ts: the NAT discovery hashes: IKEv1 NAT-D (RFC 3947 section 3.2, the negotiated
 * hash of CKY-I | CKY-R | IP | port) and IKEv2 NAT_DETECTION_SOURCE_IP / _DESTINATION_IP (RFC 7296
 * section 2.23, SHA-1 of SPIi | SPIr | IP | port).
 * Owns: building the hashed bytes from an address and port; telling whether a received hash matches.
 * Must not know: payload encodings, which side is behind a NAT (the SA layer decides from the results).
 * Invariants: IPv4 addresses only for now (4 bytes); an unparsable address gives undefined, not a throw.
 * Tests: test/src/engine/nat-detection.test.ts
 */
import { timingSafeEqual } from 'node:crypto';
import { parseIpv4Address } from '../wire/ipv4';
import { digest, type HashAlgorithm } from './prf';

function endpoint(address: string, port: number): Buffer | undefined {
  const ip = parseIpv4Address(address);
  if (ip === undefined) return undefined;
  const portBytes = Buffer.alloc(2);
  portBytes.writeUInt16BE(port & 0xffff);
  return Buffer.concat([ip, portBytes]);
}

/** IKEv1 NAT-D payload data for one endpoint (the phase-1 hash algorithm). */
export function ikev1NatDiscoveryHash(hash: HashAlgorithm, cookieI: Buffer, cookieR: Buffer, address: string, port: number): Buffer | undefined {
  const end = endpoint(address, port);
  return end === undefined ? undefined : digest(hash, cookieI, cookieR, end);
}

/** IKEv2 NAT_DETECTION_*_IP notification data for one endpoint (always SHA-1). */
export function ikev2NatDetectionHash(spiI: Buffer, spiR: Buffer, address: string, port: number): Buffer | undefined {
  const end = endpoint(address, port);
  return end === undefined ? undefined : digest('sha1', spiI, spiR, end);
}

/** True when `received` equals one of the locally computed hashes (no NAT changed that endpoint). */
export function natHashMatches(received: Buffer, expected: readonly (Buffer | undefined)[]): boolean {
  return expected.some((hash) => hash !== undefined && hash.length === received.length && timingSafeEqual(hash, received));
}
