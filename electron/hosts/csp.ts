/**
 * The Content-Security-Policy of the renderer, whichever host serves it (Electron's app:// protocol, the browser-mode
 * HTTP host): no unsafe-eval, no inline scripts, nothing loaded from elsewhere.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
  "frame-ancestors 'none'; form-action 'none'";
