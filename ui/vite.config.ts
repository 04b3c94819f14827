import { defineConfig } from "vite";

// The window is served from the app's own files (Tauri's frontendDist):
// no dev server, no remote content.
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
  },
});
