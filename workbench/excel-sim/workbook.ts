// Excel.Workbook as seen from a request context.
import type { SimContext } from "./context";
import { fail } from "./errors";
import { Ref, SimProxy } from "./proxy";
import { SimRange } from "./range";
import { SimFunctions } from "./functions";
import { SimNoteCollection } from "./notes";
import { SimWorksheetCollection } from "./worksheet";
import { ApplicationProxy, SimNamedItemCollection, SimSettingCollection } from "./workbook-parts";

export class WorkbookProxy extends SimProxy {
  readonly worksheets: SimWorksheetCollection;
  readonly settings: SimSettingCollection;
  readonly names: SimNamedItemCollection;
  readonly application: ApplicationProxy;
  readonly notes: SimNoteCollection;
  readonly functions: SimFunctions;

  constructor(context: SimContext) {
    const root = Ref.of<unknown>(context.book);
    super(context, root);
    this.worksheets = new SimWorksheetCollection(context, root);
    this.settings = new SimSettingCollection(context, root);
    this.names = new SimNamedItemCollection(context, root);
    this.application = new ApplicationProxy(context, root);
    this.notes = new SimNoteCollection(context, root, () => null);
    this.functions = new SimFunctions(context, root);
  }

  protected readers() {
    return { name: () => "Book1.xlsx" };
  }

  get name(): string {
    return this.read("name");
  }

  getSelectedRange(): SimRange {
    const ref = Ref.lazy(this.context, { method: "getSelectedRange" }, () => {
      const book = this.context.book;
      const sheet = book.activeSheet ?? fail("ItemNotFound");
      return book.selection?.sheet === sheet
        ? book.selection
        : { sheet, rect: { row: 0, col: 0, rows: 1, cols: 1 } };
    });
    return new SimRange(this.context, ref);
  }

  getActiveCell(): SimRange {
    const ref = Ref.lazy(this.context, { method: "getActiveCell" }, () => {
      const selected = this.context.book.selection;
      const sheet = this.context.book.activeSheet ?? fail("ItemNotFound");
      const rect =
        selected?.sheet === sheet
          ? { ...selected.rect, rows: 1, cols: 1 }
          : { row: 0, col: 0, rows: 1, cols: 1 };
      return { sheet, rect };
    });
    return new SimRange(this.context, ref);
  }
}
