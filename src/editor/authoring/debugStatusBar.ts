// A status bar item shown while a widget-timeline debug session is active: the virtual time and
// the widget extension's state, from the adapter's `widgetState` events. Hidden otherwise.
import * as vscode from 'vscode';
import { debugStatusFrom, statusText, statusTooltip, type DebugStatus } from './debugStatus';
import { DEBUG_TYPE } from './widgetLaunch';

class DebugStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('widgetTimelines.debugStatus', vscode.StatusBarAlignment.Left, 50);
  /** Last status per debug session id, so switching sessions shows the right one. */
  private readonly bySession = new Map<string, DebugStatus>();

  constructor() {
    this.item.name = 'Widget Timelines: virtual time';
  }

  received(session: vscode.DebugSession, body: unknown): void {
    const status = debugStatusFrom(body);
    if (!status) return;
    this.bySession.set(session.id, status);
    this.render();
  }

  ended(session: vscode.DebugSession): void {
    this.bySession.delete(session.id);
    this.render();
  }

  render(): void {
    const active = vscode.debug.activeDebugSession;
    const status = active?.type === DEBUG_TYPE ? this.bySession.get(active.id) : undefined;
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = statusText(status);
    this.item.tooltip = statusTooltip(status);
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

export function registerDebugStatusBar(): vscode.Disposable[] {
  const bar = new DebugStatusBar();
  return [
    bar,
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.session.type === DEBUG_TYPE && e.event === 'widgetState') bar.received(e.session, e.body);
    }),
    vscode.debug.onDidTerminateDebugSession((session) => bar.ended(session)),
    vscode.debug.onDidChangeActiveDebugSession(() => bar.render()),
  ];
}
