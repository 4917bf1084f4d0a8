import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API and the realtime socket live on the server (PORT, default 8080);
// in production the server serves apps/web/dist itself, so every path is same-origin.
const server = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/socket.io': { target: server, ws: true, changeOrigin: false },
    },
  },
});
