/** Open a CSV file: the file, the delimiter (or detect it), read into a new sheet by the workflow. */
import { Button, Field, Select, Text } from "@fluentui/react-components";
import { useId, useState } from "react";
import type { SheetInspection } from "../../workflows/pane-actions";
import { delimiterChoices, paneMessages as text, type DelimiterChoice } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import type { Task } from "../use-task";
import { useStepStyles } from "../ui";

/** The file's bytes through FileReader, which every host browser (and jsdom) has. */
function readBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(new Uint8Array(reader.result instanceof ArrayBuffer ? reader.result : new ArrayBuffer(0)));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable file"));
    reader.readAsArrayBuffer(file);
  });
}

const isChoice = (v: string): v is DelimiterChoice => (delimiterChoices as readonly string[]).includes(v);

export function CsvPicker(props: {
  busy: boolean;
  run: Task["run"];
  onOpened: (i: SheetInspection) => void;
}) {
  const actions = useActions();
  const styles = useStepStyles();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [delimiter, setDelimiter] = useState<DelimiterChoice>("auto");
  const [opened, setOpened] = useState<string | null>(null);

  const open = () =>
    void props.run(async () => {
      if (!file) return;
      const bytes = await readBytes(file);
      const csv = await actions.openCsv({ name: file.name, bytes }, delimiter);
      if (csv.rows.length === 0) return setOpened(text.emptyCsv);
      setOpened(text.csvOpened(csv.sheetName, csv.rows.length, text.delimiters[csv.delimiter], csv.encoding));
      props.onOpened(await actions.inspectSheet(csv.sheetName));
    });

  return (
    <div className={styles.step}>
      <label htmlFor={fileId}>{text.csvFile}</label>
      <input
        id={fileId}
        type="file"
        accept=".csv,.txt,text/csv"
        onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
      />
      <Field label={text.delimiter}>
        <Select value={delimiter} onChange={(_, d) => isChoice(d.value) && setDelimiter(d.value)}>
          {delimiterChoices.map((c) => (
            <option key={c} value={c}>
              {text.delimiters[c]}
            </option>
          ))}
        </Select>
      </Field>
      <Button disabled={props.busy || !file} onClick={open}>
        {text.openFile}
      </Button>
      {opened ? <Text role="status">{opened}</Text> : null}
    </div>
  );
}
