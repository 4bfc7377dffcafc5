/**
 * crypto/random.ts: where the engine's random bytes come from (cookies, SPIs, nonces, DH private keys, IVs).
 * Owns: the RandomSource interface, the system source (crypto.randomBytes) and a seeded HMAC-DRBG
 *   (NIST SP 800-90A, HMAC with SHA-256, no reseeding, no prediction resistance) for reproducible runs,
 *   read through a block buffer so that small requests stay cheap.
 * Must not know: what the bytes are used for.
 * Invariants: a seeded source gives the same byte stream for the same seed on every machine; the
 *   seeded stream does not depend on how requests are split (BlockedRandom), so only the total order of
 *   requests matters.
 * Tests: test/src/engine/random.test.ts
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface RandomSource {
  /** Returns `length` fresh random bytes. */
  bytes(length: number): Buffer;
}

/** Random bytes from the operating system (the default). */
export const systemRandom: RandomSource = {
  bytes: (length) => randomBytes(length),
};

function hmacSha256(key: Buffer, ...parts: Buffer[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** HMAC_DRBG (SP 800-90A section 10.1.2) over SHA-256, instantiated from seed material. */
export class HmacDrbg implements RandomSource {
  private key: Buffer = Buffer.alloc(32, 0x00);
  private value: Buffer = Buffer.alloc(32, 0x01);

  constructor(seedMaterial: Buffer) {
    this.update(seedMaterial);
  }

  private update(provided: Buffer): void {
    this.key = hmacSha256(this.key, this.value, Buffer.from([0x00]), provided);
    this.value = hmacSha256(this.key, this.value);
    if (provided.length === 0) return;
    this.key = hmacSha256(this.key, this.value, Buffer.from([0x01]), provided);
    this.value = hmacSha256(this.key, this.value);
  }

  bytes(length: number): Buffer {
    const blocks: Buffer[] = [];
    let produced = 0;
    while (produced < length) {
      this.value = hmacSha256(this.key, this.value);
      blocks.push(this.value);
      produced += this.value.length;
    }
    this.update(Buffer.alloc(0));
    return Buffer.concat(blocks).subarray(0, length);
  }
}

/**
 * Hands out bytes from blocks drawn `blockSize` at a time (a DRBG call costs about 10 us, an ESP IV is
 * 8-16 bytes). The stream is the underlying stream cut differently, so it stays reproducible.
 */
export class BlockedRandom implements RandomSource {
  private pool: Buffer = Buffer.alloc(0);

  constructor(private readonly source: RandomSource, private readonly blockSize = 4096) {}

  bytes(length: number): Buffer {
    if (length > this.pool.length) {
      // Always whole blocks of the same size, so the stream never depends on how requests are split.
      const blocks: Buffer[] = [this.pool];
      let available = this.pool.length;
      while (available < length) {
        const block = this.source.bytes(this.blockSize);
        blocks.push(block);
        available += block.length;
      }
      this.pool = Buffer.concat(blocks);
    }
    const out = Buffer.from(this.pool.subarray(0, length));
    this.pool = this.pool.subarray(length);
    return out;
  }
}

/** A reproducible source for `--seed N`: the same seed gives the same stream. */
export function seededRandom(seed: number | string | Buffer): RandomSource {
  const material = Buffer.isBuffer(seed) ? seed : Buffer.from(`junos-ipsec seed:${String(seed)}`, 'utf8');
  return new BlockedRandom(new HmacDrbg(material));
}
