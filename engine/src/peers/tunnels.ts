/**
 * peers/tunnels.ts: `findTunnels`: which router is at the other end of each IPsec rule term.
 * Owns: tunnel ends (a service set applying a term with a dynamic or manual SA), the peer search (a peer is
 *   another router whose service set's local-gateway is this term's remote-gateway, or its
 *   backup-remote-gateway for the backup), the points-back check, choosing among several candidates, and one
 *   sentence per result that a network engineer understands.
 * Must not know: protocols, routing, syntax, LSP.
 * Invariants: never throws; one tunnel per pair (R2<->R3 appears once, from the first end in network order);
 *   an end that is not paired gets its own tunnel with the reason; messages name files by their base name and
 *   never contain keys.
 * Tests: test/src/engine/peers.test.ts
 */
import type { Network } from '../device/network';
import type { AddressMatch, Device, IpsecTerm, ServiceSet, Span } from '../device/types';

export type TunnelStatus = 'paired' | 'no-peer' | 'not-pointing-back' | 'several-candidates';

export interface TunnelEnd {
  /** the router's name (host-name or file name) */
  readonly device: string;
  readonly docId: string;
  readonly serviceSet: string;
  readonly rule: string;
  readonly term: string;
  readonly sa: 'dynamic' | 'manual';
  readonly localGateway: string | undefined;
  readonly remoteGateway: string | undefined;
  readonly backupRemoteGateway: string | undefined;
  readonly spans: {
    readonly serviceSet: Span | undefined;
    readonly term: Span | undefined;
    readonly localGateway: Span | undefined;
    readonly remoteGateway: Span | undefined;
    readonly backupRemoteGateway: Span | undefined;
  };
}

export interface BackupPeer {
  readonly address: string;
  readonly status: Exclude<TunnelStatus, 'several-candidates'>;
  readonly peer: TunnelEnd | undefined;
  readonly message: string;
}

export interface Tunnel {
  readonly status: TunnelStatus;
  /** one sentence: who pairs with whom, or what was searched and not found */
  readonly message: string;
  /** the end the search started from */
  readonly local: TunnelEnd;
  /** the end chosen as peer (also set for `not-pointing-back`: the router that has the gateway address) */
  readonly peer: TunnelEnd | undefined;
  /** every end whose local-gateway is `local.remoteGateway` (more than one for `several-candidates`) */
  readonly candidates: TunnelEnd[];
  /** the documents searched for the peer (every other router's file) */
  readonly searched: string[];
  /** the backup gateway's peer, when the term has `backup-remote-gateway` */
  readonly backup: BackupPeer | undefined;
}

interface EndRecord {
  readonly end: TunnelEnd;
  readonly device: Device;
  readonly term: IpsecTerm;
}

function baseName(docId: string): string {
  return docId.split(/[\\/]/).pop() ?? docId;
}

function endsOf(device: Device): EndRecord[] {
  const out: EndRecord[] = [];
  for (const set of device.serviceSets) {
    for (const applied of set.terms) {
      const rule = device.ipsecVpn.rules.find((r) => r.name === applied.rule);
      const term = rule?.terms.find((t) => t.name === applied.term);
      if (!term?.then.sa) continue;
      out.push({ end: makeEnd(device, set, term), device, term });
    }
  }
  return out;
}

function makeEnd(device: Device, set: ServiceSet, term: IpsecTerm): TunnelEnd {
  const options = set.ipsecVpnOptions;
  return {
    device: device.name,
    docId: device.docId,
    serviceSet: set.name,
    rule: term.rule,
    term: term.name,
    sa: term.then.sa!.kind,
    localGateway: options.localGateway?.address,
    remoteGateway: term.then.remoteGateway?.address,
    backupRemoteGateway: term.then.backupRemoteGateway?.address,
    spans: {
      serviceSet: set.at,
      term: term.at,
      localGateway: options.localGateway?.at,
      remoteGateway: term.then.remoteGateway?.at,
      backupRemoteGateway: term.then.backupRemoteGateway?.at,
    },
  };
}

/** `R3 (r3.conf, service set demo-service-set, rule-ike/term-ike)` */
function describe(end: TunnelEnd): string {
  return `${end.device} (${baseName(end.docId)}, service set ${end.serviceSet}, ${end.rule}/${end.term})`;
}

/** The peer's term accepts us: it points at our local-gateway, or it has no remote-gateway (answers anyone). */
function pointsBack(peer: TunnelEnd, local: TunnelEnd): boolean {
  if (peer.remoteGateway === undefined) return true;
  return local.localGateway !== undefined && (peer.remoteGateway === local.localGateway || peer.backupRemoteGateway === local.localGateway);
}

function prefixes(list: readonly AddressMatch[]): string {
  return list
    .map((a) => a.prefix)
    .sort()
    .join(' ');
}

