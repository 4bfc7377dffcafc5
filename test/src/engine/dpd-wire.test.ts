// DPD messages on the wire, checked by means that do not share our code:
// 1. IKEv1 R-U-THERE / R-U-THERE-ACK built with the keys of a real negotiation are opened by hand with
//    node:crypto (IV = SHA1(last phase-1 block | M-ID) cut to 8 bytes, 3DES-CBC, HASH(1) =
//    HMAC-SHA1(SKEYID_a, M-ID | notification)), and the payloads are read byte by byte (RFC 3706: protocol
//    ISAKMP, SPI = both cookies, type 36136/36137, 4-byte sequence number).
// 2. A tampered message or one opened with the other IKE SA's keys is refused.
// 3. IKEv2 liveness checks: empty INFORMATIONAL request and response, the receiver's checksum verifies and
//    the message IDs follow RFC 7296 2.2 (the original responder's first request is 0).
// 4. tshark dissects them without errors and, given the keys, decrypts them: it names R-U-THERE and the
//    sequence number (IKEv1), and finds the IKEv2 SK checksum correct. Skipped when tshark is missing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seededRandom } from '../../../engine/src/crypto/random';
import { buildIkev1Dpd, buildIkev2Liveness, openIkev1Dpd, openIkev2Liveness } from '../../../engine/src/dpd/index';
import { SimulatedClock } from '../../../engine/src/net/clock';
import { InMemoryNetwork } from '../../../engine/src/net/network';
import { encodePcap } from '../../../engine/src/net/pcap';
import { negotiate, type Ikev1Keying, type Ikev2Keying } from '../../../engine/src/sa/index';
import { IKEV2_CHANGES, R2_ADDRESS, R3_ADDRESS, seedTunnel } from './sa-fixtures';

type On = { clock: SimulatedClock; network: InMemoryNetwork } | Record<string, never>;

function v1Keyings(seed: string, on: On = {}): { r2: Ikev1Keying; r3: Ikev1Keying } {
  const t = seedTunnel();
  const r = negotiate(t.r2, t.r3, { seed, ...on });
  assert.equal(r.outcome, 'ESTABLISHED');
  const r2 = r.initiator.keying, r3 = r.responder.keying;
  assert.ok(r2?.version === 1 && r3?.version === 1);
  return { r2, r3 };
}

function v2Keyings(seed: string, on: On = {}): { r2: Ikev2Keying; r3: Ikev2Keying } {
  const t = seedTunnel(IKEV2_CHANGES, IKEV2_CHANGES);
  const r = negotiate(t.r2, t.r3, { seed, ...on });
  assert.equal(r.outcome, 'ESTABLISHED');
  const r2 = r.initiator.keying, r3 = r.responder.keying;
  assert.ok(r2?.version === 2 && r3?.version === 2);
  return { r2, r3 };
}

