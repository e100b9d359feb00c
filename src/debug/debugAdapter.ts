// The debug adapter's stdio entry (dist/debugAdapter.js): runs one WidgetDebugSession over
// stdin/stdout, for tests and editors other than VS Code (VS Code runs the session inline).
// Built, the session comes from dist/engine.js beside it (esbuild.mjs: session-from-engine).
import { WidgetDebugSession } from './widgetDebugSession';

// stdout carries DAP: a failure that escaped a request handler is reported on stderr and the
// session goes on, rather than the adapter (and the user's debug session) dying with it.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`widget-timeline adapter: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}\n`);
});

WidgetDebugSession.run(WidgetDebugSession);
