// Widget code never runs in an untrusted workspace. The real check (a VS Code window on an
// untrusted folder) is the end-to-end suite's; here every code path in src/editor and
// src/preview that can start widget code is found in the sources and must sit behind a trust
// guard, so a new unguarded path fails this test. The preview controller is also checked in
// behaviour: messages from the page (rerun, reload, ...) never start an engine on their own.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { PreviewController } from '../../src/preview/previewController';
import type { FromWebview } from '../../src/protocol/webview';

const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? resolve(__dirname, '..', '..', '..', '..');

/** Calls that start widget code (an engine run, a debug session, the CLI). */
const STARTS_CODE = /controller\.run\(|scheduleRerun\(|controller\.unfollow\(|startDebugging\(|DebugAdapterInlineImplementation\(|DebugAdapterExecutable\(|createTerminal\(|new WidgetSystem\(/;
/** A trust guard: the check itself, or the authoring helper that wraps it. */
const GUARD = /workspace\.isTrusted|trustProblem\(\)/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The innermost function-like block (method, function, arrow) around `index`, as text. */
function enclosingBlock(text: string, index: number): string {
  let depth = 0;
  for (let i = index; i >= 0; i--) {
    if (text[i] === '}') depth++;
    else if (text[i] === '{') {
      if (depth === 0) {
        const header = text.slice(Math.max(0, text.lastIndexOf('\n', i - 1)), i);
        // A block that belongs to a function, method or arrow (not an if/for/object literal).
        if (/\)\s*(:\s*[^{]+)?$|=>\s*$/.test(header) && !/\b(if|for|while|switch|catch)\s*\(/.test(header)) {
          let end = i;
          for (let d = 0; end < text.length; end++) {
            if (text[end] === '{') d++;
            else if (text[end] === '}' && --d === 0) break;
          }
          return text.slice(Math.max(0, text.lastIndexOf('\n', i - 1)), end + 1);
        }
      } else depth--;
    }
  }
  return text;
}

/**
 * Where starting code is allowed without its own guard: the constructor of the preview panel
 * calls start() (guarded); the CLI terminal's pty spawns only after runHeadless's guard; the
 * preview's engine factory is only called by the controller's run().
 */
const REACHED_ONLY_THROUGH_A_GUARD: { file: string; block: RegExp }[] = [
  { file: 'src/preview/previewActivation.ts', block: /const createEngine: EngineFactory/ },
  { file: 'src/editor/authoring/headlessRun.ts', block: /class CliTerminal|open\(|spawn/ },
];

test('every code path in src/editor and src/preview that starts widget code checks workspace trust first', () => {
  const unguarded: string[] = [];
  const files = [...sources(join(ROOT, 'src', 'editor')), ...sources(join(ROOT, 'src', 'preview'))].filter((f) => !f.endsWith('previewController.ts'));
  let found = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = relative(ROOT, file);
    for (const match of text.matchAll(new RegExp(STARTS_CODE.source, 'g'))) {
      found++;
      const block = enclosingBlock(text, match.index ?? 0);
      const guarded = GUARD.test(block) && block.search(GUARD) < block.indexOf(match[0]);
      const allowed = REACHED_ONLY_THROUGH_A_GUARD.some((a) => a.file === name && a.block.test(block));
      if (!guarded && !allowed) {
        const line = text.slice(0, match.index).split('\n').length;
        unguarded.push(`${name}:${line}: ${match[0]} without a workspace trust check before it`);
      }
    }
  }
  assert.ok(found >= 5, `expected to find the preview, debug and headless entry points, found ${found}`);
  assert.deepEqual(unguarded, []);
});

test('the manifest declares limited support for untrusted workspaces', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } };
  const supported = manifest.capabilities?.untrustedWorkspaces?.supported;
  assert.ok(supported === 'limited' || supported === false, `capabilities.untrustedWorkspaces.supported is ${JSON.stringify(supported)}`);
});

test('preview controller: messages from the page never start the widget before the (trust-guarded) run', async () => {
  let engines = 0;
  const controller = new PreviewController(
    join(ROOT, 'examples', 'weather', 'weather.widget.ts'),
    () => {
      engines++;
      throw new Error('an engine was created from a page message');
    },
    { state: () => undefined, notice: () => undefined, findings: () => undefined },
    () => ({}),
  );
  const messages: FromWebview[] = [
    { type: 'rerun' },
    { type: 'reloadTimelines' },
    { type: 'terminateExtension', mode: 'system' },
    { type: 'advanceClock', by: 60_000 },
    { type: 'setFamily', family: 'systemMedium' },
  ];
  for (const message of messages) await controller.handle(message);
  await controller.dispose();
  assert.equal(engines, 0, 'a page message started the widget without the panel trust check');
});
