// One page, taskpane.html, carries the pane and the ribbon commands (shared runtime: the manifest's
// FunctionFile, ShowTaskpane and DefaultSettings all name it). The commands are their own entry,
// loaded before the pane's, because src/taskpane may not import src/commands (layer rules) and a
// ribbon click can load the page before the pane is ever rendered. One runtime chunk makes both
// entries share module instances, so pane and commands see the same workflow store.
//
// Production loads office.js from Microsoft's CDN. Development serves it from @microsoft/office-js,
// copying only the files office.js loads for Excel in en-US, marked minimised so nothing re-minifies
// them. Development also builds workbench.html (workbench/README.md). Every build emits manifest.xml;
// `npm run build -- --env origin=https://addin.example.com` points its URLs where dist/ is hosted.
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import CopyWebpackPlugin from "copy-webpack-plugin";
import HtmlWebpackPlugin from "html-webpack-plugin";

const root = path.dirname(fileURLToPath(import.meta.url));
const fromRoot = (...parts) => path.join(root, ...parts);

export const DEV_PORT = 3000;
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Where development builds put the office.js files (office.js finds its siblings from its own URL). */
export const OFFICE_JS_DIR = "office-js";
const OFFICE_DIST = fromRoot("node_modules", "@microsoft", "office-js", "dist");
/** office.js, its en-US strings and telemetry, and Excel's host files for the web, Windows and Mac. */
export const OFFICE_JS_FILES = [
  "office.js",
  "o15apptofilemappingtable.js",
  "en-us/office_strings.js",
  "telemetry/oteljs_agave.js",
  ...["web-16.00", "win32-16.01", "mac-16.00"].flatMap((v) => [`excel-${v}.js`, `excel-${v}-core.js`]),
];

export const COMMANDS_ENTRY = "./src/commands/index.ts";
export const TASKPANE_PAGE = "taskpane.html";
export const WORKBENCH_PAGE = "workbench.html";
/** The sign-in dialog's page (src/domain/oauth.ts SIGN_IN_PAGE): the CRM returns its code there. */
export const AUTH_DIALOG_PAGE = "auth-dialog.html";

/** The pages a build emits; the manifest test checks every manifest URL against these and the assets. */
export function pagesFor(production) {
  return production ? [TASKPANE_PAGE, AUTH_DIALOG_PAGE] : [TASKPANE_PAGE, AUTH_DIALOG_PAGE, WORKBENCH_PAGE];
}

/** The origin manifest.xml names; a production build can rewrite it (`--env origin=https://...`). */
export const DEV_ORIGIN = `https://localhost:${DEV_PORT}`;

/** The manifest with its URLs moved to `origin`, which must be an https origin (Office requires it). */
export function manifestFor(xml, origin) {
  if (!origin) return xml;
  const url = new URL(origin);
  if (url.protocol !== "https:" || url.pathname !== "/" || url.search || url.hash) {
    throw new Error(`--env origin must be an https origin such as https://addin.example.com, not ${origin}`);
  }
  return xml.replaceAll(`${DEV_ORIGIN}/`, `${url.origin}/`);
}

/**
 * Static files copied verbatim: the icons and the manifest always, office.js only when it is not
 * taken from the CDN.
 */
export function copyPatternsFor(production, origin = undefined) {
  const patterns = [
    { from: fromRoot("assets"), to: "assets", globOptions: { ignore: ["**/*.ts"] } },
    {
      from: fromRoot("manifest.xml"),
      to: "manifest.xml",
      transform: (content) => manifestFor(content.toString("utf8"), production ? origin : undefined),
    },
  ];
  if (production) return patterns;
  return [
    ...patterns,
    ...OFFICE_JS_FILES.map((file) => ({
      from: path.join(OFFICE_DIST, file),
      to: `${OFFICE_JS_DIR}/${file}`,
      info: { minimized: true },
    })),
  ];
}

/** office-addin-dev-certs' files, when installed; otherwise the dev server speaks plain http. */
export function devCertificates(dir = path.join(homedir(), ".office-addin-dev-certs")) {
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  if (!Object.values(files).every((file) => existsSync(path.join(dir, file)))) return undefined;
  return Object.fromEntries(
    Object.entries(files).map(([k, file]) => [k, readFileSync(path.join(dir, file))]),
  );
}

export default (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const officeJs = production ? OFFICE_JS_CDN : `/${OFFICE_JS_DIR}/office.js`;
  const certificates = devCertificates();
  const paneChunks = ["commands", "taskpane"];

  return {
    mode: production ? "production" : "development",
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    context: root,
    entry: {
      commands: COMMANDS_ENTRY,
      taskpane: "./src/taskpane/main.tsx",
      authDialog: "./src/excel/auth-dialog-main.ts",
      ...(production ? {} : { workbench: "./workbench/main.tsx" }),
    },
    output: {
      path: env.outputPath ? path.resolve(env.outputPath) : fromRoot("dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      publicPath: "/",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".mjs"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          options: { transpileOnly: true, compilerOptions: { noEmit: false, sourceMap: true } },
        },
      ],
    },
    optimization: { runtimeChunk: "single", splitChunks: { chunks: "all" } },
    // The budget is gzipped first-load JS, measured by `npm run bench -- bundle`, not webpack's raw sizes.
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: TASKPANE_PAGE,
        template: "./src/taskpane/taskpane.html",
        chunks: paneChunks,
        chunksSortMode: "manual",
        templateParameters: { officeJs },
      }),
      new HtmlWebpackPlugin({
        filename: AUTH_DIALOG_PAGE,
        template: "./src/excel/auth-dialog.html",
        chunks: ["authDialog"],
        templateParameters: { officeJs },
      }),
      ...(production
        ? []
        : [
            new HtmlWebpackPlugin({
              filename: WORKBENCH_PAGE,
              template: "./workbench/index.html",
              // The simulator must be the global Excel before the pane's and the commands' code runs.
              chunks: ["workbench", ...paneChunks],
              chunksSortMode: "manual",
              templateParameters: { officeJs },
            }),
          ]),
      new CopyWebpackPlugin({ patterns: copyPatternsFor(production, env.origin) }),
    ],
    devServer: {
      port: DEV_PORT,
      server: certificates ? { type: "https", options: certificates } : "http",
      static: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      // The pane may call the CRM through its own origin: no mixed content under https, no CORS.
      // /oauth too: the CRM's sign-in page and token endpoints, at the address the pane was given;
      // and the import report pages the summary e-mail links to there, with their sign-in.
      proxy: [
        {
          context: ["/api", "/oauth", "/imports", "/sign-in"],
          target: `http://127.0.0.1:${env.apiPort ?? 8787}`,
        },
      ],
      client: { overlay: { errors: true, warnings: false } },
    },
  };
};
