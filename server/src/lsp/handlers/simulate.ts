/**
 * lsp/handlers/simulate.ts: the custom `junos/simulate` request.
 * Owns: validating `SimulateParams`; choosing the configurations simulated together: the requesting
 *   document plus every known configuration (open documents at their current text, workspace files as
 *   saved) in the same folder, since a folder holds one network (the bundled examples are laid out so);
 *   calling the engine's public `simulate` with the platform setting; the "not available" answer when the
 *   document is not open or the engine fails to load.
 * Must not know: the engine's internals (only its `simulate`, through engine-link.ts).
 * Tests: test/src/lsp/language-features.test.ts, test/src/lsp/protocol.test.ts (params)
 */
import type { ServerContext } from '../context';
import { InvalidParams, objectParam, optionalStringField, stringField } from '../params';
import type { SimulateParams, SimulateResult } from '../protocol-extensions';
import { simulator } from '../engine-link';
import { describeError } from '../trace';
import { knownConfigurations } from '../workspace-analyses';

export async function simulate(ctx: ServerContext, params: unknown): Promise<SimulateResult> {
  const request = readSimulateParams(params);
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
  const rawTarget = object['target'];
  if (rawTarget === undefined || rawTarget === null) return { uri, ...seed };
  const target = objectParam(rawTarget, 'params.target');
  const ruleName = optionalStringField(target, 'ruleName', 'params.target');
  const serviceSetName = optionalStringField(target, 'serviceSetName', 'params.target');
  return {
    uri,
    ...seed,
    target: { ...(ruleName !== undefined ? { ruleName } : {}), ...(serviceSetName !== undefined ? { serviceSetName } : {}) },
  };
}
