import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * Sends every Ant Design icon's import of its base component to renderer/src/components/
 * quietIcon.ts, which hides an unnamed icon from screen readers instead of naming it in English
 * ("down", "close"); the base itself is imported from there by its package path, which this leaves.
 */
function quietIcons(): Plugin {
  const quiet = fileURLToPath(new URL('./renderer/src/components/quietIcon.ts', import.meta.url));
  return {
    name: 'quiet-icons',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '../components/AntdIconLight' && importer && /[\\/]@ant-design[\\/]icons[\\/]es[\\/]icons[\\/]/.test(importer)) return quiet;
      return null;
    },
  };
}

// The renderer is built to static files served by the Electron app:// protocol or the
// browser-mode host. Relative base so both hosts can serve it from their own root.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [quietIcons(), react()],
  build: {
    outDir: fileURLToPath(new URL('./build/renderer', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
