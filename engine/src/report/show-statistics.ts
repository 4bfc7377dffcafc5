/**
 * report/show-statistics.ts: `show services ipsec-vpn ipsec statistics` for one router, in the seed's
 *   layout: per service set a `PIC: ..., Service set: ...` line, ESP and AH counters, the error counters.
 * Must not know: how the counters were counted (forwarding/plane.ts).
 * Invariants: pure function; service sets in the order given; our extra counters (MTU drops, unknown SPI)
 *   are not printed, as Junos does not print them here.
 * Tests: test/src/engine/forwarding.test.ts
 */
import type { IpsecStatistics } from '../forwarding/types';

export function showIpsecStatistics(statistics: readonly IpsecStatistics[]): string {
  const blocks = statistics.map((s) =>
    [
      `PIC: ${s.pic}, Service set: ${s.serviceSet}`,
      '',
      'ESP Statistics:',
      `  Encrypted bytes:      ${String(s.encryptedBytes).padStart(12)}`,
      `  Decrypted bytes:      ${String(s.decryptedBytes).padStart(12)}`,
      `  Encrypted packets:    ${String(s.encryptedPackets).padStart(12)}`,
      `  Decrypted packets:    ${String(s.decryptedPackets).padStart(12)}`,
      'AH Statistics:',
      `  Input bytes:          ${String(s.ahInputBytes).padStart(12)}`,
      `  Output bytes:         ${String(s.ahOutputBytes).padStart(12)}`,
      `  Input packets:        ${String(s.ahInputPackets).padStart(12)}`,
      `  Output packets:       ${String(s.ahOutputPackets).padStart(12)}`,
      'Errors:',
      `  AH authentication failures: ${s.ahAuthenticationFailures}, Replay errors: ${s.replayErrors}`,
      `  ESP authentication failures: ${s.espAuthenticationFailures}, ESP decryption failures: ${s.espDecryptionFailures}`,
      `  Bad headers: ${s.badHeaders}, Bad trailers: ${s.badTrailers}`,
    ].join('\n'),
  );
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
