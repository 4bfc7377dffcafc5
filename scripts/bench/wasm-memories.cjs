// scripts/bench/wasm-memories.cjs (.cjs: not a benchmark, run-bench.js runs the .js files): records every WebAssembly memory created after it is loaded (web-tree-sitter's
// linear memory), for the benches that report its size. Require it before the parser loads.
'use strict';

/** the memories created since this module was loaded */
const memories = [];
{
  const OriginalMemory = WebAssembly.Memory;
  const Recording = function (descriptor) {
    const memory = new OriginalMemory(descriptor);
    memories.push(memory);
    return memory;
  };
  Recording.prototype = OriginalMemory.prototype;
  WebAssembly.Memory = Recording;
}

/** Their total size in bytes. */
const wasmBytes = () => memories.reduce((sum, memory) => sum + memory.buffer.byteLength, 0);

module.exports = { memories, wasmBytes };
