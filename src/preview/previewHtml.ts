// The preview panel's HTML: one nonce'd script (media/webview.js) and one stylesheet
// (media/webview.css), under a strict Content Security Policy: nothing but those two local
// resources and data: images; no inline script without the nonce, no remote anything. Free of
// the vscode module so the page tests serve exactly this HTML to headless Chromium.

export interface PreviewHtmlInput {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  cspSource: string;
  /** asWebviewUri(media/webview.js). */
  scriptUri: string;
  /** asWebviewUri(media/webview.css). */
  styleUri: string;
  nonce?: string;
  title?: string;
}

/** From Web Crypto (a global): `node:crypto` costs a cold extension host ~20 ms at activation. */
export function makeNonce(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(18))).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function previewHtml(input: PreviewHtmlInput): string {
  const nonce = input.nonce ?? makeNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(input.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}" nonce="${nonce}">
<title>${escapeAttribute(input.title ?? 'Widget Preview')}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}
