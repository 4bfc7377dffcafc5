/**
 * traffic/ping.ts: `ping`: ICMP echo requests built for real and sent by a router's own stack through the
 *   forwarding plane, one per simulated second, as Junos `ping` does; answers matched by identifier and
 *   sequence, ICMP errors about our requests reported like ping reports them.
 * Owns: the request layout (identifier, sequence, data pattern), the 1 s interval, round-trip times from
 *   the simulated clock, the reason a request went unanswered.
 * Must not know: routing or ESP details (the plane forwards), output layout (report/ping.ts).
 * Invariants: never throws; an unknown router gives an outcome with a reason and nothing sent; the clock
 *   advances by exactly `count` seconds.
 * Tests: test/src/engine/traffic.test.ts
 */
import type { RandomSource } from '../crypto/random';
import type { ForwardingPlane } from '../forwarding/index';
import type { SimulatedClock } from '../net/clock';
import { encodeIcmp, IcmpType } from '../wire/icmp';
import { IpProtocol, parseIpv4Address } from '../wire/ipv4';
import { icmpErrorText, readProbeAnswer } from './probe-replies';
import type { PingOutcome, PingReply, PingRequest } from './types';

export interface TrafficContext {
  readonly plane: ForwardingPlane;
  readonly clock: SimulatedClock;
  readonly random: RandomSource;
  /** resolves a router name (any case) to the topology's name; undefined when unknown */
  readonly router: (name: string) => string | undefined;
}

const INTERVAL_MS = 1000;

function micro(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export function ping(context: TrafficContext, request: PingRequest): PingOutcome {
  const count = Math.max(1, Math.min(10000, Math.floor(request.count ?? 5)));
  const size = Math.max(0, Math.min(65507, Math.floor(request.size ?? 56)));
  const router = context.router(request.from);
  const base = { from: router ?? request.from, to: request.to, size };
  if (router === undefined || parseIpv4Address(request.to) === undefined) {
    const reason = router === undefined ? `no router named ${request.from}` : `${request.to} is not an IPv4 address`;
    return { ...base, source: undefined, transmitted: 0, received: 0, replies: [], sendErrors: [], reason, packets: [] };
  }
  const { plane, clock } = context;
  const identifier = context.random.bytes(2).readUInt16BE(0);
  const replies: PingReply[] = [];
  const sendErrors: { sequence: number; text: string }[] = [];
  const packets: number[] = [];
  const sentAt = new Map<number, number>();
  const answered = new Set<number>();
  let sending = -1;
  let lastFailure: string | undefined;
  const stop = plane.listen(
    router,
    (delivery) => {
      const answer = readProbeAnswer(delivery.bytes);
      if (!answer || answer.identifier !== identifier) return;
      const sent = sentAt.get(answer.sequence);
      if (sent === undefined) return;
      if (answer.kind === 'echo-reply' && answer.type === IcmpType.echoReply) answered.add(answer.sequence);
      replies.push({
        sequence: answer.sequence, from: answer.packet.source, bytes: answer.icmpBytes, ttl: answer.packet.ttl, timeMs: micro(delivery.time - sent),
        error: answer.kind === 'error' ? icmpErrorText(answer.type, answer.code) : undefined,
      });
    },
    (failure) => {
      if (sending >= 0) sendErrors.push({ sequence: sending, text: `ping: sendto: No route to host` });
        lastFailure = failure.reason;
    },
  );
  // The source address comes with the route; a request sent while there is none fails, and a later one
  // finds the route once it exists (a tunnel that came up meanwhile, e.g. after a DPD failover).
  let source = plane.sourceFor(router, request.to);
  for (let sequence = 0; sequence < count; sequence++) {
    const started = clock.now();
    source ??= plane.sourceFor(router, request.to);
    if (source === undefined) {
      sendErrors.push({ sequence, text: 'ping: sendto: No route to host' });
    } else {
      const data = Buffer.alloc(size);
      for (let i = 0; i < size; i++) data[i] = i & 0xff;
      const payload = encodeIcmp({ type: IcmpType.echoRequest, code: 0, identifier, sequence, data });
      sentAt.set(sequence, started);
      sending = sequence;
      packets.push(
        plane.originate(router, {
          tos: 0, identification: plane.nextIdentification(), dontFragment: request.doNotFragment === true, moreFragments: false, fragmentOffset: 0,
          ttl: 64, protocol: IpProtocol.icmp, source, destination: request.to, options: Buffer.alloc(0), payload,
        }),
      );
      sending = -1;
    }
    clock.advanceTo(started + INTERVAL_MS);
  }
  stop();
  const received = answered.size;
  const transmitted = packets.length;
  let reason: string | undefined;
  if (received < count) {
    const error = replies.find((r) => r.error !== undefined);
    const dropped = packets.map((p) => plane.dropReason(p)).find((r) => r !== undefined);
    const unsent = count - transmitted;
    reason = source === undefined
      ? `${router} has no route to ${request.to}`
      : dropped ?? lastFailure ?? (error ? `${error.from} answered ${error.error}`
        : received === transmitted && unsent > 0 ? `${router} had no route to ${request.to} for ${unsent} request(s)` : `no echo reply came back from ${request.to}`);
  }
  replies.sort((a, b) => a.sequence - b.sequence);
  return { ...base, source, transmitted, received, replies, sendErrors, reason, packets };
}
