// The simulated system as the editor runs it: the preview's engine and the inline debug
// session. Bundled apart as dist/engine.js (esbuild.mjs) and loaded by lazyEngine.ts on first
// use, so that activation evaluates none of it (undici, the debug adapter library, the engine).
// Import it only through loadEngine(): a static import would bring it back into activation.
export { WidgetSystem } from '../system/widgetSystem';
export { WidgetDebugSession } from '../debug/widgetDebugSession';
export { readRecordedRun } from './authoring/recordedRun';
