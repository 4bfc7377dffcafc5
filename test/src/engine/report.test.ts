/**
 * The Junos show outputs against the seed's own: a real simulation of examples/ike-dynamic-sa is printed,
 * the values that differ by nature (cookies, SPIs, lifetimes left, the proxy identities the seed's routers
 * had, the AS PIC window the seed shows) are replaced by the seed's, and the text must then equal the seed's
 * output line by line (layout) and word for word (the seed page prints it with its line breaks removed).
 * Plus: identity notation, the brief forms, empty outputs, and the human summary's order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  formatSummary, junosIdentity, showIkeSecurityAssociations, showIkeSecurityAssociationsDetail, showIpsecSecurityAssociations,
  showIpsecSecurityAssociationsDetail,
} from '../../../engine/src/report/index';
import { simulate, type SimulationResult, type TunnelSide } from '../../../engine/src/simulate/index';

const repoRoot = path.resolve(__dirname, '../../../..');

async function simulatedExample(): Promise<SimulationResult> {
  const dir = path.join(repoRoot, 'examples', 'ike-dynamic-sa');
  const inputs = fs.readdirSync(dir).filter((f) => f.endsWith('.conf')).sort().map((f) => ({ id: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  return simulate(inputs, { seed: 2024 });
}

/** The seed's outputs, as the page prints them (line breaks lost). */
const SEED_R2_IKE = 'Remote Address State Initiator cookie Responder cookie Exchange type 10.1.15.2 Matured 03075bd3a0000003 4bff26a5c7000003 Main';
const SEED_R2_IPSEC_DETAIL =
  'Service set: demo-service-set Rule: rule-ike, Term: term-ike, Tunnel index: 1 Local gateway: 10.1.15.1, Remote gateway: 10.1.15.2 ' +
  'Local identity: ipv4_subnet(any:0,[0..7]=10.1.12.0/24) Remote identity: ipv4_subnet(any:0,[0..7]=10.1.56.0/24) ' +
  'Direction: inbound, SPI: 2666326758, AUX-SPI: 0 Mode: tunnel, Type: dynamic, State: Installed Protocol: ESP, Authentication: hmac-sha1-96, Encryption: 3des-cbc ' +
  'Soft lifetime: Expires in 26863 seconds Hard lifetime: Expires in 26998 seconds Anti-replay service: Enabled, Replay window size: 64 ' +
  'Direction: outbound, SPI: 684772754, AUX-SPI: 0 Mode: tunnel, Type: dynamic, State: Installed Protocol: ESP, Authentication: hmac-sha1-96, Encryption: 3des-cbc ' +
  'Soft lifetime: Expires in 26863 seconds Hard lifetime: Expires in 26998 seconds Anti-replay service: Enabled, Replay window size: 64';

/** The same outputs with Junos's line breaks and indentation. */
const SEED_R2_IKE_LINES = [
  'Remote Address  State         Initiator cookie  Responder cookie  Exchange type',
  '10.1.15.2       Matured       03075bd3a0000003  4bff26a5c7000003  Main',
];
const SEED_R2_IPSEC_DETAIL_LINES = [
  'Service set: demo-service-set',
  '',
  '  Rule: rule-ike, Term: term-ike, Tunnel index: 1',
  '  Local gateway: 10.1.15.1, Remote gateway: 10.1.15.2',
  '  Local identity: ipv4_subnet(any:0,[0..7]=10.1.12.0/24)',
  '  Remote identity: ipv4_subnet(any:0,[0..7]=10.1.56.0/24)',
  '',
  '    Direction: inbound, SPI: 2666326758, AUX-SPI: 0',
  '    Mode: tunnel, Type: dynamic, State: Installed',
  '    Protocol: ESP, Authentication: hmac-sha1-96, Encryption: 3des-cbc',
  '    Soft lifetime: Expires in 26863 seconds',
  '    Hard lifetime: Expires in 26998 seconds',
  '    Anti-replay service: Enabled, Replay window size: 64',
  '',
  '    Direction: outbound, SPI: 684772754, AUX-SPI: 0',
  '    Mode: tunnel, Type: dynamic, State: Installed',
  '    Protocol: ESP, Authentication: hmac-sha1-96, Encryption: 3des-cbc',
  '    Soft lifetime: Expires in 26863 seconds',
  '    Hard lifetime: Expires in 26998 seconds',
  '    Anti-replay service: Enabled, Replay window size: 64',
];

