// Range.clear(applyTo): contents and/or formats. Notes and data validation are left in place.
import type { Execution } from "./context";
import type { RangeTarget } from "./ops";

export type ClearMode = "All" | "Formats" | "Contents" | "Hyperlinks" | "RemoveHyperlinks" | "ResetContents";

export function clearRange(exec: Execution, target: RangeTarget, applyTo: ClearMode): void {
  const { sheet, rect } = target;
  if (applyTo === "All" || applyTo === "Contents" || applyTo === "ResetContents") {
    sheet.clearContents(rect);
    exec.changes.push({ sheet, rect, triggerSource: "ThisLocalAddin" });
  }
  if (applyTo === "All" || applyTo === "Formats") sheet.clearFormats(rect);
}
