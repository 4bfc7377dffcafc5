/**
 * routing/candidates.ts: the route candidate every protocol module produces, before route selection.
 * Owns: `RouteCandidate`, building one from a prefix text.
 * Must not know: any particular protocol, selection (rib.ts).
 * Invariants: plain data; `network` has its host bits cleared.
 * Tests: test/src/engine/routing.test.ts
 */
import type { Span } from '../device/types';
import { formatIpv4Prefix, type Ipv4Prefix } from '../topology/ipv4';
import type { NextHop, RouteProtocol } from './types';

export interface RouteCandidate {
  readonly prefix: string;
  readonly network: number;
  readonly length: number;
  readonly protocol: RouteProtocol;
  readonly metric: number | undefined;
  readonly nextHops: NextHop[];
  readonly at: Span | undefined;
}

export function candidate(
  prefix: Ipv4Prefix,
  protocol: RouteProtocol,
  nextHops: NextHop[],
  at: Span | undefined,
  metric: number | undefined = undefined,
): RouteCandidate {
  return { prefix: formatIpv4Prefix(prefix), network: prefix.network, length: prefix.length, protocol, metric, nextHops, at };
}
