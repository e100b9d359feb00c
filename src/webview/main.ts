// The preview page's entry (bundled to media/webview.js as an IIFE): builds the page, listens
// to the host and tells it the page is ready, so a restored panel gets the latest state again.
import { HostBridge } from './hostBridge';
import { PreviewPage } from './previewPage';

const bridge = new HostBridge();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
const page = new PreviewPage(root, bridge);
bridge.listen((message) => page.receive(message));
bridge.post({ type: 'ready' });
