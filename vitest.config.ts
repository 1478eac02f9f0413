import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20000,
    // e2e tests spawn the built CLI; two workers match this machine's two cores.
    maxWorkers: 2,
  },
});
