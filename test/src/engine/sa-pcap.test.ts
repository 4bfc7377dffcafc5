// Cross-checks of a full negotiation by means that do not share our code:
// 1. The test recovers both DH private keys from the random draws (by matching g^x against the KE
//    payloads on the wire), then recomputes RFC 2409 by hand with node:crypto (SKEYID, SKEYID_d/a/e, the
//    3DES key expansion, the IV chain, HASH_I/HASH_R, Quick Mode HASH(1), PFS g^xy and KEYMAT), decrypts
//    Main Mode 5-6 and Quick Mode 1-2 from the captured datagrams and compares the KEYMAT with the SA keys
//    negotiate() returned.
// 2. tshark dissects the capture (IKEv1 Main + Quick Mode, IKEv2, and ESP pings with the negotiated keys)
//    without malformed packets or error expert infos, and, given the independently derived phase-1 key and
//    the ESP keys, decrypts IKEv1 and checks the ESP ICVs. Skipped when tshark is not installed.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seededRandom, type RandomSource } from '../../../engine/src/crypto/random';
import { SimulatedClock } from '../../../engine/src/net/clock';
import { InMemoryNetwork } from '../../../engine/src/net/network';
import { encodePcap } from '../../../engine/src/net/pcap';
import { negotiate, type NegotiationResult } from '../../../engine/src/sa/index';
import { espEncapsulate } from '../../../engine/src/wire/esp';
import { innerPing } from './fixtures';
import { IKEV2_CHANGES, R2_ADDRESS, R3_ADDRESS, SEED_PSK, seedTunnel } from './sa-fixtures';

// RFC 2409 6.2, the 1024-bit MODP prime (group 2), written out here independently of dh-groups.ts.
const P = BigInt('0x' + 'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD'
  + 'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED'
  + 'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF');

function powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n, b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) { if (e & 1n) result = (result * b) % modulus; b = (b * b) % modulus; }
  return result;
}
const big = (b: Buffer) => BigInt('0x' + b.toString('hex'));
const bytes128 = (v: bigint) => Buffer.from(v.toString(16).padStart(256, '0'), 'hex');
const hmac = (key: Buffer, ...parts: Buffer[]) => { const h = createHmac('sha1', key); parts.forEach((p) => h.update(p)); return h.digest(); };
const sha1 = (...parts: Buffer[]) => { const h = createHash('sha1'); parts.forEach((p) => h.update(p)); return h.digest(); };
const tdes = (key: Buffer, iv: Buffer, data: Buffer) => { const d = createDecipheriv('des-ede3-cbc', key, iv).setAutoPadding(false); return Buffer.concat([d.update(data), d.final()]); };

/** Walks an ISAKMP payload chain by hand: [{ type, body, raw }] (raw includes the generic header). */
function chain(first: number, data: Buffer): { type: number; body: Buffer; raw: Buffer }[] {
  const out: { type: number; body: Buffer; raw: Buffer }[] = [];
  let type = first, offset = 0;
  while (type !== 0) {
    const length = data.readUInt16BE(offset + 2);
    out.push({ type, body: data.subarray(offset + 4, offset + length), raw: data.subarray(offset, offset + length) });
    type = data[offset]!;
    offset += length;
  }
  return out;
}
const body = (payloads: { type: number; body: Buffer }[], type: number, index = 0) => payloads.filter((p) => p.type === type)[index]!.body;

interface Capture { network: InMemoryNetwork; v1: NegotiationResult; v2: NegotiationResult; draws: Buffer[]; v1Count: number }

function capture(): Capture {
  const clock = new SimulatedClock();
  const network = new InMemoryNetwork(clock, { latencyMs: 2 });
  const inner = seededRandom('pcap-cross-check');
  const draws: Buffer[] = [];
  const random: RandomSource = { bytes: (n) => { const b = inner.bytes(n); draws.push(b); return b; } };
  const seed = seedTunnel();
  const v1 = negotiate(seed.r2, seed.r3, { random, clock, network });
  const v1Count = network.records.length;
  const out = v1.initiator.ipsecSas.find((s) => s.direction === 'outbound')!;
  const back = v1.responder.ipsecSas.find((s) => s.direction === 'outbound')!;
  const esp = (source: string, destination: string, payload: Buffer) => network.sendIp({
    tos: 0, identification: network.takeIdentification(), dontFragment: false, moreFragments: false, fragmentOffset: 0, ttl: 64, protocol: 50, source, destination, options: Buffer.alloc(0), payload,
  });
  esp(R2_ADDRESS, R3_ADDRESS, espEncapsulate(out.esp, 1, innerPing(1), random));
  esp(R3_ADDRESS, R2_ADDRESS, espEncapsulate(back.esp, 1, innerPing(2), random));
  clock.advance(10);
  const v2tunnel = seedTunnel(IKEV2_CHANGES, IKEV2_CHANGES);
  const v2 = negotiate(v2tunnel.r2, v2tunnel.r3, { random, clock, network });
  return { network, v1, v2, draws, v1Count };
}

