/**
 * device/index.ts: the public API of the device compiler (what the peers finder, the simulator, the CLI and
 *   the server import).
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import the device layer from here.
 * Tests: test/src/engine/device.test.ts
 */
export type * from './types';
export { compileDevice, fileStem } from './compile';
export {
  compileNetwork,
  type DuplicateDeviceFinding,
  type FileNotCompiledFinding,
  type Network,
  type NetworkFile,
  type NetworkFinding,
  type NetworkInput,
  type NetworkOptions,
} from './network';
export { revealSecret, sameKey } from './secret-handle';
export { findUnit } from './interfaces';
