/**
 * device/interfaces.ts: compiles `interfaces` into physical interfaces with their units, the loopback units
 *   and the service interfaces (ms-, sp-, ams-) with their service domains and card type.
 * Owns: unit names (`ge-0/0/0.0`), address/prefix reading, interface kinds by name, the AS PIC vs
 *   MultiServices decision for a service interface.
 * Must not know: routing, service sets, IPsec.
 * Invariants: never throws; configuration order kept; every unit and address keeps its span.
 * Tests: test/src/engine/device.test.ts
 */
import type { ConfigNode } from '../../../server/src/model/index';
import { addProblem, prefixOf, type CompileContext } from './context';
import { child, descend, entries, keyedChildren, leafText, leafWord, spanOf, spanOfWord } from './read';
import type { InterfaceAddress, InterfaceKind, LogicalUnit, PhysicalInterface, ServiceInterface, ServicePic } from './types';

const SERVICE_PREFIXES = ['ms-', 'sp-', 'ams', 'vms-', 'mams-', 'rms'];
const ETHERNET_PREFIXES = ['ge-', 'xe-', 'et-', 'fe-', 'ae', 'em', 'fxp', 'me', 'mge-'];

export function interfaceKind(name: string): InterfaceKind {
  if (/^lo\d+$/.test(name)) return 'loopback';
  if (SERVICE_PREFIXES.some((p) => name.startsWith(p))) return 'service';
  if (ETHERNET_PREFIXES.some((p) => name.startsWith(p))) return 'ethernet';
  return 'other';
}

/** The card type behind a service interface: `sp-` is an AS PIC, the others MultiServices. */
export function servicePicOf(name: string, forced: ServicePic | undefined): { pic: ServicePic; reason: string } {
  if (forced) return { pic: forced, reason: `the compile option says every services card is ${forced === 'as-pic' ? 'an AS PIC' : 'a MultiServices PIC'}` };
  if (name.startsWith('sp-')) return { pic: 'as-pic', reason: `${name} is an sp- interface, an Adaptive Services (AS) PIC` };
  return { pic: 'ms-pic', reason: `${name} is a MultiServices interface (MS-PIC, MS-DPC or MS-MPC)` };
}

function physicalEntries(interfacesNode: ConfigNode | undefined): { name: string; node: ConfigNode }[] {
  return keyedChildren(interfacesNode)
    .filter((e) => e.node.keyword === 'interface' || e.node.role === 'opaque' || e.node.role === 'unknown')
    .map((e) => ({ name: e.name.text, node: e.node }));
}

function readAddresses(ctx: CompileContext, familyNode: ConfigNode | undefined, family: 'inet' | 'inet6'): InterfaceAddress[] {
  const out: InterfaceAddress[] = [];
  for (const e of entries(familyNode, 'address')) {
    const prefix = prefixOf(e.name.text);
    const at = spanOfWord(e.name)!;
    if (!prefix || prefix.family !== family) {
      addProblem(ctx, 'bad-value', `"${e.name.text}" is not an ${family === 'inet' ? 'IPv4' : 'IPv6'} interface address`, [at]);
      continue;
    }
    const slash = e.name.text.indexOf('/');
    out.push({
      family,
      address: slash < 0 ? e.name.text : e.name.text.slice(0, slash),
      prefixLength: prefix.length,
      text: e.name.text,
      at,
    });
  }
  return out;
}

function readUnit(ctx: CompileContext, ifName: string, unitNode: ConfigNode, unitWord: string): LogicalUnit {
  const familyNode = child(unitNode, 'family');
  const families: ('inet' | 'inet6')[] = [];
  const addresses: InterfaceAddress[] = [];
  const serviceSets: LogicalUnit['serviceSets'][number][] = [];
  for (const fam of ['inet', 'inet6'] as const) {
    const f = child(familyNode, fam);
    if (!f) continue;
    families.push(fam);
    addresses.push(...readAddresses(ctx, f, fam));
    for (const direction of ['input', 'output'] as const) {
      for (const s of entries(descend(f, 'service', direction), 'service-set')) {
        serviceSets.push({ direction, serviceSet: s.name.text, at: spanOfWord(s.name) });
      }
    }
  }
  const domain = leafText(unitNode, 'service-domain');
  return {
    name: `${ifName}.${unitWord}`,
    unit: Number(unitWord),
    at: spanOf(unitNode),
    description: leafText(unitNode, 'description'),
    families,
    addresses,
    serviceDomain: domain === 'inside' || domain === 'outside' ? domain : undefined,
    serviceSets,
  };
}

export interface CompiledInterfaces {
  readonly interfaces: PhysicalInterface[];
  readonly loopbacks: LogicalUnit[];
  readonly serviceInterfaces: ServiceInterface[];
}

export function compileInterfaces(ctx: CompileContext): CompiledInterfaces {
  const interfaces: PhysicalInterface[] = [];
  const serviceInterfaces: ServiceInterface[] = [];
  for (const { name, node } of physicalEntries(child(ctx.root, 'interfaces'))) {
    const units = entries(node, 'unit')
      .filter((u) => /^\d+$/.test(u.name.text))
      .map((u) => readUnit(ctx, name, u.node, u.name.text));
    const kind = interfaceKind(name);
    interfaces.push({ name, kind, at: spanOf(node), description: leafText(node, 'description'), units });
    if (kind === 'service') {
      const { pic, reason } = servicePicOf(name, ctx.options.servicePic);
      serviceInterfaces.push({
        name,
        pic,
        picReason: reason,
        at: spanOf(node),
        units: units.map((u) => ({ name: u.name, unit: u.unit, serviceDomain: u.serviceDomain, at: u.at })),
      });
    }
  }
  const loopbacks = interfaces.filter((i) => i.kind === 'loopback').flatMap((i) => i.units);
  return { interfaces, loopbacks, serviceInterfaces };
}

/** The logical unit called `name` (`ms-1/2/0.1`; a name without a unit means unit 0), if configured. */
export function findUnit(interfaces: readonly PhysicalInterface[], name: string): LogicalUnit | undefined {
  const full = name.includes('.') ? name : `${name}.0`;
  for (const i of interfaces) for (const u of i.units) if (u.name === full) return u;
  return undefined;
}

/** `system host-name`, as a word. */
export function hostNameWord(ctx: CompileContext) {
  return leafWord(child(ctx.root, 'system'), 'host-name');
}
