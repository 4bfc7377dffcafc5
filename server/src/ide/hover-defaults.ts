/**
 * ide/hover-defaults.ts: the effective value of IPsec statements Junos applies when they are omitted and
 *   the generated schema carries no YANG `default` for them (lifetimes, IKE mode and version, the
 *   platform's anti-replay window, the tunnel MTU).
 * Owns: the table of those facts (sources: /work/shared/JUNOS-FACTS.md) keyed by statement path
 *   without list keys, and the platform-dependent values.
 * Must not know: config trees, LSP, how hover or inlay hints lay the value out.
 * Invariants: a schema `default` always wins over this table; unknown paths give undefined; pure.
 * Tests: test/src/ide/hover.test.ts, test/src/ide/inlay-hints.test.ts
 */
import { defaultReplayWindow, type Platform } from '../analysis/platform';
import type { SchemaNode } from '../schema/types';

export interface OmittedDefault {
  /** the value in Junos syntax, e.g. '3600' or 'main' */
  readonly value: string;
  /** one sentence for tooltips: why this value, on which platform */
  readonly why: string;
}

type Rule = (platform: Platform) => OmittedDefault;

const fixed = (value: string, why: string): Rule => () => ({ value, why });

const replayWindow: Rule = (platform) => ({
  value: String(defaultReplayWindow(platform)),
  why:
    platform === 'as-pic'
      ? 'AS PICs use a 64-bit anti-replay window unless one is configured.'
      : 'MultiServices PICs and DPCs use a 128-bit anti-replay window unless one is configured.',
});

const TUNNEL_MTU = fixed('1500', 'IPsec tunnels use an MTU of 1500 bytes, whatever the interface MTU, unless one is configured.');

const RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ['services ipsec-vpn ike proposal lifetime-seconds', fixed('3600', 'IKE security associations are renegotiated after 3600 seconds unless a lifetime is configured.')],
  ['services ipsec-vpn ipsec proposal lifetime-seconds', fixed('28800', 'IPsec security associations are renegotiated after 28800 seconds unless a lifetime is configured.')],
  ['services ipsec-vpn ike policy mode', fixed('main', 'IKEv1 phase 1 uses main mode unless aggressive mode is configured.')],
  ['services ipsec-vpn ike policy version', fixed('1', 'The IKE policy uses IKE version 1 unless version 2 is configured.')],
  ['services ipsec-vpn rule term then anti-replay-window-size', replayWindow],
  ['services service-set ipsec-vpn-options anti-replay-window-size', replayWindow],
  ['services ipsec-vpn rule term then tunnel-mtu', TUNNEL_MTU],
  ['services service-set ipsec-vpn-options tunnel-mtu', TUNNEL_MTU],
]);

/** Drops the leading `groups` of a path inside `groups NAME` (keys already removed). */
function normalise(path: readonly string[]): string {
  return (path[0] === 'groups' ? path.slice(1) : path).join(' ');
}

/**
 * The value Junos uses when the statement at `path` (statement names, no keys) is omitted: the schema's
 * `default` when it has one, else the IPsec facts above, else undefined.
 */
export function omittedDefault(path: readonly string[], schema: SchemaNode | undefined, platform: Platform): OmittedDefault | undefined {
  if (schema?.default !== undefined) return { value: schema.default, why: 'The YANG model gives this default.' };
  return RULES.get(normalise(path))?.(platform);
}
