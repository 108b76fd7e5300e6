/**
 * The Map step's state: the proposal for the file (from a saved mapping when these headers have
 * one), the user's choices per column and per field, the grouping, and what they add up to (counts,
 * two columns on one field, required fields nobody maps). "Remember" follows the user: unticked until
 * they change something, then ticked unless they untick it.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import {
  headersOf,
  missingRequired,
  savedFieldChoices,
  suggestMapping,
  type FieldChoices,
  type MappingSuggestion,
} from "../../workflows/column-mapping";
import { columnValues, readingsOf, samplesOf } from "../../workflows/column-profile";
import { optionsOf, unmatchedValues } from "../../workflows/mapped-values";
import type { Reading } from "./MapReading";
import type { SheetInspection } from "../../workflows/pane-actions";
import {
  catalogOf,
  CONTACT_PREFIX,
  isOrganisationPicklist,
  type FieldDef,
  type PicklistTarget,
  type SheetName,
} from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { useStore } from "../use-store";
import type { Task } from "../use-task";

/** How rows are grouped into customers: the schema's match keys, or one column's value. */
export type GroupKey = "keys" | number;

const emptyChoices = (): FieldChoices => ({ dateOrders: {}, decimalMarks: {}, valueMaps: {} });

/** A sheet with no header and no rows: nothing to map. */
export const isEmptySheet = (i: SheetInspection): boolean =>
  i.rows.length === 0 && i.firstRow.every((h) => h.trim() === "");

