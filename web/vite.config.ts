import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev:web` serves these pages with hot reload and sends API calls to a running Recto
// (RECTO_API, default http://localhost:3000), so the session cookie stays same-origin.
const api = process.env.RECTO_API ?? "http://localhost:3000";
const here = import.meta.dirname;

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: path.join(here, "dist"),
    emptyOutDir: true,
    // The patron app at / and the staff app at /staff are separate pages with their own scripts.
    rollupOptions: {
      input: { patron: path.join(here, "index.html"), staff: path.join(here, "staff/index.html") },
      output: { chunkFileNames: "assets/shared-[hash].js" },
    },
  },
  server: {
    proxy: Object.fromEntries(["/api", "/almaws", "/health"].map((p) => [p, { target: api, changeOrigin: false }])),
  },
});
