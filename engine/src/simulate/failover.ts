/**
 * simulate/failover.ts: the simulation's side of dead peer detection: which ends watch their peer (terms
 *   with `initiate-dead-peer-detection` or `backup-remote-gateway`), the IKE SAs every end answers hellos on,
 *   and the DPD host: clearing a dead tunnel (SAs off the plane, tunnel link down for routing) and running
 *   the failover negotiation for real, IKE over the forwarding plane hop by hop (so it crosses the links
 *   that are up and is captured in the pcap), then installing the new SAs and bringing the tunnel link up.
 * Owns: the backup tunnels as topology tunnels (`R2:...<->R3b:...` from `Tunnel.backup`), finding the end at
 *   a gateway, the renegotiation records (messages, sides) and the show-output changes they cause.
 * Must not know: DPD timing (dpd/), packet forwarding (forwarding/), output layouts.
 * Invariants: never throws; verdicts of renegotiations come from the exchange; no key reaches a record
 *   (keyings stay in DpdSession objects that are never serialised).
 * Tests: test/src/engine/dpd.test.ts
 */
import type { RandomSource } from '../crypto/random';
import type { Network } from '../device/network';
import type { DpdHost, DpdSession, DpdWatch, FailoverOutcome, WatchStart } from '../dpd/index';
import { planeUdpTransport, type ForwardingPlane, type InstalledEnd } from '../forwarding/index';
import type { SimulatedClock } from '../net/clock';
import type { Tunnel, TunnelEnd } from '../peers/tunnels';
import { startNegotiation } from '../sa/negotiate';
import type { Topology } from '../topology/index';
import { tunnelIdOf } from '../topology/tunnel-ids';
import { endContext, mapEnd } from './device-to-sa';
import type { Renegotiation, TunnelSide } from './result';
import type { IkeSessionEnd } from './tunnel';
import { messagesOf, sideView } from './views';

/** A change to a router's show outputs: a tunnel's side cleared (side undefined) or (re)established. */
export interface SideChange {
  readonly docId: string;
  readonly device: string;
  readonly serviceSet: string;
  readonly rule: string;
  readonly term: string;
  readonly side: TunnelSide | undefined;
  /** virtual ms the SAs came up (lifetimes count down from there) */
  readonly upSince: number;
}

const sameEnd = (a: TunnelEnd, b: TunnelEnd): boolean => a.device === b.device && a.serviceSet === b.serviceSet && a.rule === b.rule && a.term === b.term;

/** Every primary tunnel plus one per paired backup (`local` <-> the router at `backup-remote-gateway`). */
export function withBackupTunnels(tunnels: readonly Tunnel[]): Tunnel[] {
  const backups: Tunnel[] = [];
  for (const t of tunnels) {
    const b = t.backup;
    if (!b?.peer || b.status !== 'paired') continue;
    backups.push({ status: 'paired', message: b.message, local: t.local, peer: b.peer, candidates: [b.peer], searched: t.searched, backup: undefined });
  }
  return [...tunnels, ...backups];
}

function allEnds(tunnels: readonly Tunnel[]): TunnelEnd[] {
  const out: TunnelEnd[] = [];
  for (const t of tunnels) for (const e of [t.local, t.peer, t.backup?.peer]) if (e && !out.some((o) => sameEnd(o, e))) out.push(e);
  return out;
}

/** The DPD watches of the network's ends, with their established IKE SA or their setup timeout. */
export function dpdWatches(network: Network, tunnels: readonly Tunnel[], sessions: readonly IkeSessionEnd[], setupTimeouts: ReadonlyMap<Tunnel, string>): WatchStart[] {
  const starts: WatchStart[] = [];
  for (const t of tunnels) {
    for (const end of [t.local, t.peer]) {
      if (!end || end.remoteGateway === undefined) continue;
      const then = network.devices.find((d) => d.name === end.device)?.ipsecVpn.rules.find((r) => r.name === end.rule)?.terms.find((x) => x.name === end.term)?.then;
      if (!then || then.sa?.kind !== 'dynamic' || (!then.initiateDeadPeerDetection && then.backupRemoteGateway === undefined)) continue;
      if (starts.some((s) => s.watch.router === end.device && s.watch.term === `${end.serviceSet} ${end.rule}/${end.term}`)) continue;
      const watch: DpdWatch = {
        router: end.device, term: `${end.serviceSet} ${end.rule}/${end.term}`,
        intervalSeconds: then.deadPeerDetection.interval, threshold: then.deadPeerDetection.threshold,
        primary: end.remoteGateway, backup: then.backupRemoteGateway?.address,
      };
      const held = sessions.find((s) => sameEnd(s.end, end));
      const timeout = end === t.local ? setupTimeouts.get(t) : undefined;
      starts.push({ watch, tunnelId: tunnelIdOf(t), session: held && toSession(held, tunnelIdOf(t)), ...(held === undefined && timeout !== undefined ? { setupTimeout: timeout } : {}) });
    }
  }
  return starts;
}

export function toSession(held: IkeSessionEnd, tunnelId: string): DpdSession {
  return { router: held.end.device, tunnelId, localGateway: held.localGateway, remoteGateway: held.remoteGateway, peerRouter: held.peerRouter, keying: held.keying };
}

export interface FailoverHostInput {
  readonly network: Network;
  /** primary and backup tunnels (`withBackupTunnels`) */
  readonly tunnels: readonly Tunnel[];
  readonly topology: Topology;
  readonly plane: ForwardingPlane;
  readonly clock: SimulatedClock;
  readonly random: RandomSource;
  /** the tunnel ids routing treats as up */
  readonly up: Set<string>;
}