const ike = (c: Capture, index: number) => c.network.records[index]!.bytes.subarray(28);

/** Phase-1 and Quick Mode recomputed by hand; returns the phase-1 3DES key for tshark. */
function crossCheck(c: Capture): { cookieI: Buffer; encryptionKey: Buffer } {
  const m = Array.from({ length: 9 }, (_, i) => ike(c, i));
  const cookieI = m[0]!.subarray(0, 8), cookieR = m[1]!.subarray(8, 16);
  const saBodyI = body(chain(m[0]![16]!, m[0]!.subarray(28)), 1);
  const mm3 = chain(m[2]![16]!, m[2]!.subarray(28)), mm4 = chain(m[3]![16]!, m[3]!.subarray(28));
  const gxi = body(mm3, 4), gxr = body(mm4, 4), ni = body(mm3, 10), nr = body(mm4, 10);
  const privateFor = (publicValue: Buffer) => c.draws.find((d) => d.length === 32 && powMod(2n, big(d), P) === big(publicValue));
  const xi = privateFor(gxi), xr = privateFor(gxr);
  assert.ok(xi !== undefined && xr !== undefined, 'both private keys found among the random draws');
  const gxy = bytes128(powMod(big(gxr), big(xi), P));
  assert.deepEqual(gxy, bytes128(powMod(big(gxi), big(xr), P)));
  const skeyid = hmac(Buffer.from(SEED_PSK), ni, nr);
  const cookies = Buffer.concat([cookieI, cookieR]);
  const d = hmac(skeyid, gxy, cookies, Buffer.from([0]));
  const a = hmac(skeyid, d, gxy, cookies, Buffer.from([1]));
  const e = hmac(skeyid, a, gxy, cookies, Buffer.from([2]));
  const k1 = hmac(e, Buffer.from([0]));
  const key = Buffer.concat([k1, hmac(e, k1)]).subarray(0, 24);
  // Main Mode 5: IV = SHA1(g^xi | g^xr), first 8 bytes.
  const c5 = m[4]!.subarray(28), c6 = m[5]!.subarray(28);
  const p5 = chain(m[4]![16]!, tdes(key, sha1(gxi, gxr).subarray(0, 8), c5));
  assert.deepEqual(body(p5, 8), hmac(skeyid, gxi, gxr, cookieI, cookieR, saBodyI, body(p5, 5)), 'HASH_I recomputed');
  assert.deepEqual(body(p5, 5), Buffer.from([1, 17, 1, 244, 10, 1, 15, 1]), 'IDii = ID_IPV4_ADDR 10.1.15.1, UDP 500');
  const p6 = chain(m[5]![16]!, tdes(key, c5.subarray(c5.length - 8), c6));
  assert.deepEqual(body(p6, 8), hmac(skeyid, gxr, gxi, cookieR, cookieI, saBodyI, body(p6, 5)), 'HASH_R recomputed (IV = last block of message 5)');
  // Quick Mode 1: IV = SHA1(last block of message 6 | M-ID).
  const mid = m[6]!.subarray(20, 24);
  const c7 = m[6]!.subarray(28), c8 = m[7]!.subarray(28);
  const plain7 = tdes(key, sha1(c6.subarray(c6.length - 8), mid).subarray(0, 8), c7);
  const q1 = chain(m[6]![16]!, plain7);
  const covered = Buffer.concat(q1.slice(1).map((p) => p.raw));
  assert.deepEqual(body(q1, 8), hmac(a, mid, covered), 'Quick Mode HASH(1) recomputed');
  const q2 = chain(m[7]![16]!, tdes(key, c7.subarray(c7.length - 8), c8));
  const niQ = body(q1, 10), nrQ = body(q2, 10), kiQ = body(q1, 4), krQ = body(q2, 4);
  const yi = privateFor(kiQ);
  assert.ok(yi !== undefined);
  const gqm = bytes128(powMod(big(krQ), big(yi), P));
  // The responder's SPI sits in its SA payload's proposal: SA body = DOI(4) situation(4) | proposal header(4) | #,proto,spi size,#transforms | SPI.
  const spiR = body(q2, 1).subarray(16, 20);
  const seed = [gqm, Buffer.from([3]), spiR, niQ, nrQ];
  const km1 = hmac(d, ...seed), km2 = hmac(d, km1, ...seed), km3 = hmac(d, km2, ...seed);
  const keymat = Buffer.concat([km1, km2, km3]);
  const outbound = c.v1.initiator.ipsecSas.find((s) => s.direction === 'outbound')!;
  assert.equal(outbound.spi, spiR.readUInt32BE(0));
  assert.deepEqual(outbound.esp.encryptionKey, keymat.subarray(0, 24), 'ESP 3DES key = KEYMAT[0..24]');
  assert.deepEqual(outbound.esp.integrityKey, keymat.subarray(24, 44), 'ESP HMAC-SHA1 key = KEYMAT[24..44]');
  return { cookieI: Buffer.from(cookieI), encryptionKey: key };
}

