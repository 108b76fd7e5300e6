/**
 * The API's documentation page (Swagger UI at /api/docs) in Chromium under the security headers
 * helmet adds (issue 16): its scripts and styles load within the Content-Security-Policy, nothing
 * is refused, and the operations of the OpenAPI document are shown.
 */
import { chromium } from "playwright-core";
import { expect, inject, test } from "vitest";

test("Swagger UI renders the API's operations under helmet's Content-Security-Policy", async () => {
  const { baseUrl, wsEndpoint } = inject("e2e");
  const browser = await chromium.connect(wsEndpoint);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
    // A violation of the policy is reported to the page as an event, whatever the console says.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`CSP refused ${e.blockedURI} (${e.violatedDirective})`),
      );
    });
    const answer = await page.goto(`${baseUrl}/api/docs`);
    expect(answer?.status()).toBe(200);
    expect(answer?.headers()["content-security-policy"]).toMatch(/script-src 'self'/);
    await page.getByRole("heading", { name: /CRM Import API/ }).waitFor({ timeout: 30_000 });
    // Every tag's operations: the imports' rows endpoint is one of them.
    await page.locator(".opblock").first().waitFor();
    expect(await page.locator(".opblock").count()).toBeGreaterThan(10);
    await expect
      // Swagger UI breaks long paths with zero-width spaces.
      .poll(async () =>
        (await page.locator(".opblock-summary-path").allInnerTexts()).map((t) => t.replace(/\u200b/g, "")),
      )
      .toContain("/api/v1/imports/{id}/rows");
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    await browser.close();
  }
});