export function useMapState(inspection: SheetInspection, task: Task) {
  const actions = useActions();
  const { schema } = useStore();
  const catalog = useMemo(() => (schema ? catalogOf(schema) : null), [schema]);
  // The proposal follows the sheets' fields, not their lists of values: a value an admin adds here (to
  // the organisation's list or a custom field's options) refreshes the schema, and must not throw
  // away the user's choices. The proposal reads the latest catalog and lists when it runs.
  const fieldsKey = useMemo(
    () => (schema ? JSON.stringify(schema.sheets, (k, v: unknown) => (k === "options" ? undefined : v)) : ""),
    [schema],
  );
  const now = useRef({ catalog, picklists: schema?.picklists });
  now.current = { catalog, picklists: schema?.picklists };
  const [target, setTarget] = useState<SheetName>(inspection.ours ?? "customers");
  const [firstRowIsHeader, setFirstRowIsHeader] = useState(true);
  const headers = useMemo(
    () => headersOf(inspection.firstRow, firstRowIsHeader),
    [inspection, firstRowIsHeader],
  );
  const data = useMemo(
    () => (firstRowIsHeader ? inspection.rows : [inspection.firstRow, ...inspection.rows]),
    [inspection, firstRowIsHeader],
  );
  const [proposal, setProposal] = useState<number | null>(null);
  const [perContact, setPerContact] = useState(false);
  const [groupKey, setGroupKey] = useState<GroupKey>("keys");
  const [groupBy, setGroupBy] = useState<string[][]>(() => schema?.defaultMatchKeys.customers ?? [["name"]]);
  const [suggestion, setSuggestion] = useState<MappingSuggestion | null>(null);
  const [choices, setChoices] = useState<(string | null)[]>([]);
  const [fieldChoices, setFieldChoices] = useState<FieldChoices>(emptyChoices);
  const [touched, setTouched] = useState(false);
  const [saveChoice, setSaveChoice] = useState<boolean | null>(null);
  const grouping = perContact && target === "customers";

  useEffect(() => {
    const { catalog } = now.current;
    if (!catalog) return;
    let live = true;
    void task.run(async () => {
      const saved = firstRowIsHeader ? await actions.loadSavedMapping(headers) : undefined;
      const withRows = { rows: data, picklists: now.current.picklists ?? {} };
      const people = target === "customers" && !touched;
      // The values decide too; for a file of people, the rows propose grouping by themselves.
      const suggest = (contacts: boolean) =>
        suggestMapping(headers, catalog[target], {
          saved,
          ...withRows,
          ...(contacts ? { contacts: catalog.contacts } : {}),
        });
      const probe = people && !grouping ? suggest(true) : null;
      if (!live) return;
      if (probe && probe.groupingColumn !== null) {
        setProposal(probe.groupingColumn);
        setGroupKey(probe.groupingColumn);
        setPerContact(true);
        return;
      }
      const next = suggest(grouping);
      setSuggestion(next);
      setChoices(next.columns.map((c) => c.field));
      setFieldChoices(next.fromSaved ? savedFieldChoices(saved) : emptyChoices());
    });
    return () => {
      live = false;
    };
    // `touched` is read once: a proposal is only made before the user changes anything.
  }, [actions, fieldsKey, headers, data, target, grouping, firstRowIsHeader, task.run]);

  /** Wraps a user's change: from now on "Remember" is ticked unless they untick it. */
  const touch =
    <A extends unknown[]>(f: (...a: A) => void) =>
    (...a: A) => {
      setTouched(true);
      f(...a);
    };

  const fieldOf = (choice: string | null): FieldDef | undefined => {
    if (!catalog || !choice) return undefined;
    if (choice.startsWith(CONTACT_PREFIX))
      return catalog.contacts.fields.find((f) => CONTACT_PREFIX + f.key === choice);
    return catalog[target].fields.find((f) => f.key === choice);
  };

  const profiles = useMemo(
    () =>
      headers.map((_, i) => {
        const values = columnValues(data, i);
        return { values, samples: samplesOf(data, i), ...readingsOf(values) };
      }),
    [headers, data],
  );
  const picklists = schema?.picklists;
  const unmatched = useMemo(
    () =>
      choices.map((choice, i) => {
        const field = fieldOf(choice);
        return field && picklists ? unmatchedValues(profiles[i]?.values ?? [], field, picklists) : [];
      }),
    // fieldOf depends only on catalog and target.
    [choices, profiles, picklists, catalog, target],
  );
  const setFor =
    <K extends keyof FieldChoices>(key: K, choice: string) =>
    (value: FieldChoices[K][string] | null) =>
      setFieldChoices((old) => {
        const next = { ...old[key] };
        if (value === null) delete next[choice];
        else next[choice] = value;
        return { ...old, [key]: next };
      });
  // An admin may add a value to a list the organisation owns (Category, Campaign) or to a custom
  // picklist field's options: it then maps to itself.
  const listOf = (field: FieldDef | undefined, choice: string | null): PicklistTarget | null => {
    if (schema?.role !== "admin" || !field || !choice || field.kind !== "picklist") return null;
    if (field.custom)
      return { field: field.key, sheet: choice.startsWith(CONTACT_PREFIX) ? "contacts" : target };
    const name = field.picklist;
    return name && !field.options?.length && isOrganisationPicklist(name) ? { list: name } : null;
  };
  const addTo = (list: PicklistTarget, choice: string) =>
    touch((value: string) => {
      void task.run(async () => {
        await actions.addPicklistValue(list, value);
        setFieldChoices((old) => ({
          ...old,
          valueMaps: { ...old.valueMaps, [choice]: { ...old.valueMaps[choice], [value]: value } },
        }));
      });
    });
  const columns = choices.map((choice, i) => {
    const p = profiles[i];
    const fc = fieldChoices;
    const field = fieldOf(choice);
    const reading: Reading = {
      dateOrder: (choice && fc.dateOrders[choice]) || p?.dateOrder || null,
      detectedDateOrder: p?.dateOrder ?? null,
      decimalMark: (choice && fc.decimalMarks[choice]) || p?.decimalMark || null,
      detectedDecimalMark: p?.decimalMark ?? null,
      onDateOrder: choice ? touch(setFor("dateOrders", choice)) : () => {},
      onDecimalMark: choice ? touch(setFor("decimalMarks", choice)) : () => {},
    };
    return {
      choice,
      field,
      samples: p?.samples ?? [],
      reading,
      unmatched: unmatched[i] ?? [],
      options: field && picklists ? (optionsOf(field, picklists) ?? []) : [],
      valueMap: (choice && fc.valueMaps[choice]) || {},
      onValueMap: choice ? touch(setFor("valueMaps", choice)) : () => {},
      onAdd: ((list) => (list && choice ? addTo(list, choice) : undefined))(listOf(field, choice)),
    };
  });

  const named = headers.map((h) => h.trim() !== "");
  const isAmbiguous = (i: number) => suggestion?.columns[i]?.status === "ambiguous";
  const unmapped = choices.filter((c, i) => c === null && named[i] && !isAmbiguous(i)).length;
  const ambiguous = choices.filter((c, i) => c === null && isAmbiguous(i)).length;
  const duplicates = duplicateTargets(choices, headers);
  const missing = catalog ? missingRequired(catalog[target], choices) : [];

  return {
    catalog,
    schema,
    target,
    setTarget: touch(setTarget),
    firstRowIsHeader,
    setFirstRowIsHeader: touch(setFirstRowIsHeader),
    headers,
    data,
    proposal,
    perContact,
    setPerContact: touch(setPerContact),
    grouping,
    groupKey,
    setGroupKey: touch(setGroupKey),
    groupBy,
    setGroupBy: touch(setGroupBy),
    suggestion,
    choices,
    choose: touch((i: number, field: string | null) =>
      setChoices((old) => old.map((v, k) => (k === i ? field : v))),
    ),
    fieldChoices,
    columns,
    save: saveChoice ?? touched,
    setSave: setSaveChoice,
    fieldOf,
    unmapped,
    ambiguous,
    duplicates,
    missing,
  };
}

export type MapState = ReturnType<typeof useMapState>;

/** Fields chosen for two or more columns, with those columns' headers. */
export function duplicateTargets(
  choices: readonly (string | null)[],
  headers: readonly string[],
): { field: string; headers: string[] }[] {
  const byField = new Map<string, string[]>();
  choices.forEach((c, i) => {
    if (c) byField.set(c, [...(byField.get(c) ?? []), headers[i] ?? ""]);
  });
  return [...byField].filter(([, hs]) => hs.length > 1).map(([field, hs]) => ({ field, headers: hs }));
}
