/**
 * report/traceroute.ts: Junos `traceroute` output from a `TracerouteOutcome`: the header line, then per
 *   hop the TTL, each answering address as `addr (addr)` and three probe times (`*` for no answer).
 * Must not know: how the probes were run.
 * Invariants: pure function of its input; three decimals for times.
 * Tests: test/src/engine/traffic.test.ts
 */
import type { TracerouteOutcome } from '../traffic/types';

export function formatTraceroute(outcome: TracerouteOutcome): string {
  const lines = [`traceroute to ${outcome.to} (${outcome.to}), ${outcome.maxHops} hops max, ${outcome.packetBytes} byte packets`];
  for (const hop of outcome.hops) {
    let text = `${String(hop.ttl).padStart(2)} `;
    let last: string | undefined;
    for (const probe of hop.probes) {
      if (probe.from === undefined || probe.timeMs === undefined) {
        text += ' *';
        continue;
      }
      if (probe.from !== last) text += ` ${probe.from} (${probe.from})`;
      last = probe.from;
      text += `  ${probe.timeMs.toFixed(3)} ms${probe.annotation ? ` ${probe.annotation}` : ''}`;
    }
    lines.push(text);
  }
  return `${lines.join('\n')}\n`;
}
