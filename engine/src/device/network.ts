/**
 * device/network.ts: `compileNetwork`: a set of configuration files -> the routers they describe.
 * Owns: reading each file (parse, model, compile; one file = one device), noticing files that describe the
 *   same router (same host-name, same router-id, or the same interface addresses) and keeping one of them,
 *   with the reason, as a `duplicate-device` finding.
 * Must not know: peers, protocols, LSP, how files were found on disk (callers pass id + text).
 * Invariants: never rejects on bad input (a file that cannot be read becomes a `file-not-compiled` finding);
 *   files keep the order given; `devices` holds exactly one device per router, in the order of the files
 *   kept; syntax trees are freed once a file is compiled.
 * Tests: test/src/engine/device.test.ts
 */
import { buildConfig } from '../../../server/src/model/index';
import { loadSchema, type Schema } from '../../../server/src/schema/index';
import { initSyntax, parseText, syntaxProblems } from '../../../server/src/syntax/parser';
import { compileDevice } from './compile';
import type { CompileOptions, Device, Span } from './types';

export interface NetworkInput {
  /** the document id (usually the path); spans refer to it */
  readonly id: string;
  readonly text: string;
}

export interface NetworkOptions extends CompileOptions {
  /** the schema to read with (default: `loadSchema(platform ?? 'mx')`) */
  readonly schema?: Schema;
}

export interface NetworkFile {
  readonly id: string;
  readonly device: Device;
  /** syntax mistakes (ERROR/MISSING nodes) in the file */
  readonly syntaxProblems: number;
  /** problems of the configuration model (unknown statements, missing values, ...) */
  readonly modelProblems: number;
  /** false when another file describing the same router was kept instead */
  readonly kept: boolean;
}

export interface DuplicateDeviceFinding {
  readonly code: 'duplicate-device';
  /** one sentence: which files, why they are one router, which one was kept and why */
  readonly message: string;
  readonly files: string[];
  readonly kept: string;
  readonly reason: string;
  /** what the files share: `host-name R2`, `router-id 10.0.0.2`, `interface addresses ...` */
  readonly evidence: string[];
  readonly spans: Span[];
}

export interface FileNotCompiledFinding {
  readonly code: 'file-not-compiled';
  readonly message: string;
  readonly files: string[];
}

export type NetworkFinding = DuplicateDeviceFinding | FileNotCompiledFinding;

export interface Network {
  /** one device per router */
  readonly devices: Device[];
  /** every file given, in order, with its device */
  readonly files: NetworkFile[];
  readonly findings: NetworkFinding[];
}

/** Extensions that count as part of a file's "form" when choosing between duplicates: curly first. */
function formRank(id: string): number {
  return /\.set$/i.test(id) ? 1 : 0;
}

function errorCount(f: Omit<NetworkFile, 'kept'>): number {
  return f.syntaxProblems + f.modelProblems + f.device.problems.filter((p) => p.severity === 'error').length;
}

function ipsecSize(d: Device): number {
  return d.serviceSets.length + d.ipsecVpn.rules.length;
}

const addressCache = new WeakMap<Device, Set<string>>();

function addressesOf(d: Device): Set<string> {
  let set = addressCache.get(d);
  if (!set) {
    set = new Set(d.interfaces.flatMap((i) => i.units.flatMap((u) => u.addresses.map((a) => a.address))));
    addressCache.set(d, set);
  }
  return set;
}

/** What two devices share that makes them one router (all empty when they are different routers). */
interface Evidence {
  readonly hostNames: Set<string>;
  readonly routerIds: Set<string>;
  readonly addresses: Set<string>;
}

function emptyEvidence(): Evidence {
  return { hostNames: new Set(), routerIds: new Set(), addresses: new Set() };
}

function sameRouterEvidence(a: Device, b: Device): Evidence | undefined {
  const named = a.nameFrom === 'host-name' && b.nameFrom === 'host-name';
  if (named && a.name.toLowerCase() !== b.name.toLowerCase()) return undefined;
  const sameRouterId = a.routerId !== undefined && b.routerId !== undefined && a.routerId.address === b.routerId.address;
  const left = addressesOf(a);
  const right = addressesOf(b);
  let shared: string[] = [];
  for (const x of left) if (right.has(x)) shared.push(x);
  if (!(shared.length >= 2 || (shared.length === 1 && left.size === 1 && right.size === 1))) shared = [];
  if (!named && !sameRouterId && shared.length === 0) return undefined;
  const evidence = emptyEvidence();
  if (named) evidence.hostNames.add(a.name);
  if (sameRouterId) evidence.routerIds.add(a.routerId!.address);
  for (const x of shared) evidence.addresses.add(x);
  return evidence;
}

function mergeEvidence(into: Evidence, from: Evidence | undefined): void {
  if (!from) return;
  for (const x of from.hostNames) into.hostNames.add(x);
  for (const x of from.routerIds) into.routerIds.add(x);
  for (const x of from.addresses) into.addresses.add(x);
}

