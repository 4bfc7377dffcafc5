/**
 * report/ping.ts: Junos `ping` output from a `PingOutcome`: the PING line, one line per answer, the
 *   statistics block with min/avg/max/stddev (population standard deviation, as BSD ping computes it).
 * Must not know: how the pings were run.
 * Invariants: pure function of its input; three decimals for times.
 * Tests: test/src/engine/traffic.test.ts
 */
import type { PingOutcome } from '../traffic/types';

export function formatPing(outcome: PingOutcome): string {
  const lines = [`PING ${outcome.to} (${outcome.to}): ${outcome.size} data bytes`];
  const events = [
    ...outcome.replies.map((r) => ({ sequence: r.sequence, text: r.error === undefined
      ? `${r.bytes} bytes from ${r.from}: icmp_seq=${r.sequence} ttl=${r.ttl} time=${r.timeMs.toFixed(3)} ms`
      : `${r.bytes} bytes from ${r.from}: ${r.error}` })),
    ...outcome.sendErrors.map((e) => ({ sequence: e.sequence, text: e.text })),
  ].sort((a, b) => a.sequence - b.sequence);
  for (const e of events) lines.push(e.text);
  const times = outcome.replies.filter((r) => r.error === undefined).map((r) => r.timeMs);
  const loss = outcome.transmitted === 0 ? 100 : Math.round(((outcome.transmitted - outcome.received) / outcome.transmitted) * 1000) / 10;
  lines.push('', `--- ${outcome.to} ping statistics ---`, `${outcome.transmitted} packets transmitted, ${outcome.received} packets received, ${loss}% packet loss`);
  if (times.length > 0) {
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    const stddev = Math.sqrt(Math.max(0, times.reduce((a, b) => a + b * b, 0) / times.length - avg * avg));
    lines.push(`round-trip min/avg/max/stddev = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)}/${stddev.toFixed(3)} ms`);
  }
  return `${lines.join('\n')}\n`;
}
