/**
 * topology/state.ts: failing and restoring links and routers (`--fail LINK|ROUTER`), and the questions the
 *   routing layer asks about them.
 * Owns: name resolution for links (either end order, unit 0 optional, router names case-insensitive) and
 *   routers, the down sets, the revision counter, which units are up.
 * Must not know: routing protocols, tunnels' IKE state (tunnel links have only their failure flag here).
 * Invariants: never throws; an unknown name changes nothing and returns a problem; every effective change
 *   bumps `state.revision` (a no-op change does not).
 * Tests: test/src/engine/topology.test.ts
 */
import type { Link, Topology, TopologyProblem, TopologyRouter } from './types';

export type StateChange = { readonly changed: boolean; readonly id: string } | { readonly changed: false; readonly problem: TopologyProblem };

function unitName(text: string): string {
  return text.includes('.') ? text : `${text}.0`;
}

function endKey(router: string, unit: string): string {
  return `${router.toLowerCase()}:${unitName(unit)}`;
}

export function findRouter(topology: Topology, name: string): TopologyRouter | undefined {
  return topology.routers.find((r) => r.name.toLowerCase() === name.toLowerCase());
}

/** The link called `text`: its exact id, or its ends in any order (`r3:ge-0/0/1.0<->R2:ge-0/0/1`). */
export function findLink(topology: Topology, text: string): Link | undefined {
  const exact = topology.links.find((l) => l.id === text);
  if (exact) return exact;
  const wanted = text.split('<->').map((part) => {
    const colon = part.indexOf(':');
    return colon < 0 ? '' : endKey(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
  });
  const key = [...wanted].sort().join(' ');
  const found = topology.links.filter((l) => l.ends.map((e) => endKey(e.router, e.unit)).sort().join(' ') === key);
  return found.length === 1 ? found[0] : undefined;
}

function unknown(code: TopologyProblem['code'], message: string): StateChange {
  return { changed: false, problem: { code, message, spans: [] } };
}

export function setLinkState(topology: Topology, linkId: string, up: boolean): StateChange {
  const link = findLink(topology, linkId);
  if (!link) return unknown('unknown-link', `no link ${linkId} (links: ${topology.links.map((l) => l.id).join(', ') || 'none'})`);
  const down = topology.state.downLinks;
  if (up === !down.has(link.id)) return { changed: false, id: link.id };
  if (up) down.delete(link.id);
  else down.add(link.id);
  topology.state.revision++;
  return { changed: true, id: link.id };
}

export function setRouterState(topology: Topology, name: string, up: boolean): StateChange {
  const router = findRouter(topology, name);
  if (!router) return unknown('unknown-router', `no router ${name} (routers: ${topology.routers.map((r) => r.name).join(', ') || 'none'})`);
  const down = topology.state.downRouters;
  if (up === !down.has(router.name)) return { changed: false, id: router.name };
  if (up) down.delete(router.name);
  else down.add(router.name);
  topology.state.revision++;
  return { changed: true, id: router.name };
}

export function isRouterUp(topology: Topology, name: string): boolean {
  return !topology.state.downRouters.has(name);
}

/** The link's own flag and both (all) of its routers. */
export function isLinkUp(topology: Topology, link: Link): boolean {
  return !topology.state.downLinks.has(link.id) && link.ends.every((e) => isRouterUp(topology, e.router));
}

/** A unit is down when its router is down or a (non-tunnel) link it sits on was failed. */
export function isUnitUp(topology: Topology, router: string, unit: string): boolean {
  if (!isRouterUp(topology, router)) return false;
  for (const id of topology.state.downLinks) {
    const link = topology.links.find((l) => l.id === id);
    if (link && link.kind !== 'tunnel' && link.ends.some((e) => e.router === router && e.unit === unit)) return false;
  }
  return true;
}
