/**
 * The workbook's date system, asked without touching a cell. DATE(2000, 1, 1) is 36,526 in the 1900
 * system and 35,064 in the 1904 one: `workbook.functions` (ExcelApi 1.2) evaluates worksheet
 * functions in the workbook's date system (the typings of `Functions.date`). `Workbook.use1904DateSystem`
 * would say it directly, but it is in no released requirement set (not in @types/office-js, so not in
 * the simulator's generated api-sets), and preview APIs are not for production.
 */
const SERIAL_2000_IN_1904 = 35_064;

/**
 * Queues the question in the caller's next sync (no sync of its own); the answer is read after it.
 * A host whose DATE answers with an error is taken as the 1900 system, Excel's default.
 */
export function askDateSystem(context: Excel.RequestContext): () => boolean {
  const probe = context.workbook.functions.date(2000, 1, 1);
  probe.load("value");
  return () => probe.value === SERIAL_2000_IN_1904;
}
