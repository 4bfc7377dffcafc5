// pcap output dissected by tshark: a synthetic IKEv1 Main Mode (messages 1-6, 5 and 6 encrypted) and
// Quick Mode message 1, an IKEv2 IKE_SA_INIT and an encrypted IKE_AUTH on UDP 4500, ESP (AES-CBC/
// HMAC-SHA-256-128, AES-GCM, ESP-in-UDP) and AH, carried through the in-memory network. tshark must
// report no malformed packets or error expert infos, and, given the keys, must itself decrypt IKEv1
// (phase 1 and Quick Mode), IKEv2 and ESP with good checksums: an independent check of our encryption,
// IV chaining, phase-2 IVs and ICVs. Skipped (with a message) when tshark is not installed.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cipherSpec } from '../../../engine/src/crypto/ciphers';
import { dhGroup } from '../../../engine/src/crypto/dh-groups';
import { createKeyExchange } from '../../../engine/src/crypto/diffie-hellman';
import { deriveIkev1Phase1Keys, ikev1HashI, ikev1Phase1Iv, ikev1Phase2Iv, quickModeHash1 } from '../../../engine/src/crypto/ikev1-keys';
import { integritySpec } from '../../../engine/src/crypto/integrity';
import { seededRandom } from '../../../engine/src/crypto/random';
import { SimulatedClock } from '../../../engine/src/net/clock';
import { InMemoryNetwork } from '../../../engine/src/net/network';
import { encodePcap, type PcapLinkType } from '../../../engine/src/net/pcap';
import { ahEncapsulate } from '../../../engine/src/wire/ah';
import { espEncapsulate } from '../../../engine/src/wire/esp';
import { IpProtocol } from '../../../engine/src/wire/ipv4';
import { EncapsulationMode, EspTransformId, Ikev1ExchangeType, Ikev1IdType, Ikev1ProtocolId, IpsecAttribute } from '../../../engine/src/wire/ikev1/constants';
import { ikev1IdFromPrefix } from '../../../engine/src/wire/ikev1/identities';
import { encodeIkev1Message, encodeIkev1Payloads, encryptIkev1Message, payloadBody, type Ikev1Message } from '../../../engine/src/wire/ikev1/message';
import { encodeIkev2Message, encryptIkev2Message, type Ikev2SkKeys } from '../../../engine/src/wire/ikev2/message';
import { NON_ESP_MARKER } from '../../../engine/src/wire/udp';
import { espSa, ikeSaInitRequest, innerPing, mainModeMessage1 } from './fixtures';

const R2 = '10.1.15.1';
const R3 = '10.1.15.2';

function tsharkAvailable(): boolean {
  return spawnSync('tshark', ['--version'], { encoding: 'utf8' }).status === 0;
}