/** The two terms protect mirrored traffic (their source is our destination and the other way round). */
function mirrored(a: IpsecTerm, b: IpsecTerm): boolean {
  return prefixes(a.from.sourceAddresses) === prefixes(b.from.destinationAddresses) && prefixes(a.from.destinationAddresses) === prefixes(b.from.sourceAddresses);
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Routers that have `address` on an interface but no service set using it as local-gateway (a hint). */
function addressOwners(devices: readonly Device[], address: string): string[] {
  const out: string[] = [];
  for (const d of devices) {
    for (const i of d.interfaces) for (const u of i.units) if (u.addresses.some((a) => a.address === address)) out.push(`${d.name} (${baseName(d.docId)}) has ${address} on ${u.name}`);
  }
  return out;
}

function noPeerMessage(local: TunnelEnd, address: string, searched: readonly string[], devices: readonly Device[], which: string): string {
  const owners = addressOwners(devices, address);
  const where = searched.length > 0 ? ` (searched ${listWords(searched.map(baseName))})` : ' (no other configuration was given)';
  const own = local.localGateway === address ? `; ${address} is ${local.device}'s own local-gateway` : '';
  const hint = owners.length > 0 ? `; ${listWords(owners)} but no service set with that local-gateway` : '';
  return `${describe(local)}: no ${own ? 'other ' : ''}configuration in the folder has local-gateway ${address}, the term's ${which}${where}${own}${hint}`;
}

interface Choice {
  readonly status: TunnelStatus;
  readonly peer: EndRecord | undefined;
  readonly candidates: EndRecord[];
  readonly message: string;
}

function choosePeer(
  local: EndRecord,
  address: string,
  which: 'remote-gateway' | 'backup-remote-gateway',
  all: readonly EndRecord[],
  paired: ReadonlySet<TunnelEnd>,
  searched: readonly string[],
  devices: readonly Device[],
): Choice {
  const candidates = all.filter((r) => r.device !== local.device && r.end.localGateway === address);
  if (candidates.length === 0) return { status: 'no-peer', peer: undefined, candidates, message: noPeerMessage(local.end, address, searched, devices, which) };
  const back = candidates.filter((r) => pointsBack(r.end, local.end));
  const candidateDevices = [...new Set(candidates.map((r) => r.device))];
  if (back.length === 0) {
    const first = candidates[0]!;
    const pointsTo = first.end.remoteGateway === undefined ? 'nowhere' : first.end.remoteGateway;
    const ours = local.end.localGateway === undefined ? 'which has no local-gateway' : `${local.end.localGateway}`;
    return {
      status: 'not-pointing-back',
      peer: first,
      candidates,
      message: `${describe(local.end)} reaches ${describe(first.end)} through local-gateway ${address}, but that term's remote-gateway is ${pointsTo}, not ${local.end.device}'s local-gateway ${ours}`,
    };
  }
  // Prefer a term that mirrors our selectors, then one not yet paired, then configuration order.
  const ranked = [...back].sort(
    (x, y) => Number(mirrored(y.term, local.term)) - Number(mirrored(x.term, local.term)) || Number(paired.has(x.end)) - Number(paired.has(y.end)),
  );
  const chosen = ranked[0]!;
  if (candidateDevices.length > 1) {
    const why =
      back.length === 1
        ? 'it is the only one whose term points back'
        : mirrored(chosen.term, local.term) && !ranked.slice(1).every((r) => mirrored(r.term, local.term))
          ? 'its term protects the mirror image of this term\'s traffic'
          : 'several point back; the first in folder order was taken';
    return {
      status: 'several-candidates',
      peer: chosen,
      candidates,
      message: `${describe(local.end)}: ${candidateDevices.length} routers have local-gateway ${address} (${listWords(candidateDevices.map((d) => `${d.name} (${baseName(d.docId)})`))}); used ${describe(chosen.end)} because ${why}`,
    };
  }
  return {
    status: 'paired',
    peer: chosen,
    candidates,
    message: `${describe(local.end)} and ${describe(chosen.end)} point at each other (local-gateway ${local.end.localGateway ?? 'none'} <-> ${address})`,
  };
}

/** Finds the peer of every tunnel end in the network; one result per pair, plus one per unpaired end. */
export function findTunnels(network: Pick<Network, 'devices'>): Tunnel[] {
  const devices = network.devices;
  const all = devices.flatMap(endsOf);
  const paired = new Set<TunnelEnd>();
  const tunnels: Tunnel[] = [];
  for (const local of all) {
    if (paired.has(local.end)) continue;
    const searched = devices.filter((d) => d !== local.device).map((d) => d.docId);
    let choice: Choice;
    if (local.end.remoteGateway === undefined) {
      const callers = all.filter((r) => r.device !== local.device && local.end.localGateway !== undefined && r.end.remoteGateway === local.end.localGateway);
      choice = {
        status: 'no-peer',
        peer: undefined,
        candidates: [],
        message:
          `${describe(local.end)} has no remote-gateway: it only answers peers that connect to local-gateway ${local.end.localGateway ?? '(none)'}` +
          (callers.length > 0 ? '' : `, and no configuration in the folder points at it (searched ${listWords(searched.map(baseName))})`),
      };
      if (callers.length > 0) continue; // the callers' own tunnels pair with this end
    } else {
      choice = choosePeer(local, local.end.remoteGateway, 'remote-gateway', all, paired, searched, devices);
    }
    let backup: BackupPeer | undefined;
    if (local.end.backupRemoteGateway !== undefined) {
      const b = choosePeer(local, local.end.backupRemoteGateway, 'backup-remote-gateway', all, paired, searched, devices);
      backup = {
        address: local.end.backupRemoteGateway,
        status: b.status === 'several-candidates' ? 'paired' : b.status,
        peer: b.peer?.end,
        message: b.message,
      };
      if (b.peer && (b.status === 'paired' || b.status === 'several-candidates')) paired.add(b.peer.end);
    }
    if (choice.peer && (choice.status === 'paired' || choice.status === 'several-candidates')) {
      paired.add(choice.peer.end);
      paired.add(local.end);
    }
    tunnels.push({
      status: choice.status,
      message: choice.message,
      local: local.end,
      peer: choice.peer?.end,
      candidates: choice.candidates.map((c) => c.end),
      searched,
      backup,
    });
  }
  return tunnels;
}
