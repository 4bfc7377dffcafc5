/**
 * dpd/monitor.ts: dead peer detection and backup-gateway failover as Junos runs them for `services
 *   ipsec-vpn` rules (MS-PIC / AS PIC), on the simulated clock, with real protected messages through the
 *   forwarding plane.
 *
 *   Junos behaviour implemented (JUNOS-FACTS style; sources below):
 *   - `backup-remote-gateway` enables DPD; `initiate-dead-peer-detection` enables it without a backup
 *     (then a dead peer only means its IKE and IPsec SAs are cleared). Every router answers hellos for the
 *     IKE SAs it holds, configured or not (J-series "cannot send DPD Hello messages but can respond").
 *   - Inactivity: a tunnel with no incoming traffic from the peer for `interval` seconds (default 10; the
 *     global timer polls every tunnel every 10 s) is inactive and gets a DPD hello (IKEv1: R-U-THERE,
 *     RFC 3706; IKEv2: an empty INFORMATIONAL request, RFC 7296 2.4; `interval`/`threshold` apply to
 *     IKEv2 SAs from 17.2R1 and we apply them).
 *   - No acknowledgment: retries 2 s apart until `threshold` hellos (default 3 = the hello and "two
 *     retries at 2-second intervals") went unanswered; 2 s after the last one the tunnel is declared dead
 *     and this router's IKE and IPsec SAs for it are cleared.
 *   - Failover "takes place if the tunnel is declared dead or there is an IPsec Phase 1 negotiation
 *     timeout": the primary goes to standby and a tunnel is negotiated with the backup-remote-gateway.
 *   - Revert: "If the negotiation to the backup tunnel times out, the router switches back to the primary
 *     tunnel. If both peers are down, it tries the failover six times. It then stops failing over and
 *     reverts to the original configuration, with the primary tunnel active and the backup in standby
 *     mode." We count every switch (to the backup or back to the primary) since the last tunnel that came
 *     up; after the sixth fails, the watch stops with the primary active. A tunnel that comes up resets
 *     the count. Junos documents no automatic return to the primary while the backup tunnel works, so a
 *     working backup stays active (it goes back to the primary only when DPD declares the backup dead).
 *   Sources: Juniper, "Configuring IPsec Rules" > "Configuring Destination Addresses for Dead Peer
 *   Detection" (the seed text, shared/seed/000_4e2a8bee25d952f1.txt; also
 *   http://www.juniper.net/techpubs/software/junos/junos85/swconfig85-services/id-12146532.html);
 *   https://juniper.net/documentation/en_US/junos13.2/topics/reference/configuration-statement/backup-remote-gateway-edit-services.html;
 *   https://juniper.net/documentation/en_US/junos13.2/topics/reference/configuration-statement/initiate-dead-peer-detection-edit-services.html;
 *   defaults: YANG junos-conf-services@2024-01-01 `dead-peer-detection` (interval 10, range 1..180;
 *   threshold 3, range 1..10). (The SRX `security ike gateway ... threshold` defaults to 5; that is
 *   another statement.)
 *
 * Owns: the per-end watch (poll, hello, retries, dead, failover chain, revert), answering hellos for every
 *   registered IKE SA, the timeline events.
 * Must not know: how a failover tunnel is negotiated or installed (the host does it), routing, output layouts.
 * Invariants: never throws; hellos and answers are UDP/500 datagrams through the plane, so failed links and
 *   routers lose them like any packet; a message that does not open with the SA's keys is ignored; a
 *   stopped monitor sets no more timers; no key reaches an event.
 * Tests: test/src/engine/dpd.test.ts, test/src/engine/dpd-wire.test.ts
 */
import type { RandomSource } from '../crypto/random';
import type { ForwardingPlane } from '../forwarding/index';
import type { SimulatedClock, TimerHandle } from '../net/clock';
import type { IkeKeying } from '../sa/ike-keying';
import { decodeIpv4, IpProtocol } from '../wire/ipv4';
import { decodeUdp, encodeUdp, IKE_PORT } from '../wire/udp';
import {
  buildIkev1Dpd, buildIkev2Liveness, informationalMessageId, isIkev1InformationalFor, isIkev2InformationalFor, openIkev1Dpd, openIkev2Liveness,
} from './messages';

/** One router's hold on an established IKE SA (it answers hellos on it; a watch also sends them). */
export interface DpdSession {
  readonly router: string;
  readonly tunnelId: string;
  readonly localGateway: string;
  readonly remoteGateway: string;
  /** the router at the remote gateway */
  readonly peerRouter: string;
  readonly keying: IkeKeying;
}

