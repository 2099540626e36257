// Bundles the workbench's JavaScript into internal/web/static/dist/app.js (embedded by the Go server).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: fileURLToPath(new URL('../internal/web/static/dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    cssCodeSplit: false,
    sourcemap: false,
    minify: 'esbuild',
    chunkSizeWarningLimit: 2000,
    lib: {
      entry: fileURLToPath(new URL('src/main.js', import.meta.url)),
      formats: ['es'],
      fileName: () => 'app.js',
    },
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});
