// Loads the engine (engine.ts) when a preview or a debug session first needs it, not at
// activation. In the extension bundle `./engine.js` is external (esbuild.mjs), so Node loads
// dist/engine.js beside dist/extension.js; bundled from sources (tests) esbuild resolves it to
// engine.ts and still evaluates it only on this call.
import type * as Engine from './engine';

export type EngineModule = typeof Engine;

let engine: EngineModule | undefined;

export function loadEngine(): EngineModule {
  engine ??= require('./engine.js') as EngineModule;
  return engine;
}
