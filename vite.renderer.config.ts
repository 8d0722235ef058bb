// Builds the renderer (React) into out/renderer. The same files are served by the
// Electron shell's custom protocol and by the browser host, so every URL is relative.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { withoutPolyfills } from './vite.electron.config.ts';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./out/renderer', import.meta.url));

/**
 * The production CSP forbids inline scripts, but the dev server's React refresh preamble
 * is one; drop the meta tag only while serving in development.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'starling:dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig(({ command }) => ({
  root,
  base: './',
  plugins: [react(), devWithoutCsp(), withoutPolyfills()],
  // A build is what ships, even when started from a runner that set NODE_ENV=test
  // (the browser tests' global setup): never bundle React's development build.
  ...(command === 'build' && {
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { development: false } },
  }),
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome120',
    // Nothing may end up inline: scripts would break the CSP, and fonts are system fonts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    // The app, and the page the hosts show while the core upgrades the user's data.
    rolldownOptions: {
      input: { index: `${root}/index.html`, upgrade: `${root}/upgrade.html` },
    },
  },
}));
