import { configDefaults, defineConfig } from "vitest/config";

const E2E = "test/e2e/**/*.e2e.test.ts";

export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two projects so the e2e global setup (a build, the CRM API, Chromium) runs only when e2e files do.
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx", "workbench/**/*.test.ts"],
          exclude: [...configDefaults.exclude, E2E],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: [E2E],
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
