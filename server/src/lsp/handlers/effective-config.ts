/**
 * lsp/handlers/effective-config.ts: the custom `junos/effectiveConfig` request: one open document printed
 *   again, either as written or with its `groups` applied, in curly or `set` form. The VS Code client uses it
 *   for "Show Effective Configuration" (a read-only virtual document) and for the two convert commands.
 * Owns: reading `EffectiveConfigParams`, refusing documents with syntax errors (a conversion must not lose
 *   statements silently), masking secrets when asked.
 * Must not know: how groups are expanded or how the forms are printed (server/src/model).
 * Invariants: never throws for a document that is not open (answers `available: false`); with
 *   `maskSecrets`, no `$9$` string or quoted secret value reaches the result.
 * Tests: test/src/lsp/custom-requests.test.ts (over stdio), test/e2e/suite/commands.test.js (through the VS Code client)
 */
import { toCurly, toSetCommands } from '../../model/index';
import type { ServerContext } from '../context';
import { currentAnalysis } from '../diagnostics-source';
import { InvalidParams, objectParam, stringField } from '../params';
import type { EffectiveConfigParams, EffectiveConfigResult } from '../protocol-extensions';
import { describeError } from '../trace';

export { EFFECTIVE_CONFIG_METHOD } from '../protocol-extensions';

export const SECRET_MASK = '"********"';

export function effectiveConfig(ctx: ServerContext, params: unknown): EffectiveConfigResult {
  const request = readEffectiveConfigParams(params);
  const doc = ctx.documents.snapshot(request.uri);
  if (!doc) return { available: false, reason: `${request.uri} is not open` };
  const syntaxErrors = ctx.syntax.problems(doc.syntax, doc.uri);
  if (syntaxErrors.length > 0) {
    return { available: false, reason: `the document has ${syntaxErrors.length} syntax error(s); fix them first so that nothing is lost` };
  }
  let root;
  try {
    const model = currentAnalysis(ctx, doc).model;
    root = request.applyGroups === false ? model.root : model.effective();
  } catch (err) {
    return { available: false, reason: `the configuration could not be built: ${describeError(err)}` };
  }
  const printed = request.form === 'set' ? toSetCommands(root) : toCurly(root);
  return { available: true, text: request.maskSecrets ? maskSecrets(printed) : printed };
}

/** Replaces every quoted `$9$` string and every value marked `## SECRET-DATA` by `SECRET_MASK`. */
export function maskSecrets(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = line.replace(/"\$9\$(?:[^"\\]|\\.)*"|\$9\$\S+?(?=[;\s]|$)/g, SECRET_MASK);
      if (/## SECRET-DATA\s*$/.test(out)) out = out.replace(/"(?:[^"\\]|\\.)*"(?=;\s*## SECRET-DATA)/, SECRET_MASK);
      return out;
    })
    .join('\n');
}

export function readEffectiveConfigParams(params: unknown): EffectiveConfigParams {
  const object = objectParam(params);
  const uri = stringField(object, 'uri');
  const form = object['form'];
  if (form !== undefined && form !== null && form !== 'curly' && form !== 'set') throw new InvalidParams("params.form must be 'curly' or 'set'");
  const flag = (name: string): boolean | undefined => {
    const value = object[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw new InvalidParams(`params.${name} must be a boolean`);
    return value;
  };
  const applyGroups = flag('applyGroups');
  const mask = flag('maskSecrets');
  return {
    uri,
    ...(form === 'set' || form === 'curly' ? { form } : {}),
    ...(applyGroups !== undefined ? { applyGroups } : {}),
    ...(mask !== undefined ? { maskSecrets: mask } : {}),
  };
}
