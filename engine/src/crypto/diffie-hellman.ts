/**
 * crypto/diffie-hellman.ts: one side of an IKE Diffie-Hellman exchange (MODP and ECP groups).
 * Owns: drawing a private key from a RandomSource, the key-exchange data as IKE carries it (MODP: g^x
 *   left-padded to the prime length; ECP: x||y without the 0x04 prefix, RFC 5903), checking the peer's
 *   value and computing g^xy (MODP: padded to the prime length; ECP: the x coordinate only).
 * Must not know: IKE messages, which side is initiator.
 * Invariants: never throws on a bad peer value (returns a problem); a seeded RandomSource gives the same
 *   key pair; the shared secret has the group's fixed length.
 * Tests: test/src/engine/dh.test.ts
 */
import { createDiffieHellman, createECDH, type DiffieHellman, type ECDH } from 'node:crypto';
import type { DhGroup, EcpGroup, ModpGroup } from './dh-groups';
import type { RandomSource } from './random';

export type SharedSecretResult =
  | { readonly ok: true; readonly sharedSecret: Buffer }
  | { readonly ok: false; readonly problem: string };

export interface KeyExchange {
  readonly group: DhGroup;
  /** The key-exchange data to put in the KE payload. */
  readonly publicValue: Buffer;
  /** g^xy from the peer's key-exchange data; a problem when that data is not a valid group element. */
  computeSharedSecret(peerPublicValue: Buffer): SharedSecretResult;
}

function leftPad(value: Buffer, length: number): Buffer {
  if (value.length >= length) return value;
  return Buffer.concat([Buffer.alloc(length - value.length), value]);
}

function toBigInt(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + bytes.toString('hex'));
}

function fromBigInt(value: bigint, length: number): Buffer {
  const hex = value.toString(16);
  return leftPad(Buffer.from(hex.length % 2 === 0 ? hex : '0' + hex, 'hex'), length);
}

/**
 * One DiffieHellman object per MODP group object (keyed by identity, so a caller's own group table never
 * shares one with ours), used only as a modular exponentiator: every use sets the
 * private key first. Building a new object per key pair would make OpenSSL re-check the prime each time
 * (about 50 ms for the RFC 2409 primes, more for RFC 5114); the engine is single-threaded, so sharing is safe.
 */
const modpCalculators = new WeakMap<ModpGroup, DiffieHellman>();

function modpCalculator(group: ModpGroup): DiffieHellman {
  let calculator = modpCalculators.get(group);
  if (calculator === undefined) {
    calculator = createDiffieHellman(Buffer.from(group.primeHex, 'hex'), Buffer.from(group.generatorHex, 'hex'));
    modpCalculators.set(group, calculator);
  }
  return calculator;
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

class ModpKeyExchange implements KeyExchange {
  readonly publicValue: Buffer;

  constructor(readonly group: ModpGroup, private readonly privateKey: Buffer) {
    const calculator = modpCalculator(group);
    calculator.setPrivateKey(privateKey);
    calculator.generateKeys();
    this.publicValue = leftPad(calculator.getPublicKey(), group.keyExchangeLength);
  }

  computeSharedSecret(peer: Buffer): SharedSecretResult {
    if (peer.length !== this.group.keyExchangeLength) {
      return { ok: false, problem: `key exchange data is ${peer.length} bytes, group ${this.group.id} needs ${this.group.keyExchangeLength}` };
    }
    const y = toBigInt(peer);
    const p = BigInt('0x' + this.group.primeHex);
    if (y <= 1n || y >= p - 1n) return { ok: false, problem: `key exchange value is outside 2..p-2 for group ${this.group.id}` };
    // RFC 6989: for a group with a small subgroup, the peer's value must lie in it (y^q = 1 mod p).
    if (this.group.subgroupOrderHex !== undefined && modPow(y, BigInt('0x' + this.group.subgroupOrderHex), p) !== 1n) {
      return { ok: false, problem: `key exchange value is not in the prime order subgroup of group ${this.group.id}` };
    }
    try {
      const calculator = modpCalculator(this.group);
      calculator.setPrivateKey(this.privateKey);
      return { ok: true, sharedSecret: leftPad(calculator.computeSecret(peer), this.group.sharedSecretLength) };
    } catch (error) {
      return { ok: false, problem: `key exchange value rejected: ${(error as Error).message}` };
    }
  }
}

class EcpKeyExchange implements KeyExchange {
  readonly publicValue: Buffer;
  private readonly ecdh: ECDH;

  constructor(readonly group: EcpGroup, privateKey: Buffer) {
    this.ecdh = createECDH(group.curve);
    this.ecdh.setPrivateKey(leftPad(privateKey, group.coordinateLength));
    this.publicValue = this.ecdh.getPublicKey(undefined, 'uncompressed').subarray(1);
  }

  computeSharedSecret(peer: Buffer): SharedSecretResult {
    if (peer.length !== this.group.keyExchangeLength) {
      return { ok: false, problem: `key exchange data is ${peer.length} bytes, group ${this.group.id} needs ${this.group.keyExchangeLength}` };
    }
    try {
      const secret = this.ecdh.computeSecret(Buffer.concat([Buffer.from([0x04]), peer]));
      return { ok: true, sharedSecret: leftPad(secret, this.group.sharedSecretLength) };
    } catch (error) {
      return { ok: false, problem: `key exchange point rejected: ${(error as Error).message}` };
    }
  }
}

/** Draws a private key in 1..limit-1 (rejection sampling keeps the distribution uniform). */
function drawBelow(limit: bigint, length: number, random: RandomSource): Buffer {
  for (;;) {
    const candidate = toBigInt(random.bytes(length));
    if (candidate >= 1n && candidate < limit) return fromBigInt(candidate, length);
  }
}

function drawPrivateKey(group: DhGroup, random: RandomSource): Buffer {
  if (group.kind === 'ecp') return drawBelow(BigInt('0x' + group.orderHex), group.coordinateLength, random);
  if (group.subgroupOrderHex !== undefined) return drawBelow(BigInt('0x' + group.subgroupOrderHex), group.privateKeyLength, random);
  return drawBelow(1n << BigInt(8 * group.privateKeyLength), group.privateKeyLength, random);
}

/** A fresh key pair for `group`, its private key drawn from `random`. */
export function createKeyExchange(group: DhGroup, random: RandomSource): KeyExchange {
  return keyExchangeFromPrivateKey(group, drawPrivateKey(group, random));
}

/** A key pair from a known private key (known-answer tests, replays). */
export function keyExchangeFromPrivateKey(group: DhGroup, privateKey: Buffer): KeyExchange {
  return group.kind === 'ecp' ? new EcpKeyExchange(group, privateKey) : new ModpKeyExchange(group, privateKey);
}