test('IKEv1 R-U-THERE: encrypted Informational with HASH(1), opened by hand with node:crypto', () => {
  const { r2, r3 } = v1Keyings('dpd-v1');
  const messageId = 0x1a2b3c4d;
  const bytes = buildIkev1Dpd(r2, 'R-U-THERE', 7, messageId);
  assert.ok(Buffer.isBuffer(bytes));
  // ISAKMP header: cookies, next payload HASH (8), version 1.0, exchange 5, flags E, M-ID.
  assert.deepEqual(bytes.subarray(0, 8), r2.cookieI);
  assert.deepEqual(bytes.subarray(8, 16), r2.cookieR);
  assert.deepEqual([bytes[16], bytes[17], bytes[18], bytes[19]! & 1], [8, 0x10, 5, 1]);
  assert.equal(bytes.readUInt32BE(20), messageId);
  assert.equal(bytes.readUInt32BE(24), bytes.length);
  const mid = bytes.subarray(20, 24);
  const iv = createHash('sha1').update(r2.lastBlock()).update(mid).digest().subarray(0, 8);
  const d = createDecipheriv('des-ede3-cbc', r2.encryptionKey(), iv).setAutoPadding(false);
  const plain = Buffer.concat([d.update(bytes.subarray(28)), d.final()]);
  // HASH payload: next = N (11), length 24 (20-byte SHA-1 HMAC).
  assert.deepEqual([plain[0], plain.readUInt16BE(2)], [11, 24]);
  const hash = plain.subarray(4, 24);
  const notifyLength = plain.readUInt16BE(26);
  const notify = plain.subarray(24, 24 + notifyLength);
  assert.deepEqual(hash, createHmac('sha1', r2.skeyidA()).update(mid).update(notify).digest(), 'HASH(1) = prf(SKEYID_a, M-ID | N)');
  // Notification: next 0, DOI 1, protocol ISAKMP (1), SPI size 16, type 36136, SPI = CKY-I | CKY-R, data = seq.
  assert.equal(notify[0], 0);
  assert.equal(notify.readUInt32BE(4), 1);
  assert.deepEqual([notify[8], notify[9], notify.readUInt16BE(10)], [1, 16, 36136]);
  assert.deepEqual(notify.subarray(12, 28), Buffer.concat([r2.cookieI, r2.cookieR]));
  assert.equal(notify.readUInt32BE(28), 7);
  assert.equal(notifyLength, 32);
  // The peer opens it with its own copy of the keys; the ACK echoes the sequence number.
  assert.deepEqual(openIkev1Dpd(r3, bytes), { type: 'R-U-THERE', sequence: 7, messageId });
  const ack = buildIkev1Dpd(r3, 'R-U-THERE-ACK', 7, 99);
  assert.ok(Buffer.isBuffer(ack));
  assert.deepEqual(openIkev1Dpd(r2, ack), { type: 'R-U-THERE-ACK', sequence: 7, messageId: 99 });
});

test('IKEv1: a flipped bit, or the keys of another IKE SA, and the hello is refused', () => {
  const { r2, r3 } = v1Keyings('dpd-v1');
  const other = v1Keyings('dpd-v1-other');
  const bytes = buildIkev1Dpd(r2, 'R-U-THERE', 3, 42) as Buffer;
  const tampered = Buffer.from(bytes);
  tampered[tampered.length - 9]! ^= 0x01;
  assert.equal(typeof openIkev1Dpd(r3, tampered), 'string');
  assert.match(String(openIkev1Dpd(other.r3, bytes)), /cookies of another ISAKMP SA/);
  const forged = Buffer.from(bytes);
  other.r2.cookieI.copy(forged, 0);
  other.r2.cookieR.copy(forged, 8);
  assert.equal(typeof openIkev1Dpd(other.r3, forged), 'string', 'right cookies, wrong keys: HASH(1) or decryption fails');
});

test('IKEv2 liveness check: empty INFORMATIONAL in SK, message IDs per direction, checksum verified', () => {
  const { r2, r3 } = v2Keyings('dpd-v2');
  assert.deepEqual([r2.nextRequestId, r2.nextPeerRequestId, r3.nextRequestId, r3.nextPeerRequestId], [2, 0, 0, 2]);
  const random = seededRandom('iv');
  const request = buildIkev2Liveness(r2, 2, false, random) as Buffer;
  // Header: SPIs, next payload SK (46), version 2.0, exchange 37, flags I (0x08), M-ID 2.
  assert.deepEqual([request[16], request[17], request[18], request[19], request.readUInt32BE(20)], [46, 0x20, 37, 0x08, 2]);
  // SK payload: no inner payload (next 0).
  assert.equal(request[28], 0);
  assert.deepEqual(openIkev2Liveness(r3, request), { response: false, messageId: 2, payloads: 0 });
  const response = buildIkev2Liveness(r3, 2, true, random) as Buffer;
  assert.equal(response[19], 0x20, 'the original responder answers: R flag, no I flag');
  assert.deepEqual(openIkev2Liveness(r2, response), { response: true, messageId: 2, payloads: 0 });
  // The original responder's own first request uses message ID 0 and no I flag.
  const fromResponder = buildIkev2Liveness(r3, r3.nextRequestId, false, random) as Buffer;
  assert.deepEqual([fromResponder[19], fromResponder.readUInt32BE(20)], [0x00, 0]);
  assert.deepEqual(openIkev2Liveness(r2, fromResponder), { response: false, messageId: 0, payloads: 0 });
  const tampered = Buffer.from(request);
  tampered[40]! ^= 0x80;
  assert.match(String(openIkev2Liveness(r3, tampered)), /checksum/);
  assert.match(String(openIkev2Liveness(r2, request)), /I flag says this side sent it/);
});

