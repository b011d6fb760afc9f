import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The machine has 2 cores; end-to-end tests spawn CLI processes and an emulator each.
    maxWorkers: 2,
  },
});
