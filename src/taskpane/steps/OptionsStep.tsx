/**
 * Import options: what to do with a row that matches an existing record, which fields match, values
 * for blank cells, an e-mail when done, and a dry run that previews the outcome row by row.
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { ImportDefaults, PaneImportOptions, PreviewRow } from "../../workflows/pane-actions";
import {
  duplicateActions,
  matchModes,
  groupPreview,
  paneMessages as text,
  type DuplicateAction,
  type MatchMode,
  type Me,
  type SchemaDocument,
  type SheetName,
} from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { useStore } from "../use-store";
import { useTask } from "../use-task";
import { ErrorBar, StepFrame, useStepStyles } from "../ui";
import { MatchKeyChoices } from "./MatchKeyChoices";

export interface OptionsProps {
  sheet: string;
  target: SheetName;
  onImport: (options: PaneImportOptions) => void;
}

const defaultFields = ["accountManager", "campaign", "category"] as const;
const isAction = (v: string): v is DuplicateAction => (duplicateActions as readonly string[]).includes(v);
const isMode = (v: string): v is MatchMode => (matchModes as readonly string[]).includes(v);

/** A default's options: the schema's picklist for that field, by the field's picklist name. */
function picklistOf(schema: SchemaDocument, key: (typeof defaultFields)[number]): string[] {
  const field = schema.sheets.customers.fields.find((f) => f.key === key);
  return schema.picklists[field?.picklist ?? key] ?? [];
}

