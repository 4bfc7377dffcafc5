/**
 * device/compile.ts: `compileDevice`: one effective configuration -> one `Device` (plain data).
 * Owns: the order of the compile steps, the device name (host-name, else the file name), collecting the
 *   defaults and problems of every step.
 * Must not know: syntax trees, other devices (network.ts), peers, LSP.
 * Invariants: never throws: whatever the model holds, the result is a device plus problems; reads only the
 *   effective configuration (groups applied, inactive statements removed).
 * Tests: test/src/engine/device.test.ts
 */
import type { ConfigModel } from '../../../server/src/model/index';
import { newContext } from './context';
import { compileInterfaces, hostNameWord } from './interfaces';
import { compileIkePolicies, compileIkeProposals, compileIpsecPolicies, compileIpsecProposals } from './proposals';
import { spanOfWord } from './read';
import { compileOspf, compileRouterId, compileStaticRoutes } from './routing';
import { checkTermReferences, compileRuleSets, compileRules } from './rules';
import { compileServiceSets } from './service-sets';
import type { CompileOptions, Device } from './types';

/** The file name of `docId` without folders and extension (`examples/x/r2.conf` -> `r2`). */
export function fileStem(docId: string): string {
  const base = docId.split(/[\\/]/).pop() ?? docId;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

export function compileDevice(model: ConfigModel, docId: string, options: CompileOptions = {}): Device {
  const ctx = newContext(model.effective(), docId, options);
  const host = hostNameWord(ctx);
  const { interfaces, loopbacks, serviceInterfaces } = compileInterfaces(ctx);
  const ikeProposals = compileIkeProposals(ctx);
  const ikePolicies = compileIkePolicies(ctx, ikeProposals);
  const ipsecProposals = compileIpsecProposals(ctx);
  const ipsecPolicies = compileIpsecPolicies(ctx, ipsecProposals);
  const rules = compileRules(ctx);
  const ruleSets = compileRuleSets(ctx, rules);
  checkTermReferences(ctx, rules, ikePolicies, ipsecPolicies);
  const serviceSets = compileServiceSets(ctx, interfaces, serviceInterfaces, rules, ruleSets);
  return {
    docId,
    name: host?.text ?? fileStem(docId),
    nameFrom: host ? 'host-name' : 'file-name',
    nameAt: spanOfWord(host),
    platform: options.platform ?? 'mx',
    routerId: compileRouterId(ctx),
    interfaces,
    loopbacks,
    serviceInterfaces,
    staticRoutes: compileStaticRoutes(ctx),
    ospf: compileOspf(ctx),
    serviceSets,
    ipsecVpn: { rules, ruleSets, ikeProposals, ikePolicies, ipsecProposals, ipsecPolicies },
    defaults: ctx.defaults.applied,
    problems: ctx.problems,
  };
}