test('IKEv1 Main Mode + Quick Mode recomputed by hand from the captured bytes agree with negotiate()', () => {
  const c = capture();
  assert.equal(c.v1.outcome, 'ESTABLISHED');
  assert.equal(c.v1Count, 9);
  crossCheck(c);
});

const dir = mkdtempSync(path.join(tmpdir(), 'sa-pcap-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('tshark dissects a whole negotiation (IKEv1, ESP, IKEv2) cleanly and decrypts it with independently derived keys', (t) => {
  if (spawnSync('tshark', ['--version']).status !== 0) {
    t.skip('tshark is not on PATH (Debian: apt-get install -y tshark)');
    return;
  }
  const c = capture();
  assert.equal(c.v2.outcome, 'ESTABLISHED');
  const file = path.join(dir, 'negotiation.pcap');
  writeFileSync(file, encodePcap(c.network.records, { epochSeconds: 1_800_000_000 }));
  const { cookieI, encryptionKey } = crossCheck(c);
  const h = (b: Buffer) => b.toString('hex');
  const out = c.v1.initiator.ipsecSas.find((s) => s.direction === 'outbound')!;
  const back = c.v1.responder.ipsecSas.find((s) => s.direction === 'outbound')!;
  const options = [
    '-o', 'esp.enable_encryption_decode:TRUE', '-o', 'esp.enable_authentication_check:TRUE',
    '-o', `uat:esp_sa:"IPv4","${R2_ADDRESS}","${R3_ADDRESS}","0x${out.spi.toString(16).padStart(8, '0')}","TripleDES-CBC [RFC2451]","0x${h(out.esp.encryptionKey)}","HMAC-SHA-1-96 [RFC2404]","0x${h(out.esp.integrityKey!)}"`,
    '-o', `uat:esp_sa:"IPv4","${R3_ADDRESS}","${R2_ADDRESS}","0x${back.spi.toString(16).padStart(8, '0')}","TripleDES-CBC [RFC2451]","0x${h(back.esp.encryptionKey)}","HMAC-SHA-1-96 [RFC2404]","0x${h(back.esp.integrityKey!)}"`,
    '-o', `uat:ikev1_decryption_table:${h(cookieI)},${h(encryptionKey)}`,
  ];
  const run = (args: string[]) => {
    const r = spawnSync('tshark', ['-r', file, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const verbose = run([...options, '-V']);
  assert.doesNotMatch(verbose, /\[Malformed/);
  assert.doesNotMatch(verbose, /Expert Info \(Error/);
  const summary = run(['-T', 'fields', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info']).trim().split('\n');
  assert.equal(summary.length, 9 + 2 + 4, summary.join('\n'));
  assert.match(summary[0]!, /ISAKMP\tIdentity Protection \(Main Mode\)/);
  assert.match(summary[6]!, /Quick Mode/);
  assert.match(summary[9]!, /^ESP/);
  assert.match(summary[11]!, /IKE_SA_INIT MID=00 Initiator Request/);
  assert.match(summary[14]!, /IKE_AUTH MID=01 Responder Response/);
  const fields = run([...options, '-T', 'fields', '-e', 'frame.number', '-e', 'esp.icv_good', '-e', 'icmp.type']).trim().split('\n').map((line) => line.split('\t'));
  assert.deepEqual(fields[9], ['10', '1', '8'], 'ESP R2 -> R3 with the negotiated keys: ICV good, inner echo request');
  assert.deepEqual(fields[10], ['11', '1', '8'], 'ESP R3 -> R2: ICV good');
  const frame = (n: number) => verbose.slice(verbose.indexOf(`Frame ${n}:`), verbose.indexOf(`Frame ${n + 1}:`));
  assert.match(frame(5), /ID type: IPV4_ADDR \(1\)/, 'tshark decrypts Main Mode 5 with the key derived in the test');
  assert.match(frame(7), /ID type: IPV4_ADDR_SUBNET/, 'and Quick Mode 1 (phase-2 IV)');
});
