// range.dataValidation (ExcelApi 1.8): rules, prompts and error alerts stored per rectangle.
import type { SimContext } from "./context";
import { fail } from "./errors";
import type { AreasTarget } from "./ops";
import { SimProxy, type Ref } from "./proxy";
import type { ValidationEntry, ValidationPatch } from "./validation-store";
import { validationType } from "./validation-type";

/** Excel's Data Validation dialog takes a title of 32 characters and a message of 255, no more. */
export const MAX_TITLE_CHARS = 32;
export const MAX_MESSAGE_CHARS = 255;

function checkTexts(what: string, texts: { title?: string; message?: string } | undefined): void {
  if ((texts?.title?.length ?? 0) > MAX_TITLE_CHARS)
    fail("InvalidArgument", `A data-validation ${what} title has at most ${MAX_TITLE_CHARS} characters.`);
  if ((texts?.message?.length ?? 0) > MAX_MESSAGE_CHARS)
    fail("InvalidArgument", `A data-validation ${what} message has at most ${MAX_MESSAGE_CHARS} characters.`);
}

export class SimDataValidation extends SimProxy {
  constructor(
    context: SimContext,
    ref: Ref<unknown>,
    private readonly areas: () => AreasTarget,
  ) {
    super(context, ref);
  }

  private target(): AreasTarget {
    this.context.book.requireApi("1.8", "Range.dataValidation");
    return this.areas();
  }

  /** The single entry covering all of the range, "none" when nothing does, "mixed" otherwise. */
  private covering(): ValidationEntry | "none" | "mixed" {
    const { sheet, rects } = this.target();
    const touching = rects.flatMap((r) => sheet.validationsIn(r));
    if (touching.length === 0) return "none";
    const total = rects.reduce((n, r) => n + r.rows * r.cols, 0);
    const first = touching[0];
    const same = touching.every(
      (t) => JSON.stringify({ ...t.entry, rect: 0 }) === JSON.stringify({ ...first?.entry, rect: 0 }),
    );
    const covered = touching.reduce((n, t) => n + t.covered, 0);
    return same && covered === total && first ? first.entry : "mixed";
  }

  protected readers() {
    const pick =
      <T>(get: (e: ValidationEntry) => T, none: T) =>
      () => {
        const c = this.covering();
        return c === "none" ? none : c === "mixed" ? null : get(c);
      };
    return {
      type: () => {
        const c = this.covering();
        return c === "none" ? "None" : c === "mixed" ? "Inconsistent" : validationType(c.rule);
      },
      rule: pick((e) => e.rule, {}),
      prompt: pick((e) => e.prompt ?? { showPrompt: false, title: "", message: "" }, {
        showPrompt: false,
        title: "",
        message: "",
      }),
      errorAlert: pick((e) => e.errorAlert ?? { showAlert: true, style: "Stop", title: "", message: "" }, {
        showAlert: true,
        style: "Stop",
        title: "",
        message: "",
      }),
      ignoreBlanks: pick((e) => e.ignoreBlanks, true),
    };
  }

  private patch(name: string, patch: ValidationPatch, check?: () => void): void {
    this.queue({ set: name, patch }, () => {
      check?.();
      const { sheet, rects } = this.target();
      for (const r of rects) sheet.validationStore.patch(r, patch);
    });
  }

  get type(): string {
    return this.read("type");
  }
  get rule(): Record<string, unknown> {
    return this.read("rule");
  }
  set rule(rule: Record<string, unknown>) {
    if (validationType(rule) === "None")
      fail("InvalidArgument", "A data validation rule needs one rule type.");
    const list = rule.list as { source?: unknown } | undefined;
    if (list && typeof list.source === "string" && !list.source.startsWith("=") && list.source.length > 255) {
      // Excel rejects inline list sources over 255 characters; point at a range instead.
      this.queue({ set: "rule" }, () =>
        fail("InvalidArgument", "A list source over 255 characters is not allowed."),
      );
      return;
    }
    this.queue({ set: "rule", rule }, () => {
      // Excel on the web refuses a rule over a range whose cells carry different validations, e.g. a
      // prompt on part of it (office-js#2594): clear() the range first.
      if (this.covering() === "mixed")
        fail("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
      const { sheet, rects } = this.target();
      for (const r of rects) sheet.validationStore.patch(r, { rule });
    });
  }
  get prompt(): ValidationEntry["prompt"] {
    return this.read("prompt");
  }
  set prompt(prompt: ValidationEntry["prompt"]) {
    this.patch("prompt", { prompt }, () => checkTexts("prompt", prompt));
  }
  get errorAlert(): ValidationEntry["errorAlert"] {
    return this.read("errorAlert");
  }
  set errorAlert(errorAlert: ValidationEntry["errorAlert"]) {
    this.patch("errorAlert", { errorAlert }, () => checkTexts("errorAlert", errorAlert));
  }
  get ignoreBlanks(): boolean {
    return this.read("ignoreBlanks");
  }
  set ignoreBlanks(ignoreBlanks: boolean) {
    this.patch("ignoreBlanks", { ignoreBlanks });
  }

  clear(): void {
    this.queue({ method: "dataValidation.clear" }, () => {
      const { sheet, rects } = this.target();
      for (const r of rects) sheet.validationStore.clear(r);
    });
  }
}
