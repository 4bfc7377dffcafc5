/**
 * dpd/monitor.ts: dead peer detection (RFC 3706 as Junos applies it to `initiate-dead-peer-detection`) on
 *   the simulated clock, over the forwarding plane: every `interval` seconds (default 10) an end checks
 *   whether anything arrived through the tunnel since the last poll; if not it sends an R-U-THERE hello
 *   (an ISAKMP Informational with the IKE SA's cookies) to the peer gateway and retries 2 s apart until
 *   `threshold` hellos (default 3: the hello and two retries) went unanswered; then the peer is dead and
 *   the end's SAs are cleared (routes into the tunnel disappear with them). Every router with installed
 *   SAs answers an R-U-THERE for its tunnel with an R-U-THERE-ACK carrying the same sequence number.
 * Owns: the poll, hello, retry and dead timeline and the events it reports.
 * Must not know: routing (the caller withdraws the tunnel on `onDead`), IKE exchanges, output layouts.
 * Invariants: never throws; hellos are real UDP/500 datagrams through the plane, so a failed link or
 *   router loses them exactly like traffic; a stopped monitor sets no more timers.
 *   Known deviation: Junos encrypts the Informational with the IKE SA; the engine no longer holds the IKE
 *   SA's keys after the exchange, so the hello travels with the same header and payloads in clear.
 *   Failing over to a `backup-remote-gateway` needs a new IKE exchange with the backup, which is not run
 *   here: the event says so.
 * Tests: test/src/engine/dpd.test.ts
 */
import type { ForwardingPlane } from '../forwarding/index';
import type { SimulatedClock, TimerHandle } from '../net/clock';
import { Ikev1ExchangeType, Ikev1NotifyType, Ikev1ProtocolId, IPSEC_DOI } from '../wire/ikev1/constants';
import { decodeIkev1Message, encodeIkev1Message } from '../wire/ikev1/message';
import { decodeIpv4, IpProtocol } from '../wire/ipv4';
import { decodeUdp, encodeUdp, IKE_PORT } from '../wire/udp';

export interface DpdEnd {
  readonly router: string;
  readonly tunnelId: string;
  readonly localGateway: string;
  readonly remoteGateway: string;
  readonly backupRemoteGateway: string | undefined;
  /** whether this end sends hellos (`initiate-dead-peer-detection`); every end answers them */
  readonly initiate: boolean;
  readonly intervalSeconds: number;
  readonly threshold: number;
  /** the IKE SA's cookies, 8 bytes each */
  readonly initiatorCookie: Buffer;
  readonly responderCookie: Buffer;
}

export interface DpdEvent {
  /** virtual milliseconds */
  readonly time: number;
  readonly router: string;
  readonly tunnelId: string;
  readonly kind: 'hello' | 'ack' | 'dead' | 'failover-not-simulated';
  readonly text: string;
}

export interface DpdMonitor {
  events(): DpdEvent[];
  stop(): void;
}

const RETRY_MS = 2000;

function informational(end: DpdEnd, notifyType: number, sequence: number, messageId: number): Buffer {
  const data = Buffer.alloc(4);
  data.writeUInt32BE(sequence >>> 0, 0);
  return encodeIkev1Message({
    initiatorCookie: end.initiatorCookie, responderCookie: end.responderCookie, exchangeType: Ikev1ExchangeType.informational, flags: 0, messageId,
    payloads: [{ kind: 'notification', doi: IPSEC_DOI, protocolId: Ikev1ProtocolId.isakmp, notifyType, spi: Buffer.concat([end.initiatorCookie, end.responderCookie]), data }],
  });
}

/** The R-U-THERE / ACK a delivered packet carries for one of `ends`, if any. */
function readDpd(bytes: Buffer, ends: readonly DpdEnd[]): { end: DpdEnd; notifyType: number; sequence: number; from: string } | undefined {
  const ip = decodeIpv4(bytes);
  if (!ip.ok || ip.value.protocol !== IpProtocol.udp) return undefined;
  const udp = decodeUdp(ip.value.payload, ip.value.source, ip.value.destination);
  if (!udp.ok || udp.value.destinationPort !== IKE_PORT) return undefined;
  const ike = decodeIkev1Message(udp.value.payload);
  if (!ike.ok || ike.value.ciphertext) return undefined;
  const m = ike.value.message;
  const end = ends.find((e) => e.localGateway === ip.value.destination && e.initiatorCookie.equals(m.initiatorCookie) && e.responderCookie.equals(m.responderCookie));
  const notify = m.payloads.find((p) => p.kind === 'notification');
  if (!end || !notify || notify.kind !== 'notification' || notify.data.length < 4) return undefined;
  return { end, notifyType: notify.notifyType, sequence: notify.data.readUInt32BE(0), from: ip.value.source };
}

