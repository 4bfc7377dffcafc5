/**
 * lsp/handlers/simulate.ts: the custom `junos/simulate` request.
 * Owns: validating `SimulateParams`; until the IPsec engine is part of the build, the structured
 *   "not available" answer.
 * Must not know: the engine's internals (it will call the engine's public entry point only).
 * Tests: test/src/lsp/protocol.test.ts
 */
import type { ServerContext } from '../context';
import { objectParam, optionalStringField, stringField } from '../params';
import type { SimulateParams, SimulateResult } from '../protocol-extensions';

export function simulate(ctx: ServerContext, params: unknown): SimulateResult {
  const request = readSimulateParams(params);
  ctx.tracer.info(`simulate requested for ${request.uri}`);
  return { available: false, reason: 'The IPsec engine is not part of this build yet' };
}

export function readSimulateParams(params: unknown): SimulateParams {
  const object = objectParam(params);
  const uri = stringField(object, 'uri');
  const rawTarget = object['target'];
  if (rawTarget === undefined || rawTarget === null) return { uri };
  const target = objectParam(rawTarget, 'params.target');
  const ruleName = optionalStringField(target, 'ruleName', 'params.target');
  const serviceSetName = optionalStringField(target, 'serviceSetName', 'params.target');
  return {
    uri,
    target: { ...(ruleName !== undefined ? { ruleName } : {}), ...(serviceSetName !== undefined ? { serviceSetName } : {}) },
  };
}
