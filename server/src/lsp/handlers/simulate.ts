/**
 * lsp/handlers/simulate.ts: the custom `junos/simulate` request.
 * Owns: validating `SimulateParams`; choosing the configurations simulated together: the requesting
 *   document plus every known configuration (open documents at their current text, workspace files as
 *   saved) in the same folder, since a folder holds one network (the bundled examples are laid out so);
 *   calling the engine's public `simulate` with the platform setting; the "not available" answer when the
 *   document is not open or the engine fails to load. Waits for pending workspace index work first (a
 *   request right after the folder opens would otherwise miss the peers), ending the wait on cancellation.
 * Must not know: the engine's internals (only its `simulate`, through engine-link.ts).
 * Tests: test/src/lsp/language-features.test.ts, test/src/lsp/protocol.test.ts (params),
 *   test/src/lsp/custom-requests.test.ts (index not ready yet, cancellation)
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { InvalidParams, objectParam, optionalStringField, stringField } from '../params';
import { SIMULATE_METHOD, type SimulateParams, type SimulateProbe, type SimulateResult } from '../protocol-extensions';
import { simulator } from '../engine-link';
import { describeError } from '../trace';
import { knownConfigurations } from '../workspace-analyses';
import { workspaceIndexSettled } from '../workspace-sync';

export async function simulate(ctx: ServerContext, params: unknown, token?: CancellationToken): Promise<SimulateResult> {
  const request = readSimulateParams(params);
  // peers live in other files of the folder: a scan still running would make them look absent
  await workspaceIndexSettled(ctx, token, SIMULATE_METHOD);
  const doc = ctx.documents.snapshot(request.uri);
  const known = knownConfigurations(ctx);
  const own = known.find((k) => k.docId === request.uri);
  if (!doc && !own) return { available: false, reason: `${request.uri} is neither open nor a Junos file of the workspace` };
  const folder = folderOf(request.uri);
  const inputs = known.filter((k) => k.docId === request.uri || folderOf(k.docId) === folder).map((k) => ({ id: k.docId, text: k.text }));
  const target = request.target
    ? { ...(request.target.ruleName !== undefined ? { rule: request.target.ruleName } : {}), ...(request.target.serviceSetName !== undefined ? { serviceSet: request.target.serviceSetName } : {}) }
    : undefined;
  ctx.tracer.info(`simulate ${request.uri}: ${inputs.length} configuration(s) of its folder`);
  const engine = simulator();
  if ('reason' in engine) return { available: false, reason: engine.reason };
  try {
    const result = await engine.simulate(inputs, {
      platform: ctx.settings.current.platform,
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(target ? { target } : {}),
      ...(request.ping ? { ping: request.ping } : {}),
      ...(request.traceroute ? { traceroute: request.traceroute } : {}),
    });
    return { available: true, result };
  } catch (err) {
    ctx.tracer.error(`simulate failed: ${describeError(err)}`);
    return { available: false, reason: `The IPsec engine could not run: ${describeError(err)}` };
  }
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

export function readSimulateParams(params: unknown): SimulateParams {
  const object = objectParam(params);
  const uri = stringField(object, 'uri');
  const rawSeed = object['seed'];
  if (rawSeed !== undefined && rawSeed !== null && typeof rawSeed !== 'string' && typeof rawSeed !== 'number') {
    throw new InvalidParams('params.seed must be a string or a number');
  }
  const seed = rawSeed === undefined || rawSeed === null ? {} : { seed: rawSeed as string | number };
  const ping = probesParam(object['ping'], 'params.ping', { count: 100, size: 65467 });
  const traceroute = probesParam(object['traceroute'], 'params.traceroute', { maxHops: 64 });
  const traffic = { ...(ping ? { ping } : {}), ...(traceroute ? { traceroute } : {}) };
  const rawTarget = object['target'];
  if (rawTarget === undefined || rawTarget === null) return { uri, ...seed, ...traffic };
  const target = objectParam(rawTarget, 'params.target');
  const ruleName = optionalStringField(target, 'ruleName', 'params.target');
  const serviceSetName = optionalStringField(target, 'serviceSetName', 'params.target');
  return {
    uri,
    ...seed,
    target: { ...(ruleName !== undefined ? { ruleName } : {}), ...(serviceSetName !== undefined ? { serviceSetName } : {}) },
    ...traffic,
  };
}

const MAX_PROBES = 8;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** `params.ping` / `params.traceroute`: up to 8 `{ from, to }` with the numeric fields `limits` allows. */
function probesParam(value: unknown, what: string, limits: { count?: number; size?: number; maxHops?: number }): SimulateProbe[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > MAX_PROBES) throw new InvalidParams(`${what} must be an array of at most ${MAX_PROBES} probes`);
  return value.map((raw, i) => {
    const where = `${what}[${i}]`;
    const probe = objectParam(raw, where);
    const from = stringField(probe, 'from', where);
    const to = stringField(probe, 'to', where);
    if (!IPV4.test(to)) throw new InvalidParams(`${where}.to must be an IPv4 address`);
    const numbers: { count?: number; size?: number; maxHops?: number } = {};
    for (const key of ['count', 'size', 'maxHops'] as const) {
      const n = probe[key];
      if (n === undefined || n === null) continue;
      const max = limits[key];
      const min = key === 'size' ? 0 : 1;
      if (max === undefined || typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
        throw new InvalidParams(max === undefined ? `${where}.${key} is not allowed here` : `${where}.${key} must be an integer from ${min} to ${max}`);
      }
      numbers[key] = n;
    }
    return { from, to, ...numbers };
  });
}
