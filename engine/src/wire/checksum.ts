/**
 * wire/checksum.ts: the Internet checksum (RFC 1071) used by IPv4, UDP and ICMP.
 * Owns: one's-complement sum over any number of byte strings (odd lengths padded at the very end only).
 * Must not know: headers.
 * Invariants: a buffer with its correct checksum in place sums to 0.
 * Tests: test/src/engine/ip.test.ts
 */

/** The 16-bit one's-complement of the one's-complement sum of the concatenated parts. */
export function internetChecksum(...parts: Buffer[]): number {
  const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  let sum = 0;
  for (let i = 0; i + 1 < data.length; i += 2) sum += data.readUInt16BE(i);
  if (data.length % 2 === 1) sum += data[data.length - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