/** R2's side of the simulation with the seed's values put in where a simulation differs by nature. */
function withSeedValues(side: TunnelSide): TunnelSide {
  const seedSpi = { inbound: 2666326758, outbound: 684772754 } as const;
  return {
    ...side,
    ikeSa: side.ikeSa && { ...side.ikeSa, initiatorCookie: '03075bd3a0000003', responderCookie: '4bff26a5c7000003' },
    ipsecSas: side.ipsecSas.map((sa) => ({
      ...sa,
      spi: seedSpi[sa.direction],
      softExpiresInSeconds: 26863,
      hardExpiresInSeconds: 26998,
      antiReplayWindow: 64,
      localIdentity: '10.1.12.0/24',
      remoteIdentity: '10.1.56.0/24',
    })),
  };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

test("R2's show outputs, with the seed's values substituted, equal the seed's line by line and word for word", async () => {
  const result = await simulatedExample();
  const r2 = result.tunnels[0]!.sides.find((s) => s.device === 'R2')!;
  const seeded = [withSeedValues(r2)];
  const ike = showIkeSecurityAssociations(seeded);
  const ipsec = showIpsecSecurityAssociationsDetail(seeded);
  assert.deepEqual(ike.trimEnd().split('\n'), SEED_R2_IKE_LINES);
  assert.deepEqual(ipsec.trimEnd().split('\n'), SEED_R2_IPSEC_DETAIL_LINES);
  assert.equal(collapse(ike), SEED_R2_IKE);
  assert.equal(collapse(ipsec), SEED_R2_IPSEC_DETAIL);
  // The unsubstituted output is what the simulation computed: its own SPIs, the MS-PIC window, any-any identities.
  const own = result.showOutputs.find((o) => o.device === 'R2')!.ipsecSecurityAssociationsDetail;
  for (const sa of r2.ipsecSas) assert.ok(own.includes(`Direction: ${sa.direction}, SPI: ${sa.spi}, AUX-SPI: 0`));
  assert.match(own, /Replay window size: 128/);
  assert.match(own, /Local identity: ipv4_subnet\(any:0,\[0\.\.7\]=0\.0\.0\.0\/0\)/);
  const lifetimes = [...own.matchAll(/(Soft|Hard) lifetime: Expires in (\d+) seconds/g)].map((m) => Number(m[2]));
  assert.ok(lifetimes.every((n) => n > 28000 && n <= 28800), `lifetimes count down from 28800: ${lifetimes.join(', ')}`);
});

test("R3's outputs mirror R2's: same cookies, the SPIs swapped between directions", async () => {
  const result = await simulatedExample();
  const [r2, r3] = ['R2', 'R3'].map((d) => result.showOutputs.find((o) => o.device === d)!);
  const cookies = (text: string) => text.split('\n')[1]!.split(/\s+/).slice(2, 4);
  assert.deepEqual(cookies(r3!.ikeSecurityAssociations), cookies(r2!.ikeSecurityAssociations));
  assert.match(r3!.ikeSecurityAssociations, /^10\.1\.15\.1 /m);
  const spis = (text: string) => [...text.matchAll(/Direction: (\w+), SPI: (\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
  const [in2, out2] = spis(r2!.ipsecSecurityAssociationsDetail).map((s) => s.split(' ')[1]);
  assert.deepEqual(spis(r3!.ipsecSecurityAssociationsDetail), [`inbound ${out2}`, `outbound ${in2}`]);
});

test('brief IPsec table, IKE detail, and nothing printed for a router without SAs', async () => {
  const result = await simulatedExample();
  const r2 = result.tunnels[0]!.sides.find((s) => s.device === 'R2')!;
  const brief = showIpsecSecurityAssociations([withSeedValues(r2)]).trimEnd().split('\n');
  assert.deepEqual(brief.slice(-3), [
    '    Direction SPI         AUX-SPI     Mode       Type     Protocol',
    '    inbound   2666326758  0           tunnel     dynamic  ESP',
    '    outbound  684772754   0           tunnel     dynamic  ESP',
  ]);
  const detail = showIkeSecurityAssociationsDetail([r2]);
  assert.match(detail, /^IKE peer 10\.1\.15\.2\n {2}Role: Initiator, State: Matured\n/);
  assert.match(detail, / {2}Exchange type: Main, Authentication method: Pre-shared-keys\n {2}Local: 10\.1\.15\.1:500, Remote: 10\.1\.15\.2:500\n/);
  assert.match(detail, / {3}Encryption {12}: 3des-cbc\n/);
  const empty: TunnelSide = { ...r2, ikeSa: undefined, ipsecSas: [] };
  assert.equal(showIkeSecurityAssociations([empty]), '');
  assert.equal(showIpsecSecurityAssociationsDetail([empty]), '');
});

test('proxy identities in Junos notation', () => {
  assert.equal(junosIdentity('10.1.12.0/24'), 'ipv4_subnet(any:0,[0..7]=10.1.12.0/24)');
  assert.equal(junosIdentity('0.0.0.0/0'), 'ipv4_subnet(any:0,[0..7]=0.0.0.0/0)');
  assert.equal(junosIdentity('10.0.0.1/32'), 'ipv4(any:0,[0..3]=10.0.0.1)');
  assert.equal(junosIdentity('2001:db8::/64'), 'ipv6_subnet(any:0,[0..31]=2001:db8::/64)');
});

test('the summary puts the verdict line first, then why, then the tunnel', async () => {
  const result = await simulatedExample();
  const lines = formatSummary(result).split('\n');
  assert.equal(lines[0], 'R2 <-> R3: ESTABLISHED');
  assert.match(lines[1]!, /^ {2}why: /);
  assert.match(lines[2]!, /^ {2}R2 \(initiator\): r2\.conf, service set demo-service-set, rule-ike\/term-ike/);
  assert.ok(lines.includes('  IKE: version 1, Main, 3des-cbc / sha1 / group2, lifetime 3600 s'));
  assert.ok(lines.includes('  IPsec: ESP 3des-cbc / hmac-sha1-96, PFS group2, lifetime 28800 s'));
  assert.equal(lines.filter((l) => l !== '').pop(), '1 tunnel(s): 1 established, 0 not established');
});
