/**
 * routing/show-route.ts: one router's table as text in the spirit of Junos `show route` (inet.0 only).
 * Owns: the header (destination/route/active/hidden counts), the legend, the entry layout (prefix column,
 *   `*[OSPF/10] 00:01:02, metric 2`, `> to 10.1.12.1 via ge-0/0/0.0`, `Local via`, `MultiRecv`, `Discard`,
 *   `Reject`), route ages in Junos style, filtering by destination and protocol.
 * Must not know: how routes were computed.
 * Invariants: never throws; pure function of the table, options and time; lines end without trailing spaces.
 * Tests: test/src/engine/routing.test.ts
 */
import { parseIpv4Prefix, prefixContains } from '../topology/ipv4';
import type { NextHop, Route, RouteProtocol, RouteTable } from './types';

export interface ShowRouteOptions {
  /** an address or prefix: show the prefixes that contain it (`exact`: only that prefix) */
  readonly destination?: string;
  readonly exact?: boolean;
  readonly protocol?: RouteProtocol;
  /** simulated time (ms) used for route ages; default 0 */
  readonly now?: number;
}

const PREFIX_COLUMN = 19;
const HOP_INDENT = ' '.repeat(20);

/** `00:01:02`, `2d 03:04:05`, `1w2d 03:04:05`. */
export function formatRouteAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(Math.floor((s % 86400) / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  const days = Math.floor(s / 86400);
  if (days === 0) return clock;
  const weeks = Math.floor(days / 7);
  return weeks > 0 ? `${weeks}w${days % 7}d ${clock}` : `${days}d ${clock}`;
}

function hopLine(hop: NextHop, selected: boolean): string {
  const mark = selected ? '> ' : '  ';
  switch (hop.kind) {
    case 'forward':
      return `${HOP_INDENT}${mark}${hop.to !== undefined ? `to ${hop.to} ` : ''}via ${hop.interface}`;
    case 'local':
      return `${HOP_INDENT}  Local via ${hop.interface}`;
    case 'discard':
      return `${HOP_INDENT}  Discard`;
    case 'reject':
      return `${HOP_INDENT}  Reject`;
    case 'receive':
      return `${HOP_INDENT}  MultiRecv`;
  }
}

function routeLines(route: Route, first: boolean, now: number): string[] {
  const age = formatRouteAge((now - route.since) / 1000);
  const head = `${route.active ? '*' : ' '}[${route.protocol}/${route.preference}] ${age}${route.metric !== undefined ? `, metric ${route.metric}` : ''}`;
  const lead = first ? route.prefix.padEnd(PREFIX_COLUMN) + (route.prefix.length >= PREFIX_COLUMN ? ' ' : '') : ' '.repeat(PREFIX_COLUMN);
  return [`${lead}${head}`, ...route.nextHops.map((h, i) => hopLine(h, i === 0 && route.active))];
}

function selected(table: RouteTable, options: ShowRouteOptions): Route[] {
  let routes = table.routes;
  if (options.protocol) routes = routes.filter((r) => r.protocol === options.protocol);
  if (options.destination !== undefined) {
    const wanted = parseIpv4Prefix(options.destination);
    if (!wanted) return [];
    routes = options.exact
      ? routes.filter((r) => r.network === wanted.network && r.length === wanted.length)
      : routes.filter((r) => r.length <= wanted.length && prefixContains(r, wanted.network));
  }
  return routes;
}

export function formatRouteTable(table: RouteTable, options: ShowRouteOptions = {}): string {
  const now = options.now ?? 0;
  const all = table.routes;
  const destinations = new Set(all.map((r) => r.prefix)).size;
  const active = all.filter((r) => r.active).length;
  const lines = [
    `inet.0: ${destinations} destinations, ${all.length} routes (${active} active, 0 holddown, ${table.hidden.length} hidden)`,
    '+ = Active Route, - = Last Active, * = Both',
    '',
  ];
  const shown = selected(table, options);
  let previous = '';
  for (const route of shown) {
    lines.push(...routeLines(route, route.prefix !== previous, now));
    previous = route.prefix;
  }
  if (!table.up) lines.push(`(${table.router} is down: no routes)`);
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}
