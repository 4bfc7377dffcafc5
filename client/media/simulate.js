// media/simulate.js: the Simulate Tunnel page's only script (loaded with the CSP nonce). It turns clicks
// and Enter/Space on `.source-link` elements into `{ type: 'reveal', docUri, line, character }` messages;
// the extension validates them (client/src/simulate-panel/panel.ts). No inline handlers, no network.
(function () {
  const vscode = acquireVsCodeApi();
  function send(link) {
    const line = Number(link.getAttribute('data-line'));
    const character = Number(link.getAttribute('data-character'));
    const docUri = link.getAttribute('data-doc');
    if (!docUri || !Number.isInteger(line) || !Number.isInteger(character)) return;
    vscode.postMessage({ type: 'reveal', docUri: docUri, line: line, character: character });
  }
  document.addEventListener('click', function (event) {
    const link = event.target instanceof Element ? event.target.closest('.source-link') : null;
    if (!link) return;
    event.preventDefault();
    send(link);
  });
  document.addEventListener('keydown', function (event) {
    const link = event.target instanceof Element ? event.target.closest('.source-link') : null;
    if (link && event.key === ' ') {
      event.preventDefault();
      send(link);
    }
  });
})();