/** An end whose term sends hellos (`initiate-dead-peer-detection` or `backup-remote-gateway`). */
export interface DpdWatch {
  readonly router: string;
  /** `service-set rule/term`, for the events */
  readonly term: string;
  readonly intervalSeconds: number;
  readonly threshold: number;
  /** `remote-gateway` */
  readonly primary: string;
  /** `backup-remote-gateway` */
  readonly backup: string | undefined;
}

export type DpdEventKind =
  | 'hello' | 'ack' | 'no-ack' | 'retry' | 'dead' | 'sa-cleared' | 'failover' | 'established' | 'negotiation-failed' | 'revert' | 'stopped';

export interface DpdEvent {
  /** virtual milliseconds */
  readonly time: number;
  readonly router: string;
  /** the tunnel concerned (the one probed or cleared, or the one negotiated) */
  readonly tunnelId: string;
  readonly kind: DpdEventKind;
  /** the remote gateway concerned */
  readonly peer: string;
  readonly text: string;
}

export type FailoverOutcome =
  | { readonly ok: true; readonly tunnelId: string; readonly peerRouter: string; readonly sessions: readonly DpdSession[] }
  | { readonly ok: false; readonly tunnelId: string; readonly reason: string };

/** What the monitor needs from the simulation around it. */
export interface DpdHost {
  readonly plane: ForwardingPlane;
  readonly clock: SimulatedClock;
  readonly random: RandomSource;
  /** takes the session's tunnel off its router: SAs cleared, routes into the tunnel withdrawn */
  clear(session: DpdSession): void;
  /** negotiates IKE and IPsec for the watch's term with whoever has local-gateway `gateway`; `done` once */
  negotiate(watch: DpdWatch, gateway: string, done: (outcome: FailoverOutcome) => void): { cancel(): void };
}

export interface WatchStart {
  readonly watch: DpdWatch;
  /** the watch's established IKE SA, or undefined when its setup negotiation failed */
  readonly session: DpdSession | undefined;
  /** why the setup negotiation failed, when it timed out (a phase-1 timeout triggers the failover) */
  readonly setupTimeout?: string;
  /** the primary tunnel's id (names the setup timeout in the events) */
  readonly tunnelId: string;
}

export interface DpdMonitor {
  events(): DpdEvent[];
  /** a hello awaits its answer or a failover negotiation runs */
  busy(): boolean;
  stop(): void;
}

export const RETRY_MS = 2000;
/** "If both peers are down, it tries the failover six times." */
export const MAX_FAILOVERS = 6;

function sendUdp(plane: ForwardingPlane, router: string, from: string, to: string, payload: Buffer): void {
  const udp = encodeUdp({ sourcePort: IKE_PORT, destinationPort: IKE_PORT, payload }, from, to);
  plane.originate(router, {
    tos: 0, identification: plane.nextIdentification(), dontFragment: false, moreFragments: false, fragmentOffset: 0,
    ttl: 64, protocol: IpProtocol.udp, source: from, destination: to, options: Buffer.alloc(0), payload: udp,
  });
}

function cookies(keying: IkeKeying): string {
  return keying.version === 1
    ? `${keying.cookieI.toString('hex')}/${keying.cookieR.toString('hex')}`
    : `${keying.spiI.toString('hex')}/${keying.spiR.toString('hex')}`;
}

interface Answered {
  /** IKEv2: the response sent for the peer's last request (sent again when the request repeats) */
  lastResponse?: { id: number; bytes: Buffer };
}

type Waiter = (session: DpdSession, answer: { sequence?: number; messageId?: number }) => void;

