/**
 * report/summary.ts: the one-screen human summary of a simulation: per tunnel the verdict line first, then
 *   why, then the tunnel (ends, roles, algorithms, SAs, messages), then where to look; then duplicate
 *   routers and notes.
 * Owns: the wording and layout of that summary (plain text, no colour).
 * Must not know: how the result was computed, the show-output formats (show-ike.ts, show-ipsec.ts).
 * Invariants: a pure function of a `SimulationResult` (which holds no key, so the summary cannot print
 *   one); file names are shown as given; lines end with "\n".
 * Tests: test/src/engine/report.test.ts, test/src/cli/simulate.test.ts
 */
import type { SimulationResult, TunnelResult } from '../simulate/result';

function count(list: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const x of list) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${n} ${name}`).join(', ');
}

function tunnelLines(t: TunnelResult): string[] {
  const [a, b] = t.ends;
  const title = b ? `${a!.device} <-> ${b.device}` : `${a!.device} -> ${a!.remoteGateway ?? '(no remote-gateway)'}`;
  const lines = [`${title}: ${t.verdict}`, `  why: ${t.reason}`];
  for (const end of t.ends) {
    const role = end.role ? ` (${end.role})` : '';
    lines.push(
      `  ${end.device}${role}: ${end.file}, service set ${end.serviceSet}, ${end.rule}/${end.term}, local-gateway ${end.localGateway ?? '(none)'}, remote-gateway ${end.remoteGateway ?? '(none)'}`,
    );
  }
  if (t.ike) {
    lines.push(`  IKE: version ${t.ike.version}, ${t.ike.exchangeType}, ${t.ike.encryption} / ${t.ike.authentication} / ${t.ike.dhGroup}, lifetime ${t.ike.lifetimeSeconds} s`);
  }
  if (t.ipsec) {
    lines.push(
      `  IPsec: ${t.ipsec.protocol.toUpperCase()} ${t.ipsec.encryption} / ${t.ipsec.authentication ?? 'no authentication'}, ${t.ipsec.pfsGroup ? `PFS ${t.ipsec.pfsGroup}` : 'no PFS'}, lifetime ${t.ipsec.lifetimeSeconds} s`,
    );
  }
  for (const side of t.sides) {
    if (side.ipsecSas.length === 0) continue;
    const spis = side.ipsecSas.map((sa) => `${sa.direction} SPI ${sa.spi}`).join(', ');
    lines.push(`  ${side.device} SAs: ${spis}, anti-replay window ${side.ipsecSas[0]!.antiReplayWindow || 'off'}`);
  }
  if (t.messages.length > 0) {
    const retransmitted = t.messages.filter((m) => m.retransmission).length;
    lines.push(
      `  messages: ${t.messages.length} (${count(t.messages.map((m) => m.exchange))})${retransmitted > 0 ? `, ${retransmitted} retransmission(s)` : ''}, ${t.elapsedMs} ms of simulated time`,
    );
  }
  if (t.initiator) lines.push(`  initiator: ${t.initiator.device} (${t.initiator.why})`);
  if (t.defaults.length > 0) {
    const perDevice = count(t.defaults.map((d) => d.device)).split(', ').map((x) => x.replace(/^(\d+) (.*)$/, '$1 on $2')).join(', ');
    lines.push(`  defaults applied: ${perDevice} (each with its value and source in --json)`);
  }
  // The peer search is shown when it explains something: a failure, or which of several candidates was used.
  if (t.peerSearch !== '' && (t.verdict !== 'ESTABLISHED' || t.ends.length > 1 && /: \d+ routers have local-gateway /.test(t.peerSearch))) lines.push(`  peer search: ${t.peerSearch}`);
  for (const p of t.blockingProblems.slice(0, 5)) lines.push(`  error: ${p.docId}:${p.line}:${p.column}: ${p.message}`);
  if (t.blockingProblems.length > 5) lines.push(`  ... ${t.blockingProblems.length - 5} more error(s)`);
  if (t.blockingProblems.length === 0) for (const b of t.blame) lines.push(`  look at: ${b.docId}:${b.line}:${b.column} (${b.device}, ${b.what})`);
  return lines;
}

/** The summary text: tunnels, then duplicate routers, then notes, then one count line. */
export function formatSummary(result: SimulationResult): string {
  const lines: string[] = [];
  for (const t of result.tunnels) lines.push(...tunnelLines(t), '');
  for (const d of result.duplicateDevices) lines.push(`note: ${d.message}`);
  for (const n of result.notes) lines.push(`note: ${n}`);
  if (result.duplicateDevices.length + result.notes.length > 0) lines.push('');
  const s = result.summary;
  lines.push(`${s.tunnels} tunnel(s): ${s.established} established, ${s.failed} not established`);
  return `${lines.join('\n')}\n`;
}
