/**
 * The show outputs of `junos-ipsec simulate` byte for byte: with `--seed 7` the cookies and SPIs are fixed, so
 * the whole text of all four commands on both routers of examples/ike-dynamic-sa (and its set form) is
 * pinned here: column widths of the brief tables, indentation of the detail blocks, blank lines, field order.
 * The layout is the seed page's (its outputs compare word for word in test/src/engine/report.test.ts; the page
 * lost the line breaks, so widths follow Juniper's sample outputs of the same commands). The values that
 * differ from the seed by nature: cookies and SPIs (seeded here), the any-any proxy identities of the
 * corrected example (its terms have no `from`), the MultiServices PIC's window of 128 (the seed's 64 is an AS
 * PIC's), and lifetimes counted down from the configured 3600 s / 28800 s (soft lifetimes come earlier, by a
 * random margin each router draws, as on Junos).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../../..');
const bin = path.join(repoRoot, 'bin', 'junos-ipsec.js');

function simulateCli(...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [bin, 'simulate', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

/** The part of stdout after the summary's count line (the show outputs), ending with one line feed. */
function showPart(stdout: string): string {
  const at = stdout.indexOf('\nuser@');
  assert.ok(at >= 0, stdout);
  return `${stdout.slice(at + 1).trimEnd()}\n`;
}

const IKE_BRIEF_AND_DETAIL = [
  "user@R2> show services ipsec-vpn ike security-associations",
  "Remote Address  State         Initiator cookie  Responder cookie  Exchange type",
  "10.1.15.2       Matured       ca5106aa366c8415  b1b376c27b0377fc  Main",
  "",
  "user@R2> show services ipsec-vpn ike security-associations detail",
  "IKE peer 10.1.15.2",
  "  Role: Initiator, State: Matured",
  "  Initiator cookie: ca5106aa366c8415, Responder cookie: b1b376c27b0377fc",
  "  Exchange type: Main, Authentication method: Pre-shared-keys",
  "  Local: 10.1.15.1:500, Remote: 10.1.15.2:500",
  "  Lifetime: Expires in 3599 seconds",
  "  Algorithms:",
  "   Authentication        : sha1",
  "   Encryption            : 3des-cbc",
  "   Pseudo random function: hmac-sha1",
  "   Diffie-Hellman group  : group2",
  "  Traffic statistics:",
  "   Input  bytes  :                  740",
  "   Output bytes  :                  800",
  "   Input  packets:                    4",
  "   Output packets:                    5",
  "  IPSec security associations: 2 created, 0 deleted",
  "  Phase 2 negotiations in progress: 0",
  "",
  "user@R3> show services ipsec-vpn ike security-associations",
  "Remote Address  State         Initiator cookie  Responder cookie  Exchange type",
  "10.1.15.1       Matured       ca5106aa366c8415  b1b376c27b0377fc  Main",
  "",
  "user@R3> show services ipsec-vpn ike security-associations detail",
  "IKE peer 10.1.15.1",
  "  Role: Responder, State: Matured",
  "  Initiator cookie: ca5106aa366c8415, Responder cookie: b1b376c27b0377fc",
  "  Exchange type: Main, Authentication method: Pre-shared-keys",
  "  Local: 10.1.15.2:500, Remote: 10.1.15.1:500",
  "  Lifetime: Expires in 3599 seconds",
  "  Algorithms:",
  "   Authentication        : sha1",
  "   Encryption            : 3des-cbc",
  "   Pseudo random function: hmac-sha1",
  "   Diffie-Hellman group  : group2",
  "  Traffic statistics:",
  "   Input  bytes  :                  800",
  "   Output bytes  :                  740",
  "   Input  packets:                    5",
  "   Output packets:                    4",
  "  IPSec security associations: 2 created, 0 deleted",
  "  Phase 2 negotiations in progress: 0",
];

