/**
 * axe-core, run in the page on the pane: every step the e2e flows reach is checked (awaitStep calls
 * this), and a serious or critical violation fails the flow with axe's own words. axe ships as one
 * script in its npm package; it is injected once per page.
 */
import { createRequire } from "node:module";
import type { Locator } from "playwright-core";
import { z } from "zod";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const violationsSchema = z.array(
  z.object({
    id: z.string(),
    impact: z.string().nullable().optional(),
    help: z.string(),
    nodes: z.array(
      z.object({ target: z.array(z.unknown()), html: z.string(), failureSummary: z.string().optional() }),
    ),
  }),
);
export type Violation = z.infer<typeof violationsSchema>[number];

/** Impacts that fail a flow: axe's own "serious" and "critical". */
const FAILING = new Set(["serious", "critical"]);

/** The pane's serious and critical violations, as axe reports them. */
export async function paneViolations(pane: Locator): Promise<Violation[]> {
  const first = await violationsNow(pane);
  if (first.length === 0) return first;
  // Fluent's enter animations fade text in: a contrast read mid-fade is not what the user sees, so
  // a violation must still be there once they have settled.
  await pane.page().waitForTimeout(1_000);
  return violationsNow(pane);
}

async function violationsNow(pane: Locator): Promise<Violation[]> {
  const page = pane.page();
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.addScriptTag({ path: AXE_SCRIPT });
  const raw = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: string, options: object) => Promise<unknown> } }
    ).axe;
    const result = (await axe.run("#pane", { resultTypes: ["violations"] })) as { violations: unknown };
    return result.violations;
  });
  return violationsSchema.parse(raw).filter((v) => FAILING.has(v.impact ?? ""));
}

/** Fails with each violation's rule, help text and first elements when the pane has any. */
export async function expectAccessiblePane(pane: Locator, where: string): Promise<void> {
  const found = await paneViolations(pane);
  if (found.length === 0) return;
  const lines = found.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} (${v.nodes
        .slice(0, 3)
        .map((n) => `${n.html.slice(0, 200)} ${n.failureSummary ?? ""}`)
        .join("; ")})`,
  );
  throw new Error(`Accessibility (axe) on "${where}":\n${lines.join("\n")}`);
}