export function startDeadPeerDetection(host: DpdHost, initial: readonly DpdSession[], starts: readonly WatchStart[]): DpdMonitor {
  const { plane, clock, random } = host;
  const log: DpdEvent[] = [];
  const timers: TimerHandle[] = [];
  const stops: (() => void)[] = [];
  const sessions = new Set<DpdSession>();
  const answered = new Map<DpdSession, Answered>();
  const waiters = new Map<DpdSession, Waiter>();
  const listening = new Set<string>();
  let stopped = false;
  let sequence = 1;

  const event = (router: string, tunnelId: string, kind: DpdEventKind, peer: string, text: string): void => {
    log.push({ time: Math.round(clock.now() * 1000) / 1000, router, tunnelId, kind, peer, text });
  };

  const onDatagram = (router: string, bytes: Buffer): void => {
    const ip = decodeIpv4(bytes);
    if (!ip.ok || ip.value.protocol !== IpProtocol.udp) return;
    const udp = decodeUdp(ip.value.payload, ip.value.source, ip.value.destination);
    if (!udp.ok || udp.value.destinationPort !== IKE_PORT) return;
    const payload = udp.value.payload;
    for (const session of sessions) {
      if (session.router !== router || session.localGateway !== ip.value.destination || session.remoteGateway !== ip.value.source) continue;
      const k = session.keying;
      if (k.version === 1) {
        if (!isIkev1InformationalFor(k, payload)) continue;
        const opened = openIkev1Dpd(k, payload);
        if (typeof opened === 'string') return;
        if (opened.type === 'R-U-THERE') {
          const ack = buildIkev1Dpd(k, 'R-U-THERE-ACK', opened.sequence, informationalMessageId(random));
          if (typeof ack !== 'string') sendUdp(plane, router, session.localGateway, session.remoteGateway, ack);
        } else {
          waiters.get(session)?.(session, { sequence: opened.sequence });
        }
        return;
      }
      if (!isIkev2InformationalFor(k, payload)) continue;
      const opened = openIkev2Liveness(k, payload);
      if (typeof opened === 'string') return;
      if (opened.response) {
        waiters.get(session)?.(session, { messageId: opened.messageId });
        return;
      }
      const state = answered.get(session) ?? {};
      answered.set(session, state);
      if (opened.messageId === k.nextPeerRequestId) {
        const response = buildIkev2Liveness(k, opened.messageId, true, random);
        if (typeof response === 'string') return;
        k.nextPeerRequestId++;
        state.lastResponse = { id: opened.messageId, bytes: response };
        sendUdp(plane, router, session.localGateway, session.remoteGateway, response);
      } else if (state.lastResponse?.id === opened.messageId) {
        sendUdp(plane, router, session.localGateway, session.remoteGateway, state.lastResponse.bytes);
      }
      return;
    }
  };

  const register = (session: DpdSession): void => {
    for (const old of [...sessions]) if (old.router === session.router && old.tunnelId === session.tunnelId) sessions.delete(old);
    sessions.add(session);
    if (!listening.has(session.router)) {
      listening.add(session.router);
      stops.push(plane.listen(session.router, (delivery) => onDatagram(session.router, delivery.bytes)));
    }
  };
  for (const s of initial) register(s);

  interface Watcher {
    state: 'watching' | 'probing' | 'negotiating' | 'stopped';
    session: DpdSession | undefined;
    /** which gateway the term uses now */
    active: 'primary' | 'backup';
    failovers: number;
    lastPoll: number;
    running: { cancel(): void } | undefined;
  }
  const watchers: Watcher[] = [];

  const startWatch = (start: WatchStart): void => {
    const { watch } = start;
    if (start.session) register(start.session);
    const w: Watcher = { state: 'watching', session: start.session, active: 'primary', failovers: 0, lastPoll: clock.now(), running: undefined };
    watchers.push(w);
    const gatewayOf = (side: 'primary' | 'backup'): string => (side === 'primary' ? watch.primary : watch.backup ?? watch.primary);
    const name = (side: 'primary' | 'backup'): string => (side === 'primary' ? `remote-gateway ${watch.primary}` : `backup-remote-gateway ${watch.backup ?? ''}`);

    const failover = (tunnelId: string): void => {
      if (stopped) return;
      if (watch.backup === undefined) {
        w.state = 'stopped';
        event(watch.router, tunnelId, 'stopped', gatewayOf(w.active), `no backup-remote-gateway: the tunnel stays down (initiate-dead-peer-detection only clears the SAs)`);
        return;
      }
      w.failovers++;
      if (w.failovers > MAX_FAILOVERS) {
        w.active = 'primary';
        w.state = 'stopped';
        event(watch.router, tunnelId, 'revert', watch.primary, `both gateways down: ${MAX_FAILOVERS} failovers without a tunnel, failover stops; reverted to the original configuration (${name('primary')} active, ${name('backup')} standby)`);
        return;
      }
      const from = w.active;
      w.active = from === 'primary' ? 'backup' : 'primary';
      const target = gatewayOf(w.active);
      event(watch.router, tunnelId, 'failover', target, w.active === 'backup'
        ? `failover ${w.failovers} of ${MAX_FAILOVERS}: ${name('primary')} to standby, negotiating IKE and IPsec with ${name('backup')}`
        : `failover ${w.failovers} of ${MAX_FAILOVERS}: switching back to ${name('primary')}, negotiating IKE and IPsec with it`);
      w.state = 'negotiating';
      w.running = host.negotiate(watch, target, (outcome) => {
        w.running = undefined;
        if (stopped) return;
        if (!outcome.ok) {
          event(watch.router, outcome.tunnelId, 'negotiation-failed', target, outcome.reason);
          failover(outcome.tunnelId);
          return;
        }
        for (const s of outcome.sessions) register(s);
        w.session = outcome.sessions.find((s) => s.router === watch.router);
        w.failovers = 0;
        w.state = 'watching';
        w.lastPoll = clock.now();
        event(watch.router, outcome.tunnelId, 'established', target,
          `IKE SA ${w.session ? cookies(w.session.keying) : ''} and IPsec SAs up with ${outcome.peerRouter} (${target}): ${w.active === 'backup' ? 'backup' : 'primary'} tunnel active`);
      });
    };

    const dead = (session: DpdSession): void => {
      event(watch.router, session.tunnelId, 'dead', session.remoteGateway, `${session.peerRouter} (${session.remoteGateway}) did not answer ${watch.threshold} hello(s): peer declared dead`);
      host.clear(session);
      sessions.delete(session);
      waiters.delete(session);
      w.session = undefined;
      event(watch.router, session.tunnelId, 'sa-cleared', session.remoteGateway, `IKE SA ${cookies(session.keying)} and its IPsec SAs with ${session.remoteGateway} cleared; routes into the tunnel withdrawn`);
      failover(session.tunnelId);
    };

    const probe = (session: DpdSession, attempt: number, request: { bytes: Buffer; id: number; sequence: number } | undefined): void => {
      if (stopped || w.session !== session) return;
      w.state = 'probing';
      const k = session.keying;
      let current = request;
      if (k.version === 1) {
        const seq = sequence++;
        const bytes = buildIkev1Dpd(k, 'R-U-THERE', seq, informationalMessageId(random));
        if (typeof bytes === 'string') return;
        current = { bytes, id: 0, sequence: seq };
      } else if (current === undefined) {
        const id = k.nextRequestId;
        const bytes = buildIkev2Liveness(k, id, false, random);
        if (typeof bytes === 'string') return;
        current = { bytes, id, sequence: id };
      }
      const what = k.version === 1 ? `R-U-THERE seq ${current.sequence}` : `INFORMATIONAL request MID ${current.id} (liveness check)`;
      event(watch.router, session.tunnelId, attempt === 1 ? 'hello' : 'retry', session.remoteGateway,
        attempt === 1 ? `no traffic from ${session.remoteGateway} for ${watch.intervalSeconds} s: DPD hello ${what}` : `retry ${attempt - 1}: ${what}`);
      let acked = false;
      const sent = current;
      waiters.set(session, (_s, answer) => {
        const matches = k.version === 1 ? answer.sequence === sent.sequence : answer.messageId === sent.id;
        if (!matches || acked) return;
        acked = true;
        if (k.version === 2) k.nextRequestId++;
        waiters.delete(session);
        w.state = 'watching';
        event(watch.router, session.tunnelId, 'ack', session.remoteGateway, k.version === 1 ? `R-U-THERE-ACK seq ${sent.sequence} from ${session.remoteGateway}` : `INFORMATIONAL response MID ${sent.id} from ${session.remoteGateway}`);
      });
      sendUdp(plane, watch.router, session.localGateway, session.remoteGateway, sent.bytes);
      timers.push(clock.setTimeout(() => {
        if (acked || stopped || w.session !== session) return;
        event(watch.router, session.tunnelId, 'no-ack', session.remoteGateway, `no answer to hello ${attempt} of ${watch.threshold} within ${RETRY_MS / 1000} s`);
        if (attempt < watch.threshold) probe(session, attempt + 1, sent);
        else {
          waiters.delete(session);
          dead(session);
        }
      }, RETRY_MS));
    };

    timers.push(clock.setInterval(() => {
      const poll = clock.now();
      const session = w.session;
      const since = w.lastPoll;
      w.lastPoll = poll;
      if (stopped || w.state !== 'watching' || !session) return;
      // The services PIC reports tunnels without incoming IPsec traffic; an ACK (IKE, control plane) does
      // not make the tunnel active, so an idle tunnel gets a hello at every poll.
      if (plane.lastInbound(session.router, session.tunnelId) < since) probe(session, 1, undefined);
    }, Math.max(1, watch.intervalSeconds) * 1000));

    if (start.session === undefined && start.setupTimeout !== undefined) {
      event(watch.router, start.tunnelId, 'negotiation-failed', watch.primary, `phase 1 with ${name('primary')} timed out during setup: ${start.setupTimeout}`);
      failover(start.tunnelId);
    }
  };
  for (const s of starts) startWatch(s);

  return {
    events: () => [...log],
    busy: () => watchers.some((w) => w.state === 'probing' || w.state === 'negotiating'),
    stop: () => {
      stopped = true;
      for (const t of timers) t.cancel();
      for (const s of stops) s();
      for (const w of watchers) w.running?.cancel();
    },
  };
}
