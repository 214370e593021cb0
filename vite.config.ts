import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served at the root of app://vanphong/ (Electron), http://127.0.0.1:<port>/ (browser mode) and
// https://<office server>/: absolute paths, so that a deep link (/drafting/12) reloads with its assets.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