const useLocalStyles = makeStyles({
  actions: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export function OptionsStep(props: OptionsProps) {
  const actions = useActions();
  const styles = useStepStyles();
  const local = useLocalStyles();
  const { schema } = useStore();
  const task = useTask();
  // The organisation's defaults first; then the options last chosen for this sheet, unless the user
  // changed something meanwhile.
  const org = schema?.importDefaults;
  const [duplicateAction, setDuplicateAction] = useState<DuplicateAction>(org?.duplicateAction ?? "skip");
  const [matchKeys, setMatchKeys] = useState<string[][]>(() => schema?.defaultMatchKeys[props.target] ?? []);
  const [matchMode, setMatchMode] = useState<MatchMode>(org?.matchMode ?? "any");
  const [defaults, setDefaults] = useState<ImportDefaults>({});
  const [me, setMe] = useState<Me | null>(null);
  // The summary goes to the importer unless they opt out: null until the CRM says what they chose.
  const [mailMe, setMailMe] = useState<boolean | null>(null);
  const [email, setEmail] = useState("");
  useEffect(() => {
    let alive = true;
    actions.loadMe().then(
      (m) => {
        if (!alive) return;
        setMe(m);
        setMailMe(m.importMail);
      },
      // A CRM that cannot say: the CRM's own remembered choice applies, and the box says nothing.
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [actions]);
  const [dryRun, setDryRun] = useState(false);
  const [preview, setPreview] = useState<PreviewRow[] | null>(null);
  const touched = useRef(false);
  const edit =
    <A extends unknown[]>(f: (...args: A) => void) =>
    (...args: A) => {
      touched.current = true;
      f(...args);
    };
  const { importOptionsFor } = actions;
  useEffect(() => {
    let live = true;
    importOptionsFor(props.sheet, props.target).then(
      (o) => {
        if (!live || touched.current) return;
        setDuplicateAction(o.duplicateAction);
        setMatchKeys(o.matchKeys);
        if (o.matchMode) setMatchMode(o.matchMode);
        setDefaults(o.defaults);
        // The extra address last used for this sheet is kept.
        if (o.notifyEmail) setEmail(o.notifyEmail);
      },
      // Not known (no schema yet, no CRM): the organisation's defaults above stand.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [importOptionsFor, props.sheet, props.target]);
  if (!schema) return <Spinner label={text.busy} />;

  const options = (): PaneImportOptions => ({
    sheet: props.sheet,
    duplicateAction,
    matchKeys,
    matchMode,
    defaults,
    ...(mailMe !== null ? { mailMe } : {}),
    ...(email.trim() ? { notifyEmail: email.trim() } : {}),
  });
  const submit = () => {
    if (!dryRun) return props.onImport(options());
    void task.run(async () => setPreview(await actions.preview(options())));
  };
  const setDefault = (key: keyof ImportDefaults, value: string) =>
    edit(setDefaults)((old) => {
      const { [key]: _dropped, ...rest } = old;
      return value ? { ...rest, [key]: value } : rest;
    });

  return (
    <StepFrame heading={text.optionsHeading}>
      <RadioGroup
        aria-label={text.whenMatched}
        value={duplicateAction}
        onChange={(_, d) => isAction(d.value) && edit(setDuplicateAction)(d.value)}
      >
        <Text as="h3" weight="semibold">
          {text.whenMatched}
        </Text>
        {duplicateActions.map((a) => (
          <Radio key={a} value={a} label={text.duplicateActions[a]} />
        ))}
      </RadioGroup>
      <MatchKeyChoices
        legend={text.matchKeys}
        sheet={schema.sheets[props.target]}
        choices={schema.matchKeyChoices[props.target]}
        selected={matchKeys}
        onChange={edit(setMatchKeys)}
      />
      <RadioGroup
        aria-label={text.matchMode}
        value={matchMode}
        onChange={(_, d) => isMode(d.value) && edit(setMatchMode)(d.value)}
      >
        <Text as="h3" weight="semibold">
          {text.matchMode}
        </Text>
        {matchModes.map((m) => (
          <Radio key={m} value={m} label={text.matchModes[m]} />
        ))}
      </RadioGroup>
      {props.target === "customers" ? (
        <fieldset className={styles.group}>
          <legend>{text.defaultsHeading}</legend>
          {defaultFields.map((key) => (
            <Field key={key} label={text[key]}>
              <Select value={defaults[key] ?? ""} onChange={(_, d) => setDefault(key, d.value)}>
                <option value="">{text.none}</option>
                {picklistOf(schema, key).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        </fieldset>
      ) : null}
      <Field hint={text.emailMeHint}>
        <Checkbox
          label={me ? text.emailMeAt(me.email) : text.emailMe}
          checked={mailMe ?? false}
          disabled={mailMe === null}
          onChange={(_, d) => setMailMe(d.checked === true)}
        />
      </Field>
      <Field label={text.email}>
        <Input type="email" value={email} onChange={(_, d) => edit(setEmail)(d.value)} autoComplete="email" />
      </Field>
      {/* Kept in view at the pane's foot while the options above scroll: on a 1366x768 screen the
          Import button was below the fold. */}
      <div className={local.actions}>
        <Switch label={text.dryRun} checked={dryRun} onChange={(_, d) => setDryRun(d.checked)} />
        <ErrorBar error={task.error} />
        <div className={styles.row}>
          <Button appearance="primary" onClick={submit} disabled={task.busy || matchKeys.length === 0}>
            {dryRun ? text.preview : text.startImport}
          </Button>
          {task.busy ? <Spinner size="tiny" label={text.busy} /> : null}
        </div>
      </div>
      {preview ? <PreviewList rows={preview} /> : null}
    </StepFrame>
  );
}

/** The dry run's answer grouped by outcome and reason, with counts and the first rows of each. */
function PreviewList(props: { rows: PreviewRow[] }) {
  const styles = useStepStyles();
  const outcomeLabel = (o: string) => (o in text.counts ? text.counts[o as keyof typeof text.counts] : o);
  return (
    <section aria-label={text.previewHeading}>
      <Text as="h3" weight="semibold">
        {text.previewHeading}
      </Text>
      <ul className={styles.list}>
        {groupPreview(props.rows).map((g) => (
          <li key={`${g.outcome}:${g.message}`} className={styles.wrap}>
            <Text weight="semibold">{text.previewGroup(outcomeLabel(g.outcome), g.count)}</Text>
            {g.message ? <Text>{` - ${g.message}`}</Text> : null}
            <Text size={200} as="p">
              {text.previewRefs(g.refs, g.count)}
            </Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
