import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard is served by the Kasa server at /dashboard/ (HTML) and /dashboard/assets/* (hashed files),
 * which builds it with this configuration (see server/index.ts); `pnpm start` serves it with seeded data.
 */
export default defineConfig({
  base: '/dashboard/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    // The server serves every file from memory; nothing needs inlining as data: URLs.
    assetsInlineLimit: 0,
  },
});