const IPSEC_BRIEF_AND_DETAIL = [
  "user@R2> show services ipsec-vpn ipsec security-associations",
  "Service set: demo-service-set",
  "",
  "  Rule: rule-ike, Term: term-ike, Tunnel index: 1",
  "  Local gateway: 10.1.15.1, Remote gateway: 10.1.15.2",
  "  Local identity: ipv4_subnet(any:0,[0..7]=0.0.0.0/0)",
  "  Remote identity: ipv4_subnet(any:0,[0..7]=0.0.0.0/0)",
  "",
  "    Direction SPI         AUX-SPI     Mode       Type     Protocol",
  "    inbound   2277687854  0           tunnel     dynamic  ESP",
  "    outbound  379175187   0           tunnel     dynamic  ESP",
  "",
  "user@R2> show services ipsec-vpn ipsec security-associations detail",
  "Service set: demo-service-set",
  "",
  "  Rule: rule-ike, Term: term-ike, Tunnel index: 1",
  "  Local gateway: 10.1.15.1, Remote gateway: 10.1.15.2",
  "  Local identity: ipv4_subnet(any:0,[0..7]=0.0.0.0/0)",
  "  Remote identity: ipv4_subnet(any:0,[0..7]=0.0.0.0/0)",
  "",
  "    Direction: inbound, SPI: 2277687854, AUX-SPI: 0",
  "    Mode: tunnel, Type: dynamic, State: Installed",
  "    Protocol: ESP, Authentication: hmac-sha1-96, Encryption: 3des-cbc",
  "    Soft lifetime: Expires in 28668 seconds",
  "    Hard lifetime: Expires in 28799 seconds",
  "    Anti-replay service: Enabled, Replay window size: 128",
  "",
  "    Direction: outbound, SPI: 379175187, AUX-SPI: 0",
  "    Mode: tunnel, Type: dynamic, State: Installed",
  "    Protocol: ESP, Authentication: hmac-sha1-96, Encryption: 3des-cbc",
  "    Soft lifetime: Expires in 28668 seconds",
  "    Hard lifetime: Expires in 28799 seconds",
  "    Anti-replay service: Enabled, Replay window size: 128",
  "",
  "user@R3> show services ipsec-vpn ipsec security-associations",
  "Service set: demo-service-set",
  "",
  "  Rule: rule-ike, Term: term-ike, Tunnel index: 1",
  "  Local gateway: 10.1.15.2, Remote gateway: 10.1.15.1",
  "  Local identity: ipv4_subnet(any:0,[0..7]=0.0.0.0/0)",
  "  Remote identity: ipv4_subnet(any:0,[0..7]=0.0.0.0/0)",
  "",
  "    Direction SPI         AUX-SPI     Mode       Type     Protocol",
  "    inbound   379175187   0           tunnel     dynamic  ESP",
  "    outbound  2277687854  0           tunnel     dynamic  ESP",
  "",
  "user@R3> show services ipsec-vpn ipsec security-associations detail",
  "Service set: demo-service-set",
  "",
  "  Rule: rule-ike, Term: term-ike, Tunnel index: 1",
  "  Local gateway: 10.1.15.2, Remote gateway: 10.1.15.1",
  "  Local identity: ipv4_subnet(any:0,[0..7]=0.0.0.0/0)",
  "  Remote identity: ipv4_subnet(any:0,[0..7]=0.0.0.0/0)",
  "",
  "    Direction: inbound, SPI: 379175187, AUX-SPI: 0",
  "    Mode: tunnel, Type: dynamic, State: Installed",
  "    Protocol: ESP, Authentication: hmac-sha1-96, Encryption: 3des-cbc",
  "    Soft lifetime: Expires in 28686 seconds",
  "    Hard lifetime: Expires in 28799 seconds",
  "    Anti-replay service: Enabled, Replay window size: 128",
  "",
  "    Direction: outbound, SPI: 2277687854, AUX-SPI: 0",
  "    Mode: tunnel, Type: dynamic, State: Installed",
  "    Protocol: ESP, Authentication: hmac-sha1-96, Encryption: 3des-cbc",
  "    Soft lifetime: Expires in 28686 seconds",
  "    Hard lifetime: Expires in 28799 seconds",
  "    Anti-replay service: Enabled, Replay window size: 128",
];

