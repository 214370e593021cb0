import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from app://vanphong/ (Electron) and http://127.0.0.1:<port>/ (browser mode): relative base.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
