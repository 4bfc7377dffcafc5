/**
 * traffic/types.ts: what `ping` and `traceroute` return: per-probe answers with simulated round-trip
 *   times, and a one-sentence reason when the destination was not reached.
 * Owns: `PingOutcome`, `PingReply`, `TracerouteOutcome`, `TracerouteHop`, `TracerouteProbe`.
 * Must not know: how packets travel (forwarding/), output layouts (report/).
 * Invariants: plain JSON data; times are virtual milliseconds rounded to microseconds.
 * Tests: test/src/engine/traffic.test.ts
 */

export interface PingRequest {
  /** router name (host-name or file name, any case) */
  readonly from: string;
  readonly to: string;
  /** echo requests to send (default 5) */
  readonly count?: number;
  /** ICMP data bytes (default 56) */
  readonly size?: number;
  /** set the don't-fragment bit (Junos `ping ... do-not-fragment`) */
  readonly doNotFragment?: boolean;
}

export interface PingReply {
  readonly sequence: number;
  /** who answered (the destination, or a router sending an ICMP error) */
  readonly from: string;
  /** ICMP bytes received (header + data) */
  readonly bytes: number;
  readonly ttl: number;
  readonly timeMs: number;
  /** undefined for an echo reply; `Time to live exceeded`, `Destination Net Unreachable`, ... otherwise */
  readonly error: string | undefined;
}

export interface PingOutcome {
  readonly from: string;
  readonly to: string;
  readonly source: string | undefined;
  readonly size: number;
  readonly transmitted: number;
  readonly received: number;
  readonly replies: PingReply[];
  /** `sendto: No route to host` lines, one per request that could not leave */
  readonly sendErrors: { readonly sequence: number; readonly text: string }[];
  /** why requests were not answered, in one sentence (undefined when all were) */
  readonly reason: string | undefined;
  /** the packet numbers of the requests (to find them in the traces) */
  readonly packets: number[];
}

export interface TracerouteRequest {
  readonly from: string;
  readonly to: string;
  readonly maxHops?: number;
}

export interface TracerouteProbe {
  /** undefined when the probe was not answered (`*`) */
  readonly from: string | undefined;
  readonly timeMs: number | undefined;
  /** `!N`, `!H`, `!F` annotations as traceroute prints them */
  readonly annotation: string | undefined;
}

export interface TracerouteHop {
  readonly ttl: number;
  readonly probes: TracerouteProbe[];
}

export interface TracerouteOutcome {
  readonly from: string;
  readonly to: string;
  readonly maxHops: number;
  readonly packetBytes: number;
  readonly hops: TracerouteHop[];
  readonly reached: boolean;
  readonly reason: string | undefined;
}
