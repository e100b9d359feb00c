// The debugger's registrations in VS Code: the `widget-timeline` adapter (inline in the extension
// host by default), the debug toolbar commands that drive the simulated system through custom
// requests, and the session's findings in the Problems panel. Widget code never runs in an
// untrusted workspace.
import * as vscode from 'vscode';
import type { Finding } from '../protocol/lifecycle';
import type { FindingsCollection } from './findingsCollection';
import { loadEngine } from './lazyEngine';

const DEBUG_TYPE = 'widget-timeline';

/** Set to `executable` to run dist/debugAdapter.js as its own process (to debug the adapter). */
const ADAPTER_MODE_ENV = 'WIDGET_TIMELINES_DEBUG_ADAPTER';

class WidgetDebugAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly context: vscode.ExtensionContext) {}

  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    if (!vscode.workspace.isTrusted) {
      throw new Error('Widget Timelines runs widget code only in a trusted workspace: trust this folder (Workspaces: Manage Workspace Trust), then start debugging again.');
    }
    if (process.env[ADAPTER_MODE_ENV] === 'executable') {
      // The extension host's executable is Electron (or code-server's Node): run it as plain Node.
      const adapter = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'debugAdapter.js').fsPath;
      return new vscode.DebugAdapterExecutable(process.execPath, [adapter], { env: { ELECTRON_RUN_AS_NODE: '1' } });
    }
    const { WidgetDebugSession } = loadEngine();
    return new vscode.DebugAdapterInlineImplementation(new WidgetDebugSession());
  }
}

function activeWidgetSession(): vscode.DebugSession | undefined {
  const session = vscode.debug.activeDebugSession;
  if (session?.type === DEBUG_TYPE) return session;
  void vscode.window.showInformationMessage('No widget is being debugged: start a "Widget Timeline" debug session first.');
  return undefined;
}

async function send(command: string, args?: object): Promise<void> {
  const session = activeWidgetSession();
  if (!session) return;
  try {
    await session.customRequest(command, args);
  } catch (error) {
    void vscode.window.showErrorMessage(`Widget Timelines: ${(error as Error).message}`);
  }
}

interface ClockChoice extends vscode.QuickPickItem {
  args?: { by?: number; next?: 'entry' | 'reload' | 'event' };
}

async function advanceClock(): Promise<void> {
  if (!activeWidgetSession()) return;
  const choices: ClockChoice[] = [
    { label: 'Next scheduled event', args: { next: 'event' } },
    { label: 'Next timeline entry', args: { next: 'entry' } },
    { label: 'Next timeline reload', args: { next: 'reload' } },
    { label: '+5 minutes', args: { by: 5 * 60_000 } },
    { label: '+15 minutes', args: { by: 15 * 60_000 } },
    { label: '+1 hour', args: { by: 60 * 60_000 } },
    { label: '+1 day', args: { by: 24 * 60 * 60_000 } },
    { label: 'To a date and time…' },
  ];
  const choice = await vscode.window.showQuickPick(choices, { placeHolder: 'Advance the virtual clock' });
  if (!choice) return;
  if (choice.args) return send('advanceClock', choice.args);
  const to = await vscode.window.showInputBox({
    prompt: 'Virtual time to advance to (ISO 8601)',
    value: new Date().toISOString(),
    validateInput: (text) => (Number.isNaN(Date.parse(text)) ? 'Write an ISO 8601 date such as 2026-06-01T10:00:00Z' : undefined),
  });
  if (to) await send('advanceClock', { to });
}

/** The findings of a `widgetState` event body, or undefined when it is not one. */
function findingsOf(body: unknown): { file?: string; findings: Finding[] } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const state = body as { findings?: unknown; widget?: { file?: unknown } | null };
  if (!Array.isArray(state.findings)) return undefined;
  const file = typeof state.widget?.file === 'string' ? state.widget.file : undefined;
  return { file, findings: state.findings as Finding[] };
}

export function activateDebugging(context: vscode.ExtensionContext, findings: FindingsCollection): void {
  const sourceOf = (session: vscode.DebugSession): string => `debug:${session.id}`;
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new WidgetDebugAdapterFactory(context)),
    vscode.commands.registerCommand('widgetTimelines.terminateExtension', () => send('terminateExtension', { mode: 'system' })),
    vscode.commands.registerCommand('widgetTimelines.forceQuit', () => send('terminateExtension', { mode: 'forceQuit' })),
    vscode.commands.registerCommand('widgetTimelines.stepLifecycle', () => send('stepLifecycle')),
    vscode.commands.registerCommand('widgetTimelines.advanceClock', () => advanceClock()),
    vscode.commands.registerCommand('widgetTimelines.reloadTimelines', () => send('reloadTimelines', {})),
    vscode.commands.registerCommand('widgetTimelines.sendPush', () => send('sendPush', {})),
    vscode.debug.onDidReceiveDebugSessionCustomEvent((event) => {
      if (event.session.type !== DEBUG_TYPE || event.event !== 'widgetState') return;
      const state = findingsOf(event.body);
      const program = typeof event.session.configuration.program === 'string' ? event.session.configuration.program : '';
      if (state) findings.set(sourceOf(event.session), state.file ?? program, state.findings);
    }),
    vscode.debug.onDidTerminateDebugSession((session) => {
      if (session.type === DEBUG_TYPE) findings.clear(sourceOf(session));
    }),
  );
}
