// workbook.functions (ExcelApi 1.2): worksheet functions evaluated without a cell. Only DATE, which
// answers in the workbook's date system (the typings: "a number from 1900 or 1904 (depending on the
// workbook's date system)"), so code can tell a 1904 workbook from a 1900 one without writing a cell.
import type { SimContext } from "./context";
import { dateToSerial } from "./cell-input";
import { Ref, SimProxy } from "./proxy";

interface Outcome {
  value: number | null;
  error: string | null;
}

export class SimFunctionResult extends SimProxy {
  constructor(
    context: SimContext,
    private readonly outcome: Ref<Outcome>,
  ) {
    super(context, outcome);
  }
  protected readers() {
    return { value: () => this.outcome.get().value, error: () => this.outcome.get().error };
  }
  get value(): number | null {
    return this.read("value");
  }
  get error(): string | null {
    return this.read("error");
  }
}

export class SimFunctions extends SimProxy {
  protected readers() {
    return {};
  }
  date(year: number, month: number, day: number): SimFunctionResult {
    const ref = Ref.lazy(this.context, { method: "date", year, month, day }, () => {
      const serial = dateToSerial(year, month, day, this.context.book.date1904);
      return serial === null ? { value: null, error: "#NUM!" } : { value: serial, error: null };
    });
    return new SimFunctionResult(this.context, ref);
  }
}
