import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The build lands where Spring Boot serves static content from a dependency jar.
export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
