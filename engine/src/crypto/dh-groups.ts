/**
 * crypto/dh-groups.ts: the Diffie-Hellman groups IKE negotiates, as data.
 * Owns: group numbers (IANA "Transform Type 4" / IKEv1 group description), Junos names, MODP primes and
 *   generators (RFC 2409 groups 1 and 2, RFC 3526 groups 5 and 14, RFC 5114 section 2.3 group 24 with its
 *   256-bit subgroup order), ECP curves (RFC 5903 groups 19 and 20) and key-exchange lengths.
 * Must not know: how keys are generated or used.
 * Invariants: every MODP prime passes Node's createDiffieHellman(prime).verifyError check (tests), the
 *   key-exchange payload length equals the prime length (MODP) or twice the coordinate length (ECP).
 * Tests: test/src/engine/dh.test.ts
 */

export type DhGroupId = 1 | 2 | 5 | 14 | 19 | 20 | 24;

interface DhGroupCommon {
  readonly id: DhGroupId;
  /** The Junos spelling (`dh-group group14`). */
  readonly junosName: string;
  /** Length in bytes of the key-exchange data (KE payload body after any header). */
  readonly keyExchangeLength: number;
  /** Length in bytes of the shared secret g^xy. */
  readonly sharedSecretLength: number;
}

export interface ModpGroup extends DhGroupCommon {
  readonly kind: 'modp';
  readonly primeHex: string;
  readonly generatorHex: string;
  /** Prime order of the generator's subgroup, when the group has a small one (group 24). */
  readonly subgroupOrderHex?: string;
  /** Bytes of private exponent drawn for a new key pair. */
  readonly privateKeyLength: number;
}

export interface EcpGroup extends DhGroupCommon {
  readonly kind: 'ecp';
  /** OpenSSL curve name for crypto.createECDH. */
  readonly curve: string;
  readonly orderHex: string;
  readonly coordinateLength: number;
}

export type DhGroup = ModpGroup | EcpGroup;

// The RFC 2409 / RFC 3526 primes all start with the same digits of pi; each is listed whole here.
const MODP_768 =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A3620FFFFFFFFFFFFFFFF';
const MODP_1024 =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF';
const MODP_1536 =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA237327FFFFFFFFFFFFFFFF';
const MODP_2048 =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AACAA68FFFFFFFFFFFFFFFF';
// RFC 5114 section 2.3: 2048-bit MODP group with a 256-bit prime order subgroup.
const MODP_2048_256_P =
  '87A8E61DB4B6663CFFBBD19C651959998CEEF608660DD0F25D2CEED4435E3B00E00DF8F1D61957D4FAF7DF4561B2AA30' +
  '16C3D91134096FAA3BF4296D830E9A7C209E0C6497517ABD5A8A9D306BCF67ED91F9E6725B4758C022E0B1EF4275BF7B' +
  '6C5BFC11D45F9088B941F54EB1E59BB8BC39A0BF12307F5C4FDB70C581B23F76B63ACAE1CAA6B7902D52526735488A0E' +
  'F13C6D9A51BFA4AB3AD8347796524D8EF6A167B5A41825D967E144E5140564251CCACB83E6B486F6B3CA3F7971506026' +
  'C0B857F689962856DED4010ABD0BE621C3A3960A54E710C375F26375D7014103A4B54330C198AF126116D2276E11715F' +
  '693877FAD7EF09CADB094AE91E1A1597';
const MODP_2048_256_G =
  '3FB32C9B73134D0B2E77506660EDBD484CA7B18F21EF205407F4793A1A0BA12510DBC15077BE463FFF4FED4AAC0BB555' +
  'BE3A6C1B0C6B47B1BC3773BF7E8C6F62901228F8C28CBB18A55AE31341000A650196F931C77A57F2DDF463E5E9EC144B' +
  '777DE62AAAB8A8628AC376D282D6ED3864E67982428EBC831D14348F6F2F9193B5045AF2767164E1DFC967C1FB3F2E55' +
  'A4BD1BFFE83B9C80D052B985D182EA0ADB2A3B7313D3FE14C8484B1E052588B9B7D2BBD2DF016199ECD06E1557CD0915' +
  'B3353BBB64E0EC377FD028370DF92B52C7891428CDC67EB6184B523D1DB246C32F63078490F00EF8D647D148D4795451' +
  '5E2327CFEF98C582664B4C0F6CC41659';
const MODP_2048_256_Q = '8CF83642A709A097B447997640129DA299B1A47D1EB3750BA308B0FE64F5FBD3';

function modp(id: DhGroupId, junosName: string, primeHex: string, privateKeyLength: number): ModpGroup {
  const length = primeHex.length / 2;
  return { id, junosName, kind: 'modp', primeHex, generatorHex: '02', privateKeyLength, keyExchangeLength: length, sharedSecretLength: length };
}

export const DH_GROUPS: ReadonlyMap<DhGroupId, DhGroup> = new Map<DhGroupId, DhGroup>([
  [1, modp(1, 'group1', MODP_768, 32)],
  [2, modp(2, 'group2', MODP_1024, 32)],
  [5, modp(5, 'group5', MODP_1536, 32)],
  [14, modp(14, 'group14', MODP_2048, 40)],
  [24, {
    id: 24, junosName: 'group24', kind: 'modp', primeHex: MODP_2048_256_P, generatorHex: MODP_2048_256_G,
    subgroupOrderHex: MODP_2048_256_Q, privateKeyLength: 32, keyExchangeLength: 256, sharedSecretLength: 256,
  }],
  [19, {
    id: 19, junosName: 'group19', kind: 'ecp', curve: 'prime256v1', coordinateLength: 32,
    orderHex: 'FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551',
    keyExchangeLength: 64, sharedSecretLength: 32,
  }],
  [20, {
    id: 20, junosName: 'group20', kind: 'ecp', curve: 'secp384r1', coordinateLength: 48,
    orderHex: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973',
    keyExchangeLength: 96, sharedSecretLength: 48,
  }],
]);

/** The group for an IANA number, or undefined when the engine does not implement it. */
export function dhGroup(id: number): DhGroup | undefined {
  return DH_GROUPS.get(id as DhGroupId);
}

/** The group for a Junos name (`group14`), or undefined. */
export function dhGroupByJunosName(name: string): DhGroup | undefined {
  for (const group of DH_GROUPS.values()) if (group.junosName === name) return group;
  return undefined;
}