export interface FailoverHost extends DpdHost {
  readonly renegotiations: Renegotiation[];
  readonly sideChanges: SideChange[];
}

export function createFailoverHost(input: FailoverHostInput): FailoverHost {
  const { network, tunnels, plane, clock, random, up } = input;
  const transport = planeUdpTransport(plane, input.topology);
  const ends = allEnds(tunnels);
  const renegotiations: Renegotiation[] = [];
  const sideChanges: SideChange[] = [];
  const endOf = (router: string, term: string): TunnelEnd | undefined => ends.find((e) => e.device === router && `${e.serviceSet} ${e.rule}/${e.term}` === term);
  const tunnelIdFor = (a: TunnelEnd, b: TunnelEnd): string => {
    const t = tunnels.find((x) => x.peer && ((sameEnd(x.local, a) && sameEnd(x.peer, b)) || (sameEnd(x.local, b) && sameEnd(x.peer, a))));
    return tunnelIdOf(t ?? { local: a, peer: b });
  };
  const sideChange = (end: TunnelEnd, side: TunnelSide | undefined): SideChange => ({
    docId: end.docId, device: end.device, serviceSet: end.serviceSet, rule: end.rule, term: end.term, side, upSince: clock.now(),
  });

  return {
    plane, clock, random, renegotiations, sideChanges,
    clear(session: DpdSession): void {
      plane.clearTunnel(session.router, session.tunnelId);
      up.delete(session.tunnelId);
      const end = ends.find((e) => e.device === session.router && tunnels.some((t) => tunnelIdOf(t) === session.tunnelId && (sameEnd(t.local, e) || (t.peer !== undefined && sameEnd(t.peer, e)))));
      if (end) sideChanges.push(sideChange(end, undefined));
    },
    negotiate(watch: DpdWatch, gateway: string, done: (outcome: FailoverOutcome) => void): { cancel(): void } {
      const own = endOf(watch.router, watch.term);
      const gatewayRole = gateway === watch.primary ? 'primary' : 'backup';
      const refuse = (tunnelId: string, reason: string): { cancel(): void } => {
        done({ ok: false, tunnelId, reason });
        return { cancel: () => undefined };
      };
      if (!own) return refuse('', `${watch.router} ${watch.term} is not a tunnel end`);
      const candidates = ends.filter((e) => e.device !== own.device && e.localGateway === gateway);
      const peer = candidates.find((e) => e.remoteGateway === undefined || e.remoteGateway === own.localGateway || e.backupRemoteGateway === own.localGateway) ?? candidates[0];
      if (!peer) return refuse(tunnelIdOf({ local: own, peer: undefined }), `no router in the inputs has local-gateway ${gateway}: nobody to negotiate with`);
      const tunnelId = tunnelIdFor(own, peer);
      const ownCtx = endContext(network.devices, own);
      const peerCtx = endContext(network.devices, peer);
      if (!ownCtx || !peerCtx) return refuse(tunnelId, `${own.device} or ${peer.device} cannot be compiled`);
      const ownMap = mapEnd(ownCtx, own, gateway);
      const peerMap = mapEnd(peerCtx, peer, peer.remoteGateway ?? own.localGateway);
      if (!ownMap.ok) return refuse(tunnelId, ownMap.reason);
      if (!peerMap.ok) return refuse(tunnelId, peerMap.reason);
      const started = clock.now();
      return startNegotiation(ownMap.config, peerMap.config, { network: transport, clock, random }, (result) => {
        const { messages } = messagesOf(result.log);
        const established = result.outcome === 'ESTABLISHED';
        const sides = established ? [sideView(result.initiator, own, 1, messages), sideView(result.responder, peer, 1, messages)] : [];
        renegotiations.push({
          time: Math.round(started * 1000) / 1000, tunnelId, initiator: own.device, responder: peer.device, gateway, gatewayRole,
          verdict: result.outcome, reason: result.reason, messages, sides,
        });
        if (!established) {
          const lost = result.outcome === 'PEER_UNREACHABLE' ? transport.lostBetween(own.localGateway ?? '', gateway) : [];
          const why = lost.length > 0 ? `${result.reason.replace(/\.$/, '')}; the datagrams were lost on the way: ${lost.join('; ')}` : result.reason;
          renegotiations[renegotiations.length - 1] = { ...renegotiations[renegotiations.length - 1]!, reason: why };
          done({ ok: false, tunnelId, reason: `${result.outcome}: ${why}` });
          return;
        }
        const installedEnd = (end: TunnelEnd, side: typeof result.initiator, other: typeof result.initiator): InstalledEnd => ({
          router: end.device, serviceSet: end.serviceSet, rule: end.rule, term: end.term, localGateway: side.address, remoteGateway: other.address, sas: side.ipsecSas,
        });
        plane.installTunnel({ tunnelId, ends: [installedEnd(own, result.initiator, result.responder), installedEnd(peer, result.responder, result.initiator)] }, own.device);
        // The term's other tunnel (primary or backup) is no longer the active one.
        for (const t of tunnels) {
          const id = tunnelIdOf(t);
          if (id !== tunnelId && sameEnd(t.local, own)) up.delete(id);
        }
        up.add(tunnelId);
        sideChanges.push(sideChange(own, sides[0]), sideChange(peer, sides[1]));
        const sessions: DpdSession[] = [];
        for (const [side, other, end] of [[result.initiator, result.responder, own], [result.responder, result.initiator, peer]] as const) {
          if (side.keying) sessions.push(toSession({ end, localGateway: side.address, remoteGateway: other.address, peerRouter: other.deviceName, keying: side.keying }, tunnelId));
        }
        done({ ok: true, tunnelId, peerRouter: peer.device, sessions });
      });
    },
  };
}