function tshark(file: string, args: string[]): string {
  const run = spawnSync('tshark', ['-r', file, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

interface Capture {
  readonly network: InMemoryNetwork;
  readonly ikev1Key: Buffer;
  readonly ikev2Keys: Ikev2SkKeys;
  readonly cbcSa: ReturnType<typeof espSa>;
  readonly gcmSa: ReturnType<typeof espSa>;
}

function capture(): Capture {
  const random = seededRandom('pcap');
  const clock = new SimulatedClock();
  const network = new InMemoryNetwork(clock, { latencyMs: 3 });
  const udp = (source: string, destination: string, port: number, payload: Buffer) => {
    network.sendUdp({ source, sourcePort: port, destination, destinationPort: port, payload });
    clock.advance(10);
  };

  // IKEv1 Main Mode 1..5 with real group-2 key exchange; message 5 encrypted with 3DES / SHA1 keys.
  const mm1 = mainModeMessage1();
  const cookieR = random.bytes(8);
  const sa = mm1.payloads[0]!;
  const withCookies = (payloads: Ikev1Message['payloads']): Ikev1Message => ({ ...mm1, responderCookie: cookieR, payloads });
  const group = dhGroup(2)!;
  const kxI = createKeyExchange(group, random), kxR = createKeyExchange(group, random);
  const nonceI = random.bytes(20), nonceR = random.bytes(20);
  udp(R2, R3, 500, encodeIkev1Message(mm1));
  udp(R3, R2, 500, encodeIkev1Message(withCookies([sa])));
  udp(R2, R3, 500, encodeIkev1Message(withCookies([{ kind: 'keyExchange', data: kxI.publicValue }, { kind: 'nonce', data: nonceI }])));
  udp(R3, R2, 500, encodeIkev1Message(withCookies([{ kind: 'keyExchange', data: kxR.publicValue }, { kind: 'nonce', data: nonceR }])));
  const shared = kxI.computeSharedSecret(kxR.publicValue);
  assert.ok(shared.ok);
  const keys = deriveIkev1Phase1Keys({ hash: 'sha1', preSharedKey: Buffer.from('juniper123'), nonceI, nonceR, sharedSecret: shared.sharedSecret, cookieI: mm1.initiatorCookie, cookieR, encryptionKeyLength: 24 });
  const id = { kind: 'identification' as const, idType: Ikev1IdType.ipv4Address, protocolId: 17, port: 500, data: Buffer.from([10, 1, 15, 1]) };
  const hashI = ikev1HashI({ hash: 'sha1', skeyid: keys.skeyid, publicI: kxI.publicValue, publicR: kxR.publicValue, cookieI: mm1.initiatorCookie, cookieR, saBodyI: payloadBody(sa), idBody: payloadBody(id) });
  const mm5 = encryptIkev1Message(withCookies([id, { kind: 'hash', data: hashI }]), { cipher: cipherSpec('3des-cbc'), key: keys.encryptionKey, iv: ikev1Phase1Iv('sha1', kxI.publicValue, kxR.publicValue, 8) });
  assert.ok(mm5.ok);
  udp(R2, R3, 500, mm5.value.bytes);
  // Message 6 continues the CBC chain; Quick Mode message 1 starts a new IV from the last phase-1 block.
  const idR = { ...id, data: Buffer.from([10, 1, 15, 2]) };
  const mm6 = encryptIkev1Message(withCookies([idR, { kind: 'hash', data: random.bytes(20) }]), { cipher: cipherSpec('3des-cbc'), key: keys.encryptionKey, iv: mm5.value.lastBlock });
  assert.ok(mm6.ok);
  udp(R3, R2, 500, mm6.value.bytes);
  const messageId = 0x5a5a0001;
  const qmPayloads: Ikev1Message['payloads'] = [
    { kind: 'sa', doi: 1, situation: 1, proposals: [{ proposalNumber: 1, protocolId: Ikev1ProtocolId.esp, spi: Buffer.from('8606894f', 'hex'), transforms: [{
      transformNumber: 1, transformId: EspTransformId.tripleDes, attributes: [
        { type: IpsecAttribute.saLifeType, value: 1 }, { type: IpsecAttribute.saLifeDuration, value: 28800 },
        { type: IpsecAttribute.encapsulationMode, value: EncapsulationMode.tunnel }, { type: IpsecAttribute.authenticationAlgorithm, value: 2 },
        { type: IpsecAttribute.groupDescription, value: 2 },
      ] }] }] },
    { kind: 'nonce', data: random.bytes(20) },
    { kind: 'keyExchange', data: createKeyExchange(group, random).publicValue },
    { kind: 'identification', ...ikev1IdFromPrefix('10.1.12.0/24')! },
    { kind: 'identification', ...ikev1IdFromPrefix('10.1.56.0/24')! },
  ];
  const after = encodeIkev1Payloads(qmPayloads).bytes;
  const qm1 = encryptIkev1Message({ ...withCookies([{ kind: 'hash', data: quickModeHash1('sha1', keys.skeyidA, messageId, after) }, ...qmPayloads]), exchangeType: Ikev1ExchangeType.quickMode, messageId },
    { cipher: cipherSpec('3des-cbc'), key: keys.encryptionKey, iv: ikev1Phase2Iv('sha1', mm6.value.lastBlock, messageId, 8) });
  assert.ok(qm1.ok);
  udp(R2, R3, 500, qm1.value.bytes);

  // IKEv2: IKE_SA_INIT on 500, then an IKE_AUTH request on 4500 behind the non-ESP marker.
  udp(R2, R3, 500, encodeIkev2Message(ikeSaInitRequest()));
  const ikev2Keys: Ikev2SkKeys = { cipher: cipherSpec('aes-256-cbc'), encryptionKey: Buffer.alloc(32, 5), integrity: integritySpec('hmac-sha-256-128'), integrityKey: Buffer.alloc(32, 6) };
  const auth = encryptIkev2Message({
    ...ikeSaInitRequest(), responderSpi: Buffer.from('99aabbccddeeff00', 'hex'), exchangeType: 35, messageId: 1,
    payloads: [{ kind: 'idInitiator', idType: 1, data: Buffer.from([10, 1, 15, 1]) }, { kind: 'authentication', authMethod: 2, data: Buffer.alloc(32, 0x42) }],
  }, ikev2Keys, random.bytes(16));
  assert.ok(auth.ok);
  udp(R2, R3, 4500, Buffer.concat([NON_ESP_MARKER, auth.value]));

  // ESP both ways: R1's ping to R4 and back.
  const cbcSa = espSa('aes-256-cbc', 'hmac-sha-256-128');
  const gcmSa = espSa('aes-128-gcm', undefined, 0x1001);
  const esp = (source: string, destination: string, payload: Buffer) => {
    network.sendIp({ tos: 0, identification: network.takeIdentification(), dontFragment: false, moreFragments: false, fragmentOffset: 0, ttl: 64, protocol: IpProtocol.esp, source, destination, options: Buffer.alloc(0), payload });
    clock.advance(10);
  };
  esp(R2, R3, espEncapsulate(cbcSa, 1, innerPing(1), random));
  esp(R3, R2, espEncapsulate(gcmSa, 1, innerPing(2), random));
  // RFC 3948 ESP-in-UDP on 4500 (what a NAT between the peers forces).
  udp(R2, R3, 4500, espEncapsulate(cbcSa, 2, innerPing(3), random));
  // AH tunnel mode (manual SA, `protocol ah`).
  const ahSa = { spi: 0x2001, integrity: integritySpec('hmac-sha1-96'), integrityKey: Buffer.alloc(20, 0x2b) };
  network.sendBytes(ahEncapsulate(ahSa, 1, innerPing(4), { tos: 0, identification: network.takeIdentification(), dontFragment: false, moreFragments: false, fragmentOffset: 0, ttl: 64, source: R2, destination: R3, options: Buffer.alloc(0) }));
  clock.runUntilIdle();
  return { network, ikev1Key: keys.encryptionKey, ikev2Keys, cbcSa, gcmSa };
}

const temporaryDirectories: string[] = [];
after(() => { for (const dir of temporaryDirectories) rmSync(dir, { recursive: true, force: true }); });

function writeCapture(c: Capture, linkType: PcapLinkType): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'junos-ipsec-pcap-'));
  temporaryDirectories.push(dir);
  const file = path.join(dir, `${linkType}.pcap`);
  writeFileSync(file, encodePcap(c.network.records, { linkType, epochSeconds: 1_764_000_000 }));
  return file;
}

