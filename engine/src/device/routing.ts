/**
 * device/routing.ts: compiles `routing-options` (router-id, static routes) and `protocols ospf` (areas and
 *   their interfaces) of one device.
 * Owns: unit-0 completion of OSPF interface names (`ge-0/0/0` means `ge-0/0/0.0`), passive flags, route
 *   next hops and discard/reject.
 * Must not know: interfaces' addresses (the topology layer links them), service sets, IPsec.
 * Invariants: never throws; configuration order kept; every route, area and interface keeps its span.
 * Tests: test/src/engine/device.test.ts
 */
import { addProblem, prefixOf, readAddress, type CompileContext } from './context';
import { child, descend, entries, has, leafWord, spanOf, spanOfWord, valueWords } from './read';
import type { AddressValue, OspfArea, StaticRoute } from './types';

export function compileRouterId(ctx: CompileContext): AddressValue | undefined {
  return readAddress(ctx, leafWord(child(ctx.root, 'routing-options'), 'router-id'), 'router-id');
}

export function compileStaticRoutes(ctx: CompileContext): StaticRoute[] {
  const routingOptions = child(ctx.root, 'routing-options');
  const statics = [child(routingOptions, 'static'), ...entries(routingOptions, 'rib').map((r) => child(r.node, 'static'))];
  const out: StaticRoute[] = [];
  for (const staticNode of statics) {
    for (const route of entries(staticNode, 'route')) {
      const prefix = prefixOf(route.name.text);
      if (!prefix) {
        addProblem(ctx, 'bad-value', `static route "${route.name.text}" is not a prefix`, [spanOfWord(route.name)]);
        continue;
      }
      const nextHops: AddressValue[] = [];
      for (const w of valueWords(child(route.node, 'next-hop'))) {
        const hop = readAddress(ctx, w, 'next-hop');
        if (hop) nextHops.push(hop);
      }
      out.push({
        destination: route.name.text,
        family: prefix.family,
        nextHops,
        discard: has(route.node, 'discard'),
        reject: has(route.node, 'reject'),
        at: spanOfWord(route.name),
      });
    }
  }
  return out;
}

export function compileOspf(ctx: CompileContext): { areas: OspfArea[] } {
  const areas: OspfArea[] = [];
  for (const area of entries(descend(ctx.root, 'protocols', 'ospf'), 'area')) {
    areas.push({
      area: area.name.text,
      at: spanOf(area.node) ?? spanOfWord(area.name),
      interfaces: entries(area.node, 'interface').map((i) => {
        const written = i.name.text;
        const unitImplied = written !== 'all' && !written.includes('.');
        return {
          name: unitImplied ? `${written}.0` : written,
          unitImplied,
          passive: has(i.node, 'passive'),
          at: spanOfWord(i.name),
        };
      }),
    });
  }
  return { areas };
}