const dir = mkdtempSync(path.join(tmpdir(), 'dpd-wire-'));
after(() => { if (process.env.KEEP_DPD_PCAP === undefined) rmSync(dir, { recursive: true, force: true }); });

test('tshark dissects R-U-THERE, R-U-THERE-ACK and IKEv2 liveness checks and decrypts them with the keys', (t) => {
  if (spawnSync('tshark', ['--version']).status !== 0) {
    t.skip('tshark is not on PATH (Debian: apt-get install -y tshark)');
    return;
  }
  // The negotiations are in the capture too: tshark derives the informational IVs from phase 1.
  const clock = new SimulatedClock();
  const network = new InMemoryNetwork(clock, { latencyMs: 1 });
  const v1 = v1Keyings('dpd-v1', { clock, network });
  const send = (from: string, to: string, payload: Buffer | string) => {
    assert.ok(Buffer.isBuffer(payload));
    network.sendUdp({ source: from, sourcePort: 500, destination: to, destinationPort: 500, payload });
    clock.advance(10);
  };
  const random = seededRandom('tshark');
  send(R2_ADDRESS, R3_ADDRESS, buildIkev1Dpd(v1.r2, 'R-U-THERE', 1, 0x01020304));
  send(R3_ADDRESS, R2_ADDRESS, buildIkev1Dpd(v1.r3, 'R-U-THERE-ACK', 1, 0x0a0b0c0d));
  const v2 = v2Keyings('dpd-v2', { clock, network });
  send(R2_ADDRESS, R3_ADDRESS, buildIkev2Liveness(v2.r2, 2, false, random));
  send(R3_ADDRESS, R2_ADDRESS, buildIkev2Liveness(v2.r3, 2, true, random));
  const file = path.join(dir, 'dpd.pcap');
  writeFileSync(file, encodePcap(network.records, { epochSeconds: 1_800_000_000 }));
  const h = (b: Buffer) => b.toString('hex');
  const send2 = v2.r2.sendKeys(), back2 = v2.r3.sendKeys();
  const options = [
    '-o', `uat:ikev1_decryption_table:${h(v1.r2.cookieI)},${h(v1.r2.encryptionKey())}`,
    '-o', `uat:ikev2_decryption_table:${h(v2.r2.spiI)},${h(v2.r2.spiR)},${h(send2.encryptionKey)},${h(back2.encryptionKey)},"AES-CBC-256 [RFC3602]",${h(send2.integrityKey!)},${h(back2.integrityKey!)},"HMAC_SHA2_256_128 [RFC4868]"`,
  ];
  const run = (args: string[]) => {
    const r = spawnSync('tshark', ['-r', file, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const summary = run(['-T', 'fields', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info']).trim().split('\n');
  // Main Mode and Quick Mode (9), the hello and its ACK, IKE_SA_INIT and IKE_AUTH (4), the liveness check.
  assert.equal(summary.length, 9 + 2 + 4 + 2, summary.join('\n'));
  assert.match(summary[9]!, /ISAKMP\tInformational/);
  assert.match(summary[10]!, /ISAKMP\tInformational/);
  assert.match(summary[15]!, /INFORMATIONAL MID=02 Initiator Request/);
  assert.match(summary[16]!, /INFORMATIONAL MID=02 Responder Response/);
  const verbose = run([...options, '-V']);
  assert.doesNotMatch(verbose, /\[Malformed/);
  assert.doesNotMatch(verbose, /Expert Info \(Error/);
  const frame = (n: number) => verbose.slice(verbose.indexOf(`Frame ${n}:`), n < 17 ? verbose.indexOf(`Frame ${n + 1}:`) : undefined);
  assert.match(frame(10), /Notify Message Type: R-U-THERE \(36136\)/, 'tshark decrypts the hello with the phase-1 key');
  assert.match(frame(11), /Notify Message Type: R-U-THERE-ACK \(36137\)/);
  assert.match(frame(16), /Integrity Checksum Data: .*\[correct\]/, 'IKEv2 request checksum verified by tshark');
  assert.match(frame(17), /Integrity Checksum Data: .*\[correct\]/);
});
