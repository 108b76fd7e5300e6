// Lint: typescript-eslint, the Office add-in rules (also on .tsx), prettier, and the layer rules of
// docs/architecture.md, enforced with no-restricted-imports so a forbidden import fails `npm run lint`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import prettier from "eslint-config-prettier";
import globals from "globals";

/** Each layer and the folders of ours it must never import. */
const layers = {
  domain: ["import", "excel", "client", "workflows", "taskpane", "commands", "server"],
  import: ["excel", "client", "workflows", "taskpane", "commands", "server"],
  excel: ["client", "workflows", "taskpane", "commands", "server"],
  client: ["excel", "workflows", "taskpane", "commands", "server"],
  workflows: ["taskpane", "commands", "server"],
  taskpane: ["domain", "import", "excel", "client", "commands", "server"],
  commands: ["domain", "import", "excel", "client", "taskpane", "server"],
  server: ["import", "excel", "client", "workflows", "taskpane", "commands"],
};
const outside = ["**/workbench/**", "**/test/**", "**/bench/**"];

const layerRules = Object.entries(layers).map(([layer, banned]) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: [
              ...banned.flatMap((b) => [`../${b}`, `../${b}/**`, `../../${b}`, `../../${b}/**`]),
              ...outside,
            ],
            message: `src/${layer} may not import this layer (see docs/architecture.md, dependency rules).`,
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ["node_modules", "dist", ".data", "coverage", "test-results", "**/*.js", "!eslint.config.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}", "workbench/**/*.{ts,tsx}"],
    plugins: { "office-addins": officeAddins },
    rules: {
      ...officeAddins.configs.recommended.rules,
    },
  },
  ...layerRules,
  {
    // Only src/excel talks to Office.js's Excel API; everything else goes through it.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/excel/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "MemberExpression[object.name='Excel'], MemberExpression[object.name='context'][property.name='workbook']",
          message: "Only src/excel may call the Excel API (see docs/architecture.md).",
        },
      ],
    },
  },
  prettier,
);