for (const example of ['ike-dynamic-sa', 'ike-dynamic-sa-set']) {
  test(`${example}: --seed 7 --show ike prints both routers' IKE SAs, brief and detail, byte for byte`, () => {
    const r = simulateCli('--seed', '7', '--show', 'ike', `examples/${example}`);
    assert.equal(r.status, 0);
    assert.equal(showPart(r.stdout), `${IKE_BRIEF_AND_DETAIL.join('\n')}\n`);
  });

  test(`${example}: --seed 7 --show ipsec prints both routers' IPsec SAs, brief and detail, byte for byte`, () => {
    const r = simulateCli('--seed', '7', '--show', 'ipsec', `examples/${example}`);
    assert.equal(r.status, 0);
    assert.equal(showPart(r.stdout), `${IPSEC_BRIEF_AND_DETAIL.join('\n')}\n`);
  });
}

test('the default --show prints exactly the two commands the seed verifies, in the same bytes as above', () => {
  const r = simulateCli('--seed', '7', 'examples/ike-dynamic-sa');
  const text = showPart(r.stdout);
  const block = (lines: readonly string[], command: string, router: string): string => {
    const start = lines.indexOf(`user@${router}> ${command}`);
    const end = lines.findIndex((l, i) => i > start && l.startsWith('user@'));
    return lines.slice(start, end < 0 ? undefined : end).join('\n').trimEnd();
  };
  const expected = ['R2', 'R3'].map((router) => [
    block(IKE_BRIEF_AND_DETAIL, 'show services ipsec-vpn ike security-associations', router),
    block(IPSEC_BRIEF_AND_DETAIL, 'show services ipsec-vpn ipsec security-associations detail', router),
  ].join('\n\n')).join('\n\n');
  assert.equal(text.trimEnd(), expected);
});

test('another seed changes the cookies and SPIs, and nothing else of the words and their order', () => {
  const expected = `${IPSEC_BRIEF_AND_DETAIL.join('\n')}\n`;
  const other = showPart(simulateCli('--seed', '8', '--show', 'ipsec', 'examples/ike-dynamic-sa').stdout);
  assert.notEqual(other, expected);
  const mask = (s: string) => s.replace(/\b\d{5,}\b/g, 'N').replace(/ +/g, ' ');
  assert.equal(mask(other), mask(expected));
});

test('no route to the peer through the CLI: PEER_UNREACHABLE, the lost datagrams explained, the lines to look at, exit 1', () => {
  const r = simulateCli('--seed', '3', 'test/fixtures/scenarios/no-route-to-peer');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^R2 <-> R3: PEER_UNREACHABLE\n {2}why: R3 \(10\.0\.0\.3\) did not answer R2's Main Mode message 1: 5 retransmissions, .*R2 has no route to 10\.0\.0\.3\n/);
  assert.match(r.stdout, /messages: 6 \(6 Main Mode\), 5 retransmission\(s\), 126000 ms of simulated time/);
  assert.match(r.stdout, /look at: test\/fixtures\/scenarios\/no-route-to-peer\/r2\.conf:21:36 \(R2, remote-gateway\)/);
  // Junos prints nothing for a command with no SA: each command line is followed by a blank line only.
  const lines = r.stdout.trimEnd().split('\n');
  const commands = lines.flatMap((l, i) => (l.startsWith('user@') ? [i] : []));
  assert.equal(commands.length, 4);
  for (const i of commands) assert.ok(lines[i + 1] === undefined || lines[i + 1] === '', `nothing under ${lines[i]}`);
});
