// Diffie-Hellman groups: primes checked independently (pi digits, subgroup order), RFC 5903 / RFC 5114
// known answers, padding, bad peer values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDiffieHellman } from 'node:crypto';
import { DH_GROUPS, dhGroup, dhGroupByJunosName, type ModpGroup } from '../../../engine/src/crypto/dh-groups';
import { createKeyExchange, keyExchangeFromPrivateKey } from '../../../engine/src/crypto/diffie-hellman';
import { seededRandom } from '../../../engine/src/crypto/random';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** floor(pi * 2^bits) by Machin's formula in fixed point with 64 guard bits. */
function piTimesPowerOfTwo(bits: number): bigint {
  const precision = BigInt(bits + 64);
  const one = 1n << precision;
  const arctanInverse = (x: bigint): bigint => {
    let sum = 0n, term = one / x, k = 0n;
    const x2 = x * x;
    while (term !== 0n) {
      sum += (k % 2n === 0n ? 1n : -1n) * (term / (2n * k + 1n));
      term /= x2;
      k++;
    }
    return sum;
  };
  return (16n * arctanInverse(5n) - 4n * arctanInverse(239n)) >> 64n;
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n, b = base % modulus, e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

test('RFC 2409/3526 primes are 2^n - 2^(n-64) - 1 + 2^64 * (floor(2^(n-130) pi) + k)', () => {
  const offsets: Record<number, bigint> = { 1: 149686n, 2: 129093n, 5: 741804n, 14: 124476n };
  for (const [id, k] of Object.entries(offsets)) {
    const group = dhGroup(Number(id)) as ModpGroup;
    const n = group.primeHex.length * 4;
    const expected = (1n << BigInt(n)) - (1n << BigInt(n - 64)) - 1n + (1n << 64n) * (piTimesPowerOfTwo(n - 130) + k);
    assert.equal(BigInt('0x' + group.primeHex), expected, `group ${id}`);
  }
});

test('every MODP prime passes OpenSSL DH parameter checks; group 24 generator has order q', () => {
  for (const group of DH_GROUPS.values()) {
    if (group.kind !== 'modp') continue;
    const dh = createDiffieHellman(Buffer.from(group.primeHex, 'hex'), Buffer.from(group.generatorHex, 'hex'));
    assert.equal(dh.verifyError, 0, `group ${group.id}`);
  }
  const g24 = dhGroup(24) as ModpGroup;
  const p = BigInt('0x' + g24.primeHex), g = BigInt('0x' + g24.generatorHex), q = BigInt('0x' + g24.subgroupOrderHex);
  assert.equal(modPow(g, q, p), 1n);
  assert.equal((p - 1n) % q, 0n);
});

test('group 19: RFC 5903 section 8.1 known answer (KE = x||y, shared = x)', () => {
  const group = dhGroup(19)!;
  const i = keyExchangeFromPrivateKey(group, hex('C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433'));
  const r = keyExchangeFromPrivateKey(group, hex('C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53'));
  assert.equal(i.publicValue.toString('hex').toUpperCase(),
    'DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180' + '5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3');
  assert.equal(r.publicValue.toString('hex').toUpperCase(),
    'D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63' + '56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB');
  const fromI = i.computeSharedSecret(r.publicValue), fromR = r.computeSharedSecret(i.publicValue);
  assert.ok(fromI.ok && fromR.ok);
  assert.equal(fromI.sharedSecret.toString('hex').toUpperCase(), 'D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE');
  assert.deepEqual(fromR.sharedSecret, fromI.sharedSecret);
});

test('group 20: RFC 5903 section 8.2 known answer', () => {
  const group = dhGroup(20)!;
  const i = keyExchangeFromPrivateKey(group, hex('099F3C7034D4A2C699884D73A375A67F7624EF7C6B3C0F160647B67414DCE655E35B538041E649EE3FAEF896783AB194'));
  const r = keyExchangeFromPrivateKey(group, hex('41CB0779B4BDB85D47846725FBEC3C9430FAB46CC8DC5060855CC9BDA0AA2942E0308312916B8ED2960E4BD55A7448FC'));
  assert.equal(i.publicValue.toString('hex').toUpperCase(),
    '667842D7D180AC2CDE6F74F37551F55755C7645C20EF73E31634FE72B4C55EE6DE3AC808ACB4BDB4C88732AEE95F41AA' +
    '9482ED1FC0EEB9CAFC4984625CCFC23F65032149E0E144ADA024181535A0F38EEB9FCFF3C2C947DAE69B4C634573A81C');
  assert.equal(r.publicValue.toString('hex').toUpperCase(),
    'E558DBEF53EECDE3D3FCCFC1AEA08A89A987475D12FD950D83CFA41732BC509D0D1AC43A0336DEF96FDA41D0774A3571' +
    'DCFBEC7AACF3196472169E838430367F66EEBE3C6E70C416DD5F0C68759DD1FFF83FA40142209DFF5EAAD96DB9E6386C');
  const fromI = i.computeSharedSecret(r.publicValue), fromR = r.computeSharedSecret(i.publicValue);
  assert.ok(fromI.ok && fromR.ok);
  assert.equal(fromI.sharedSecret.toString('hex').toUpperCase(), '11187331C279962D93D604243FD592CB9D0A926F422E47187521287E7156C5C4D603135569B9E9D09CF5D4A270F59746');
  assert.deepEqual(fromR.sharedSecret, fromI.sharedSecret);
});

test('group 20 (P-384): RFC 5114 appendix A known answer', () => {
  const group = dhGroup(20)!;
  const i = keyExchangeFromPrivateKey(group, hex('d27335ea71664af244dd14e9fd1260715dfd8a7965571c48d709ee7a7962a156d706a90cbcb5df2986f05feadb9376f1'));
  const r = keyExchangeFromPrivateKey(group, hex('52d1791fdb4b70f89c0f00d456c2f7023b6125262c36a7df1f80231121cce3d39be52e00c194a4132c4a6c768bcd94d2'));
  assert.equal(i.publicValue.toString('hex'),
    '793148f1787634d5da4c6d9074417d05e057ab62f82054d10ee6b0403d6279547e6a8ea9d1fd77427d016fe27a8b8c66' +
    'c6c41294331d23e6f480f4fb4cd40504c947392e94f4c3f06b8f398bb29e42368f7a685923de3b67baced214a1a1d128');
  const shared = r.computeSharedSecret(i.publicValue);
  assert.ok(shared.ok);
  assert.equal(shared.sharedSecret.toString('hex'), '5ea1fc4af7256d2055981b110575e0a8cae53160137d904c59d926eb1b8456e427aa8a4540884c37de159a58028abc0e');
});

test('group 24: RFC 5114 appendix A 2048-bit MODP with 256-bit subgroup known answer', () => {
  const group = dhGroup(24)!;
  const a = keyExchangeFromPrivateKey(group, hex('0881382cdb87660c6dc13e614938d5b9c8b2f248581cc5e31b35454397fce50e'));
  const b = keyExchangeFromPrivateKey(group, hex('7d62a7e3ef36de617b13d1afb82c780d83a23bd4ee6705645121f371f546a53d'));
  assert.equal(a.publicValue.subarray(0, 16).toString('hex'), '2e9380c8323af97545bc4941deb0ec37');
  const z = hex(`86c70bf8d0bb81bb01078a17219cb7d27203db2a19c877f1d1f19fd7d77ef22546a68f005ad52dc84553b78fc60330be51ea
    7c0672cac1515e4b35c047b9a551b88f39dc26da14a09ef74774d47c762dd177f9ed5bc2f11e52c879bd95098504cd9eecd8
    a8f9b3efbd1f008ac5853097d9d1837f2b18f77cd7be01af80a7c7b5ea3ca54cc02d0c116fee3f95bb87399385875d7e8674
    7e676e728938acbff7098e05be4dcfb24052b83aeffb14783f029adbde7f53fae92084224090e007cee94d4bf2bace9ffd4b
    57d2af7c724d0caa19bf0501f6f17b4aa10f425e3ea76080b4b9d6b3cefea115b2ceb8789bb8a3b0ea87febe63b6c8f846ec6db0c26c5d7c`);
  assert.equal(z.length, 256);
  const fromA = a.computeSharedSecret(b.publicValue), fromB = b.computeSharedSecret(a.publicValue);
  assert.ok(fromA.ok && fromB.ok);
  assert.deepEqual(fromA.sharedSecret, z);
  assert.deepEqual(fromB.sharedSecret, z);
});

test('every group: both sides agree, values have the fixed IKE lengths, seeded keys reproduce', () => {
  for (const group of DH_GROUPS.values()) {
    const random = seededRandom(`dh-${group.id}`);
    const a = createKeyExchange(group, random), b = createKeyExchange(group, random);
    assert.equal(a.publicValue.length, group.keyExchangeLength, `group ${group.id}`);
    const s1 = a.computeSharedSecret(b.publicValue), s2 = b.computeSharedSecret(a.publicValue);
    assert.ok(s1.ok && s2.ok, `group ${group.id}`);
    assert.equal(s1.sharedSecret.length, group.sharedSecretLength);
    assert.deepEqual(s1.sharedSecret, s2.sharedSecret);
    const again = createKeyExchange(group, seededRandom(`dh-${group.id}`));
    assert.deepEqual(again.publicValue, a.publicValue);
  }
  assert.equal(dhGroupByJunosName('group14')?.id, 14);
  assert.equal(dhGroup(3), undefined);
});

test('a short public value is left-padded to the prime length (g^x with a tiny x)', () => {
  const group = dhGroup(2)!;
  const tiny = keyExchangeFromPrivateKey(group, Buffer.from([5]));
  assert.equal(tiny.publicValue.length, 128);
  assert.equal(tiny.publicValue.subarray(0, 127).every((b) => b === 0), true);
  assert.equal(tiny.publicValue[127], 32);
});

test('bad peer values are problems, not throws', () => {
  for (const group of DH_GROUPS.values()) {
    const kx = createKeyExchange(group, seededRandom(1));
    const wrongLength = kx.computeSharedSecret(Buffer.alloc(7, 1));
    assert.equal(wrongLength.ok, false);
    const zero = kx.computeSharedSecret(Buffer.alloc(group.keyExchangeLength));
    assert.equal(zero.ok, false, `group ${group.id} accepted zero`);
    const one = Buffer.alloc(group.keyExchangeLength); one[one.length - 1] = 1;
    assert.equal(kx.computeSharedSecret(one).ok, false, `group ${group.id} accepted 1`);
  }
  // Group 24: a value outside the order-q subgroup (g^x for the full-group generator 2) is refused.
  const g24 = dhGroup(24)!;
  const outside = keyExchangeFromPrivateKey({ ...(g24 as ModpGroup), generatorHex: '02', subgroupOrderHex: undefined } as ModpGroup, Buffer.from([0x77]));
  const check = createKeyExchange(g24, seededRandom(2)).computeSharedSecret(outside.publicValue);
  assert.equal(check.ok, false);
  assert.match(check.ok ? '' : check.problem, /subgroup/);
});
