// The DataValidationType Excel reports for a rule object such as { list: {...} }.
const ruleTypes: Record<string, string> = {
  list: "List",
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  date: "Date",
  time: "Time",
  textLength: "TextLength",
  custom: "Custom",
};

export function validationType(rule: Record<string, unknown>): string {
  const key = Object.keys(rule).find((k) => rule[k] !== undefined && k in ruleTypes);
  return key ? (ruleTypes[key] ?? "None") : "None";
}