test('pcap header and records are well formed', () => {
  const c = capture();
  const file = encodePcap(c.network.records);
  assert.equal(file.readUInt32LE(0), 0xa1b2c3d4);
  assert.equal(file.readUInt32LE(20), 101);
  const firstLength = file.readUInt32LE(24 + 8);
  assert.equal(firstLength, c.network.records[0]!.bytes.length);
  assert.equal(c.network.records.length, 13);
  assert.equal(file.length, 24 + c.network.records.reduce((sum, r) => sum + 16 + r.bytes.length, 0));
});

test('tshark dissects every packet without malformed or error expert infos (raw and Ethernet)', (t) => {
  if (!tsharkAvailable()) {
    t.skip('tshark is not on PATH (Debian: apt-get install -y tshark); pcap dissection not checked');
    return;
  }
  const c = capture();
  for (const linkType of ['raw', 'ethernet'] as const) {
    const file = writeCapture(c, linkType);
    const verbose = tshark(file, ['-V']);
    assert.doesNotMatch(verbose, /\[Malformed/);
    assert.doesNotMatch(verbose, /Expert Info \(Error/);
    const summary = tshark(file, ['-T', 'fields', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info']).trim().split('\n');
    assert.equal(summary.length, 13, summary.join('\n'));
    assert.match(summary[12]!, /Echo \(ping\) request/, 'AH: the inner ICMP is dissected behind the header');
    assert.match(summary[11]!, /^ESP\tESP \(SPI=0x8606894f\)/, 'ESP in UDP 4500');
    assert.match(summary[0]!, /ISAKMP\tIdentity Protection \(Main Mode\)/);
    assert.match(summary[6]!, /Quick Mode/);
    assert.match(summary[7]!, /IKE_SA_INIT MID=00 Initiator Request/);
    assert.match(summary[8]!, /IKE_AUTH MID=01 Initiator Request/);
    assert.match(summary[9]!, /^ESP\tESP \(SPI=0x8606894f\)/);
  }
});

test('tshark decrypts our IKEv1 messages 5-6 and Quick Mode, the IKEv2 SK payload and ESP, and finds the checksums good', (t) => {
  if (!tsharkAvailable()) {
    t.skip('tshark is not on PATH (Debian: apt-get install -y tshark); decryption not cross-checked');
    return;
  }
  const c = capture();
  const file = writeCapture(c, 'raw');
  const h = (b: Buffer) => b.toString('hex');
  const k = c.ikev2Keys;
  const options = [
    '-o', 'esp.enable_encryption_decode:TRUE', '-o', 'esp.enable_authentication_check:TRUE',
    '-o', `uat:esp_sa:"IPv4","${R2}","${R3}","0x8606894f","AES-CBC [RFC3602]","0x${h(c.cbcSa.encryptionKey)}","HMAC-SHA-256-128 [RFC4868]","0x${h(c.cbcSa.integrityKey!)}"`,
    '-o', `uat:esp_sa:"IPv4","${R3}","${R2}","0x00001001","AES-GCM with 16 octet ICV [RFC4106]","0x${h(c.gcmSa.encryptionKey)}","NULL","0x"`,
    '-o', `uat:ikev2_decryption_table:1122334455667788,99aabbccddeeff00,${h(k.encryptionKey)},${h(k.encryptionKey)},"AES-CBC-256 [RFC3602]",${h(k.integrityKey!)},${h(k.integrityKey!)},"HMAC_SHA2_256_128 [RFC4868]"`,
    '-o', `uat:ikev1_decryption_table:${h(mainModeMessage1().initiatorCookie)},${h(c.ikev1Key)}`,
  ];
  const fields = tshark(file, [...options, '-T', 'fields', '-e', 'frame.number', '-e', 'esp.icv_good', '-e', 'icmp.type']).trim().split('\n').map((line) => line.split('\t'));
  assert.deepEqual(fields[9], ['10', '1', '8'], 'ESP AES-CBC/HMAC-SHA-256-128: ICV good, inner ICMP echo');
  assert.deepEqual(fields[10], ['11', '1', '8'], 'ESP AES-GCM-16: ICV good, inner ICMP echo');
  assert.deepEqual(fields[11], ['12', '1', '8'], 'ESP in UDP 4500: ICV good, inner ICMP echo');
  const verbose = tshark(file, [...options, '-V']);
  const frame = (n: number) => verbose.slice(verbose.indexOf(`Frame ${n}:`), verbose.indexOf(`Frame ${n + 1}:`) > 0 ? verbose.indexOf(`Frame ${n + 1}:`) : undefined);
  assert.match(frame(9), /Integrity Checksum Data: .*\[correct\]/, 'IKEv2 SK checksum verified by tshark');
  assert.match(frame(9), /Authentication Method: Shared Key Message Integrity Code/);
  assert.match(frame(6), /ID type: IPV4_ADDR \(1\)/, 'IKEv1 message 6 decrypted (IV = last block of message 5)');
  assert.match(frame(7), /ID type: IPV4_ADDR_SUBNET/, 'Quick Mode message 1 decrypted (IV = hash(last phase-1 block | M-ID))');
  assert.match(frame(7), /Payload: Nonce/);
  assert.match(frame(5), /ID type: IPV4_ADDR/, 'IKEv1 message 5 decrypted by tshark (3DES, IV from the KE payloads)');
  assert.match(frame(5), /Payload: Hash/);
  assert.doesNotMatch(verbose, /\[Malformed/);
});
