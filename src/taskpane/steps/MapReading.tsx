/**
 * How a column's text is read: the date order for a date field, the decimal separator for a number
 * or money field. The detected reading is preselected and says so; the user may change it.
 */
import { Field, Select } from "@fluentui/react-components";
import { dateOrders, decimalMarks, type DateOrder, type DecimalMark } from "../../workflows/sheet-mapping";
import { paneMessages as text, type FieldDef } from "../../workflows/pane-types";

export interface Reading {
  dateOrder: DateOrder | null;
  detectedDateOrder: DateOrder | null;
  decimalMark: DecimalMark | null;
  detectedDecimalMark: DecimalMark | null;
  onDateOrder: (order: DateOrder | null) => void;
  onDecimalMark: (mark: DecimalMark | null) => void;
}

const isDateOrder = (v: string): v is DateOrder => (dateOrders as readonly string[]).includes(v);
const isDecimalMark = (v: string): v is DecimalMark => (decimalMarks as readonly string[]).includes(v);

export function FieldReading(props: { field: FieldDef; reading: Reading }) {
  const { field, reading: r } = props;
  if (field.kind === "date")
    return (
      <Field label={text.dateOrder} size="small">
        <Select
          size="small"
          value={r.dateOrder ?? ""}
          onChange={(_, d) => r.onDateOrder(isDateOrder(d.value) ? d.value : null)}
        >
          <option value="">{text.dateOrderUnknown}</option>
          {dateOrders.map((o) => (
            <option key={o} value={o}>
              {o === r.detectedDateOrder ? text.detected(text.dateOrders[o]) : text.dateOrders[o]}
            </option>
          ))}
        </Select>
      </Field>
    );
  if (field.kind === "number" || field.kind === "money")
    return (
      <Field label={text.decimalMark} size="small">
        <Select
          size="small"
          value={r.decimalMark ?? ""}
          onChange={(_, d) => r.onDecimalMark(isDecimalMark(d.value) ? d.value : null)}
        >
          <option value="">{text.decimalMarkUnknown}</option>
          {decimalMarks.map((m) => (
            <option key={m} value={m}>
              {m === r.detectedDecimalMark ? text.detected(text.decimalMarks[m]) : text.decimalMarks[m]}
            </option>
          ))}
        </Select>
      </Field>
    );
  return null;
}
