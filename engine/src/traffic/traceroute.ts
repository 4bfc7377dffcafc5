/**
 * traffic/traceroute.ts: `traceroute`: UDP probes to ports 33434 and up with TTL 1, 2, 3, ... (three per
 *   hop, 40-byte packets, at most 30 hops), sent through the forwarding plane; each answer's source and
 *   simulated round-trip time; ends at the destination's port unreachable or an unreachable annotation.
 * Owns: the probe layout and port numbering, the 5 s wait per probe, when to stop.
 * Must not know: routing, ESP, the ICMP source rule (forwarding/icmp-source.ts), the output layout.
 * Invariants: never throws; an unknown router gives an outcome with a reason; at most maxHops x 3 probes.
 * Tests: test/src/engine/traffic.test.ts
 */
import { IpProtocol, parseIpv4Address } from '../wire/ipv4';
import { encodeUdp } from '../wire/udp';
import type { TrafficContext } from './ping';
import { readProbeAnswer, tracerouteAnnotation } from './probe-replies';
import type { TracerouteHop, TracerouteOutcome, TracerouteProbe, TracerouteRequest } from './types';

const BASE_PORT = 33434;
const WAIT_MS = 5000;
const PROBES = 3;
const PACKET_BYTES = 40;

export function traceroute(context: TrafficContext, request: TracerouteRequest): TracerouteOutcome {
  const maxHops = Math.max(1, Math.min(64, Math.floor(request.maxHops ?? 30)));
  const router = context.router(request.from);
  const base = { from: router ?? request.from, to: request.to, maxHops, packetBytes: PACKET_BYTES };
  if (router === undefined) return { ...base, hops: [], reached: false, reason: `no router named ${request.from}` };
  if (parseIpv4Address(request.to) === undefined) return { ...base, hops: [], reached: false, reason: `${request.to} is not an IPv4 address` };
  const { plane, clock } = context;
  const source = plane.sourceFor(router, request.to);
  if (source === undefined) return { ...base, hops: [], reached: false, reason: `${router} has no route to ${request.to}` };
  const sourcePort = 32768 + (context.random.bytes(2).readUInt16BE(0) % 28000);
  let current: { port: number; sentAt: number; probe?: TracerouteProbe; done?: 'reached' | 'unreachable' } | undefined;
  const stop = plane.listen(router, (delivery) => {
    const answer = readProbeAnswer(delivery.bytes);
    if (!current || current.probe || !answer || answer.kind !== 'error' || answer.quotedPort !== current.port) return;
    const annotation = tracerouteAnnotation(answer.type, answer.code);
    current.probe = { from: answer.packet.source, timeMs: Math.round((delivery.time - current.sentAt) * 1000) / 1000, annotation };
    if (answer.type === 3) current.done = annotation === undefined ? 'reached' : 'unreachable';
  });
  const hops: TracerouteHop[] = [];
  let reached = false;
  let unreachable = false;
  let port = BASE_PORT;
  for (let ttl = 1; ttl <= maxHops && !reached && !unreachable; ttl++) {
    const probes: TracerouteProbe[] = [];
    for (let n = 0; n < PROBES; n++) {
      current = { port: port++, sentAt: clock.now() };
      const payload = encodeUdp({ sourcePort, destinationPort: current.port, payload: Buffer.alloc(PACKET_BYTES - 28) }, source, request.to);
      plane.originate(router, {
        tos: 0, identification: plane.nextIdentification(), dontFragment: false, moreFragments: false, fragmentOffset: 0,
        ttl, protocol: IpProtocol.udp, source, destination: request.to, options: Buffer.alloc(0), payload,
      });
      // Wait for the answer (or the 5 s timeout) in small steps of simulated time.
      const deadline = current.sentAt + WAIT_MS;
      while (!current.probe && clock.now() < deadline) clock.advanceTo(Math.min(deadline, clock.now() + 1));
      probes.push(current.probe ?? { from: undefined, timeMs: undefined, annotation: undefined });
      if (current.done === 'reached') reached = true;
      if (current.done === 'unreachable') unreachable = true;
    }
    hops.push({ ttl, probes });
  }
  stop();
  const last = hops.at(-1)?.probes.find((p) => p.from !== undefined);
  const reason = reached ? undefined : unreachable ? `${last?.from ?? 'a router'} answered ${last?.annotation ?? 'unreachable'}` : `${request.to} was not reached within ${maxHops} hops`;
  return { ...base, hops, reached, reason };
}
