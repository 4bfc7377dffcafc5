/**
 * report/show-ike.ts: `show services ipsec-vpn ike security-associations [detail]` as Junos prints it on a
 *   services PIC, from one router's simulated IKE SAs.
 * Owns: the column layout of the brief form (Remote Address, State, Initiator cookie, Responder cookie,
 *   Exchange type) and the field order of the detail form (peer, role and state, cookies, exchange type and
 *   authentication method, local/remote address:port, lifetime, algorithms, IKE traffic, IPsec SA count).
 * Must not know: how the SAs were negotiated, the device model, files.
 * Invariants: pure functions of plain data; no key material exists in the input, so none can be printed;
 *   a router without IKE SAs prints nothing (as Junos does); lines end with "\n".
 * Tests: test/src/engine/report.test.ts
 */
import type { TunnelSide } from '../simulate/result';

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

/** IKEv1 PRF named after the negotiated hash, as Junos lists it. */
function prfName(hash: string): string {
  switch (hash) {
    case 'md5': return 'hmac-md5';
    case 'sha1': return 'hmac-sha1';
    case 'sha-256': return 'hmac-sha256';
    case 'sha-384': return 'hmac-sha384';
    default: return `hmac-${hash}`;
  }
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The brief form: one line per IKE SA under a fixed header. */
export function showIkeSecurityAssociations(sides: readonly TunnelSide[]): string {
  const rows = sides.filter((s) => s.ikeSa !== undefined);
  if (rows.length === 0) return '';
  const lines = [`${pad('Remote Address', 16)}${pad('State', 14)}${pad('Initiator cookie', 18)}${pad('Responder cookie', 18)}Exchange type`];
  for (const side of rows) {
    const sa = side.ikeSa!;
    lines.push(`${pad(sa.remoteAddress, 16)}${pad(sa.state, 14)}${pad(sa.initiatorCookie, 18)}${pad(sa.responderCookie, 18)}${sa.exchangeType}`);
  }
  return `${lines.join('\n')}\n`;
}

function counter(label: string, value: number): string {
  return `   ${label}:${String(value).padStart(21)}`;
}

/** The detail form: one block per IKE peer. */
export function showIkeSecurityAssociationsDetail(sides: readonly TunnelSide[]): string {
  const blocks: string[] = [];
  for (const side of sides) {
    const sa = side.ikeSa;
    if (!sa) continue;
    const installed = side.ipsecSas.length;
    blocks.push(
      [
        `IKE peer ${sa.remoteAddress}`,
        `  Role: ${capitalised(sa.role)}, State: ${sa.state}`,
        `  Initiator cookie: ${sa.initiatorCookie}, Responder cookie: ${sa.responderCookie}`,
        `  Exchange type: ${sa.exchangeType}, Authentication method: Pre-shared-keys`,
        `  Local: ${sa.localAddress}:500, Remote: ${sa.remoteAddress}:500`,
        `  Lifetime: Expires in ${sa.expiresInSeconds} seconds`,
        '  Algorithms:',
        `   Authentication        : ${sa.authentication}`,
        `   Encryption            : ${sa.encryption}`,
        `   Pseudo random function: ${prfName(sa.authentication)}`,
        `   Diffie-Hellman group  : ${sa.dhGroup}`,
        '  Traffic statistics:',
        counter('Input  bytes  ', sa.traffic.inputBytes),
        counter('Output bytes  ', sa.traffic.outputBytes),
        counter('Input  packets', sa.traffic.inputPackets),
        counter('Output packets', sa.traffic.outputPackets),
        `  IPSec security associations: ${installed} created, 0 deleted`,
        `  Phase 2 negotiations in progress: 0`,
      ].join('\n'),
    );
  }
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
