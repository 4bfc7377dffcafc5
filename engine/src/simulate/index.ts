/**
 * simulate/index.ts: the public API of the simulator (what the CLI and the language server call).
 * Owns: nothing but the list of exports.
 * Must not know: anything beyond the modules it re-exports.
 * Invariants: other folders import the simulator from here.
 * Tests: test/src/engine/simulate.test.ts
 */
export { simulate, type SimulateWithTrafficOptions, type SimulateOptions, type SimulationInput, type SimulationTarget } from './simulate';
export type * from './result';
export type { TrafficOptions } from './traffic-run';
