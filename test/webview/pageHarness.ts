// Serves the built preview page (media/webview.js, media/webview.css) from a local HTTP server
// on 127.0.0.1 with exactly the HTML the extension host builds (previewHtml, same CSP, the
// server's origin standing in for webview.cspSource), and drives it in headless Debian
// Chromium through playwright-core. acquireVsCodeApi is stubbed before the page runs: posted
// messages are recorded and setState persists in sessionStorage, as VS Code keeps it across
// reloads of a webview.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { previewHtml } from '../../src/preview/previewHtml';
import { chromiumPath } from '../chromium.mjs';
import type { FromWebview, ToWebview } from '../../src/protocol/webview';

export const ROOT = process.env.WIDGET_TIMELINES_ROOT ?? join(__dirname, '..', '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'webview');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface PageHarness {
  origin: string;
  browser: Browser;
  open(path?: '/' | '/injected', options?: { colorScheme?: 'light' | 'dark'; width?: number; motion?: 'reduce' | 'no-preference' }): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<PageHarness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const script = readFileSync(join(ROOT, 'media', 'webview.js'));
  const style = readFileSync(join(ROOT, 'media', 'webview.css'));
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/media/webview.js') return send(response, 'text/javascript', script);
    if (url === '/media/webview.css') return send(response, 'text/css', style);
    if (url === '/' || url === '/injected') {
      let html = previewHtml({ cspSource: origin, scriptUri: `${origin}/media/webview.js`, styleUri: `${origin}/media/webview.css` });
      // An inline script without the nonce, as an injection would be: the CSP must block it.
      if (url === '/injected') html = html.replace('</body>', '<script>window.__inlineRan = true;</script></body>');
      return send(response, 'text/html', Buffer.from(html));
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, timeout: 60_000 });
  return {
    origin,
    browser,
    async open(path = '/', options = {}) {
      const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.colorScheme ?? 'light', reducedMotion: options.motion ?? 'reduce' });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.addInitScript(() => {
        const w = window as unknown as { __posted: unknown[]; acquireVsCodeApi: () => unknown };
        w.__posted = [];
        w.acquireVsCodeApi = () => ({
          postMessage: (message: unknown) => w.__posted.push(message),
          getState: () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null'),
          setState: (state: unknown) => sessionStorage.setItem('vscode-state', JSON.stringify(state)),
        });
      });
      await page.goto(`${origin}${path}`);
      await page.waitForSelector('#app .topbar', { state: 'attached' });
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(response: import('node:http').ServerResponse, type: string, body: Buffer): void {
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

/** Posts a message to the page the way VS Code delivers one (a window `message` event). */
export async function deliver(page: Page, message: ToWebview | unknown): Promise<void> {
  // As a JSON string: Playwright's structured serialisation of a 16 MB object takes a minute.
  await page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message));
}

export async function posted(page: Page): Promise<FromWebview[]> {
  return page.evaluate(() => (window as unknown as { __posted: FromWebview[] }).__posted);
}

export async function selectedIndex(page: Page): Promise<number> {
  return Number(await page.getAttribute('.strip-card.selected', 'data-index'));
}

/** Collects the page's Content Security Policy violations from its console, as they happen. */
export function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) violations.push(m.text());
  });
  return violations;
}