export function startDeadPeerDetection(plane: ForwardingPlane, clock: SimulatedClock, ends: readonly DpdEnd[], onDead: (end: DpdEnd) => void): DpdMonitor {
  const log: DpdEvent[] = [];
  const timers: TimerHandle[] = [];
  const stops: (() => void)[] = [];
  const waiting = new Map<DpdEnd, { sequence: number; answered: boolean }>();
  let sequence = 1;
  const event = (end: DpdEnd, kind: DpdEvent['kind'], text: string): void => {
    log.push({ time: Math.round(clock.now() * 1000) / 1000, router: end.router, tunnelId: end.tunnelId, kind, text });
  };
  const send = (end: DpdEnd, from: string, to: string, notifyType: number, seq: number): void => {
    const payload = encodeUdp({ sourcePort: IKE_PORT, destinationPort: IKE_PORT, payload: informational(end, notifyType, seq, seq) }, from, to);
    plane.originate(end.router, {
      tos: 0, identification: plane.nextIdentification(), dontFragment: false, moreFragments: false, fragmentOffset: 0,
      ttl: 64, protocol: IpProtocol.udp, source: from, destination: to, options: Buffer.alloc(0), payload,
    });
  };

  for (const router of new Set(ends.map((e) => e.router))) {
    const mine = ends.filter((e) => e.router === router);
    stops.push(plane.listen(router, (delivery) => {
      const dpd = readDpd(delivery.bytes, mine);
      if (!dpd) return;
      if (dpd.notifyType === Ikev1NotifyType.rUThere) {
        send(dpd.end, dpd.end.localGateway, dpd.from, Ikev1NotifyType.rUThereAck, dpd.sequence);
      } else if (dpd.notifyType === Ikev1NotifyType.rUThereAck) {
        const wait = waiting.get(dpd.end);
        if (wait && wait.sequence === dpd.sequence && !wait.answered) {
          wait.answered = true;
          event(dpd.end, 'ack', `${dpd.end.remoteGateway} answered R-U-THERE ${dpd.sequence}`);
        }
      }
    }));
  }

  for (const end of ends.filter((e) => e.initiate)) {
    let lastPoll = clock.now();
    let dead = false;
    const hello = (attempt: number): void => {
      if (dead) return;
      const wait = { sequence: sequence++, answered: false };
      waiting.set(end, wait);
      event(end, 'hello', `R-U-THERE ${wait.sequence} to ${end.remoteGateway}${attempt > 1 ? ` (retry ${attempt - 1})` : ''}`);
      send(end, end.localGateway, end.remoteGateway, Ikev1NotifyType.rUThere, wait.sequence);
      timers.push(clock.setTimeout(() => {
        if (wait.answered || dead) return;
        if (attempt < end.threshold) {
          hello(attempt + 1);
          return;
        }
        dead = true;
        plane.clearTunnel(end.router, end.tunnelId);
        event(end, 'dead', `${end.remoteGateway} did not answer ${end.threshold} R-U-THERE hello(s): peer dead, IKE and IPsec SAs cleared`);
        if (end.backupRemoteGateway !== undefined) {
          event(end, 'failover-not-simulated', `Junos would now negotiate with backup-remote-gateway ${end.backupRemoteGateway}; this simulation does not run that exchange`);
        }
        onDead(end);
      }, RETRY_MS));
    };
    timers.push(clock.setInterval(() => {
      const poll = clock.now();
      const idle = plane.lastInbound(end.router, end.tunnelId) < lastPoll;
      lastPoll = poll;
      const wait = waiting.get(end);
      if (!dead && idle && (!wait || wait.answered)) hello(1);
    }, Math.max(1, end.intervalSeconds) * 1000));
  }

  return {
    events: () => [...log],
    stop: () => {
      for (const t of timers) t.cancel();
      for (const s of stops) s();
    },
  };
}