function describeEvidence(e: Evidence): string[] {
  const out: string[] = [];
  for (const h of e.hostNames) out.push(`host-name ${h}`);
  for (const r of e.routerIds) out.push(`router-id ${r}`);
  const addresses = [...e.addresses].sort();
  if (addresses.length > 0) out.push(`interface address${addresses.length > 1 ? 'es' : ''} ${addresses.join(', ')}`);
  return out;
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function chooseKept(group: readonly Omit<NetworkFile, 'kept'>[]): { kept: Omit<NetworkFile, 'kept'>; reason: string } {
  const ranked = [...group].sort(
    (x, y) =>
      errorCount(x) - errorCount(y) || ipsecSize(y.device) - ipsecSize(x.device) || formRank(x.id) - formRank(y.id) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  const kept = ranked[0]!;
  const others = ranked.slice(1);
  const counts = (f: Omit<NetworkFile, 'kept'>) => `${errorCount(f)} in ${f.id}`;
  let reason: string;
  if (others.every((o) => errorCount(o) > errorCount(kept))) {
    reason = `it reads with the fewest errors (${errorCount(kept)}, against ${listWords(others.map(counts))})`;
  } else if (others.every((o) => errorCount(o) > errorCount(kept) || ipsecSize(o.device) < ipsecSize(kept.device))) {
    reason = `it has as few errors as any (${errorCount(kept)}) and the most IPsec configuration (${kept.device.serviceSets.length} service set(s), ${kept.device.ipsecVpn.rules.length} rule(s))`;
  } else if (others.every((o) => errorCount(o) > errorCount(kept) || ipsecSize(o.device) < ipsecSize(kept.device) || formRank(o.id) > formRank(kept.id))) {
    reason = `the files are equally complete (${errorCount(kept)} errors each); the curly form was preferred`;
  } else {
    reason = `the files are equally complete (${errorCount(kept)} errors each); the first in name order was taken`;
  }
  return { kept, reason };
}

function findDuplicates(files: readonly Omit<NetworkFile, 'kept'>[]): { keptIds: Set<string>; findings: DuplicateDeviceFinding[] } {
  const parent = files.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const evidenceOf = new Map<number, Evidence>();
  for (let i = 0; i < files.length; i++) {
    for (let j = i + 1; j < files.length; j++) {
      const evidence = sameRouterEvidence(files[i]!.device, files[j]!.device);
      if (!evidence) continue;
      const a = root(i);
      const b = root(j);
      const merged = evidenceOf.get(a) ?? emptyEvidence();
      mergeEvidence(merged, evidenceOf.get(b));
      mergeEvidence(merged, evidence);
      if (a !== b) parent[b] = a;
      evidenceOf.set(a, merged);
    }
  }
  const groups = new Map<number, number[]>();
  files.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  const keptIds = new Set<string>();
  const findings: DuplicateDeviceFinding[] = [];
  for (const [r, members] of groups) {
    const group = members.map((i) => files[i]!);
    if (group.length === 1) {
      keptIds.add(group[0]!.id);
      continue;
    }
    const { kept, reason } = chooseKept(group);
    keptIds.add(kept.id);
    const evidence = describeEvidence(evidenceOf.get(r) ?? emptyEvidence());
    const ids = group.map((f) => f.id);
    const spans: Span[] = [];
    for (const f of group) {
      const at = f.device.nameAt ?? f.device.routerId?.at;
      if (at) spans.push(at);
    }
    findings.push({
      code: 'duplicate-device',
      message: `${listWords(ids)} describe the same router (${evidence.join('; ')}): kept ${kept.id} because ${reason}`,
      files: ids,
      kept: kept.id,
      reason,
      evidence,
      spans,
    });
  }
  return { keptIds, findings };
}

/** Parses, builds and compiles each file (one file = one device) and keeps one device per router. */
export async function compileNetwork(inputs: readonly NetworkInput[], options: NetworkOptions = {}): Promise<Network> {
  await initSyntax();
  const schema = options.schema ?? loadSchema(options.platform ?? 'mx');
  const compiled: Omit<NetworkFile, 'kept'>[] = [];
  const findings: NetworkFinding[] = [];
  for (const input of inputs) {
    try {
      const tree = parseText(input.text);
      try {
        const model = buildConfig({ id: input.id, text: input.text, tree }, schema);
        const device = compileDevice(model, input.id, options);
        compiled.push({
          id: input.id,
          device,
          syntaxProblems: syntaxProblems(tree).length,
          modelProblems: model.problems.filter((p) => p.severity === 'error').length,
        });
      } finally {
        tree.delete();
      }
    } catch (err) {
      findings.push({
        code: 'file-not-compiled',
        message: `${input.id} could not be compiled (${err instanceof Error ? err.message : 'unknown failure'}); it was left out`,
        files: [input.id],
      });
    }
  }
  const { keptIds, findings: duplicates } = findDuplicates(compiled);
  const files = compiled.map((f) => ({ ...f, kept: keptIds.has(f.id) }));
  return {
    devices: files.filter((f) => f.kept).map((f) => f.device),
    files,
    findings: [...findings, ...duplicates],
  };
}
