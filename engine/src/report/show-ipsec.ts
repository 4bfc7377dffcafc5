/**
 * report/show-ipsec.ts: `show services ipsec-vpn ipsec security-associations [detail]` as Junos prints it
 *   on a services PIC, from one router's simulated IPsec SAs.
 * Owns: grouping by service set, the tunnel header (Rule, Term, Tunnel index; Local/Remote gateway;
 *   Local/Remote identity in Junos's `ipv4_subnet(any:0,[0..7]=prefix)` notation), the brief SA table
 *   (Direction, SPI, AUX-SPI, Mode, Type, Protocol) and the detail SA block (Direction/SPI/AUX-SPI;
 *   Mode/Type/State; Protocol/Authentication/Encryption; Soft/Hard lifetime; Anti-replay service).
 * Must not know: how the SAs were negotiated, the device model, files.
 * Invariants: pure functions of plain data; no key material exists in the input; SPIs print in decimal as
 *   Junos does by default; a tunnel without SAs prints nothing; lines end with "\n".
 * Tests: test/src/engine/report.test.ts
 */
import type { IpsecSaView, TunnelSide } from '../simulate/result';

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

/** `10.1.12.0/24` -> `ipv4_subnet(any:0,[0..7]=10.1.12.0/24)`; a host (/32) is `ipv4(any:0,[0..3]=10.0.0.1)`. */
export function junosIdentity(prefix: string): string {
  const [address = prefix, lengthText] = prefix.split('/');
  const v6 = address.includes(':');
  const length = lengthText === undefined ? (v6 ? 128 : 32) : Number(lengthText);
  if (v6) return length === 128 ? `ipv6(any:0,[0..15]=${address})` : `ipv6_subnet(any:0,[0..31]=${address}/${length})`;
  return length === 32 ? `ipv4(any:0,[0..3]=${address})` : `ipv4_subnet(any:0,[0..7]=${address}/${length})`;
}

function groupBySet(sides: readonly TunnelSide[]): Map<string, TunnelSide[]> {
  const sets = new Map<string, TunnelSide[]>();
  for (const side of sides) {
    if (side.ipsecSas.length === 0) continue;
    const list = sets.get(side.serviceSet) ?? [];
    list.push(side);
    sets.set(side.serviceSet, list);
  }
  return sets;
}

function tunnelHeader(side: TunnelSide): string[] {
  const sa = side.ipsecSas[0]!;
  return [
    `  Rule: ${side.rule}, Term: ${side.term}, Tunnel index: ${side.tunnelIndex}`,
    `  Local gateway: ${side.localGateway}, Remote gateway: ${side.remoteGateway}`,
    `  Local identity: ${junosIdentity(sa.localIdentity)}`,
    `  Remote identity: ${junosIdentity(sa.remoteIdentity)}`,
  ];
}

function render(sides: readonly TunnelSide[], body: (side: TunnelSide) => string[]): string {
  const out: string[] = [];
  for (const [set, list] of groupBySet(sides)) {
    out.push(`Service set: ${set}`, '');
    for (const side of list) out.push(...tunnelHeader(side), '', ...body(side), '');
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** The brief form: the tunnel header and one table row per SA. */
export function showIpsecSecurityAssociations(sides: readonly TunnelSide[]): string {
  return render(sides, (side) => [
    `    ${pad('Direction', 10)}${pad('SPI', 12)}${pad('AUX-SPI', 12)}${pad('Mode', 11)}${pad('Type', 9)}Protocol`,
    ...side.ipsecSas.map((sa) => `    ${pad(sa.direction, 10)}${pad(String(sa.spi), 12)}${pad(String(sa.auxSpi), 12)}${pad(sa.mode, 11)}${pad(sa.type, 9)}${sa.protocol}`),
  ]);
}

function detailBlock(sa: IpsecSaView): string[] {
  return [
    `    Direction: ${sa.direction}, SPI: ${sa.spi}, AUX-SPI: ${sa.auxSpi}`,
    `    Mode: ${sa.mode}, Type: ${sa.type}, State: ${sa.state}`,
    `    Protocol: ${sa.protocol}, Authentication: ${sa.authentication ?? 'none'}, Encryption: ${sa.encryption}`,
    `    Soft lifetime: Expires in ${sa.softExpiresInSeconds} seconds`,
    `    Hard lifetime: Expires in ${sa.hardExpiresInSeconds} seconds`,
    sa.antiReplayWindow > 0 ? `    Anti-replay service: Enabled, Replay window size: ${sa.antiReplayWindow}` : '    Anti-replay service: Disabled',
  ];
}

/** The detail form: the tunnel header and one block per SA, inbound first. */
export function showIpsecSecurityAssociationsDetail(sides: readonly TunnelSide[]): string {
  return render(sides, (side) => side.ipsecSas.flatMap((sa, i) => (i === 0 ? detailBlock(sa) : ['', ...detailBlock(sa)])));
}
