// Exportar: the two records the law asks the municipality to keep or publish, as CSV files the API produces.
// The API validates the dates; its Spanish complaints are shown beside the field they concern.
import {
  Button,
  Field,
  Select,
  MessageBar,
  MessageBarBody,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DateInput } from '../components/date-input';
import { monthChoices, monthLabel } from '../components/chart-data';
import { useState, type FormEvent, type ReactNode } from 'react';
import { addMonths, toLocalDate } from '../../../protocol';
import { ApiError, download, query } from '../api';
import { TIME_ZONE } from '../format';
import { useNotify } from '../notify';
import { EXPORTAR, EXPORT_CONVENIOS, EXPORT_SOLICITUDES, EXPORT_TRANSFERENCIAS } from '../textos/pagina-exportar';

const useStyles = makeStyles({
  h1: { margin: '0 0 8px' },
  section: {
    maxWidth: '760px',
    padding: '16px',
    marginBottom: '16px',
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  h2: { margin: '0 0 8px', fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  text: { display: 'block', marginBottom: '12px', color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: '12px' },
  field: { width: '190px' },
  // Aligns the button with the inputs, below their labels.
  submit: { marginTop: '26px' },
  error: { marginTop: '12px' },
});

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Failure {
  message: string;
  fields: Record<string, string>;
}

/** Runs one download and keeps its failure, split between the form's fields and the rest. */
function useDownload(fieldNames: string[]) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const run = async (path: string, fallbackName: string, done: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await download(path, fallbackName);
      notify('success', done);
    } catch (e) {
      setFailure({
        message: e instanceof Error ? e.message : EXPORTAR.downloadFailed,
        fields: e instanceof ApiError ? e.fields : {},
      });
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) =>
    failure?.fields[name]
      ? { validationState: 'error' as const, validationMessage: capitalize(failure.fields[name]) }
      : {};
  // A complaint about no field of the form (or about none at all) is shown below it.
  const general = failure && !fieldNames.some((n) => failure.fields[n]) ? failure.message : null;
  return { busy, run, fieldError, general };
}

/** One record to download: what the law asks, the form of its parameters, the button and the API's complaint. */
function ExportSection({
  id,
  title,
  explanation,
  formLabel,
  download,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  explanation: ReactNode;
  formLabel: string;
  download: ReturnType<typeof useDownload>;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const s = useStyles();
  return (
    <section className={s.section} aria-labelledby={id}>
      <h2 id={id} className={s.h2}>
        {title}
      </h2>
      <Text className={s.text}>{explanation}</Text>
      <form
        className={s.form}
        aria-label={formLabel}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <Button type="submit" appearance="primary" className={s.submit} disabled={download.busy}>
          {download.busy ? EXPORTAR.downloading : EXPORTAR.download}
        </Button>
      </form>
      {download.general ? (
        <MessageBar intent="error" className={s.error}>
          <MessageBarBody>{download.general}</MessageBarBody>
        </MessageBar>
      ) : null}
    </section>
  );
}

/** An export over a date range (both days included), from 1 January of this year to today by default. */
function DateRangeExport({
  today,
  id,
  path,
  filePrefix,
  done,
  title,
  explanation,
  formLabel,
}: {
  today: string;
  id: string;
  path: string;
  filePrefix: string;
  done: string;
  title: string;
  explanation: ReactNode;
  formLabel: string;
}) {
  const s = useStyles();
  const [desde, setDesde] = useState(`${today.slice(0, 4)}-01-01`);
  const [hasta, setHasta] = useState(today);
  const d = useDownload(['desde', 'hasta']);
  const submit = () => void d.run(`${path}${query({ desde, hasta })}`, `${filePrefix}-${desde}-${hasta}.csv`, done);
  return (
    <ExportSection id={id} title={title} explanation={explanation} formLabel={formLabel} download={d} onSubmit={submit}>
      <Field label={EXPORTAR.from} className={s.field} {...d.fieldError('desde')}>
        <DateInput value={desde} onChange={setDesde} />
      </Field>
      <Field label={EXPORTAR.to} className={s.field} {...d.fieldError('hasta')}>
        <DateInput value={hasta} onChange={setHasta} />
      </Field>
    </ExportSection>
  );
}

function RequestLog({ today }: { today: string }) {
  return (
    <DateRangeExport
      today={today}
      id="exp-solicitudes"
      path="/api/v1/exportaciones/solicitudes.csv"
      filePrefix="registro-solicitudes"
      done={EXPORT_SOLICITUDES.done}
      title={EXPORT_SOLICITUDES.title}
      explanation={EXPORT_SOLICITUDES.explanation}
      formLabel={EXPORT_SOLICITUDES.formLabel}
    />
  );
}

function ConvenioList({ today }: { today: string }) {
  const s = useStyles();
  const [mes, setMes] = useState(addMonths(today, -1).slice(0, 7));
  const d = useDownload(['mes']);
  const submit = () =>
    void d.run(`/api/v1/exportaciones/convenios.csv${query({ mes })}`, `convenios-${mes}.csv`, EXPORT_CONVENIOS.done);
  return (
    <ExportSection
      id="exp-convenios"
      title={EXPORT_CONVENIOS.title}
      explanation={EXPORT_CONVENIOS.explanation}
      formLabel={EXPORT_CONVENIOS.formLabel}
      download={d}
      onSubmit={submit}
    >
      <Field label={EXPORTAR.month} className={s.field} {...d.fieldError('mes')}>
        <Select value={mes} onChange={(_, v) => setMes(v.value)}>
          {monthChoices(today.slice(0, 7), 36).map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
            </option>
          ))}
        </Select>
      </Field>
    </ExportSection>
  );
}

function TransferLog({ today }: { today: string }) {
  return (
    <DateRangeExport
      today={today}
      id="exp-transferencias"
      path="/api/v1/exportaciones/transferencias.csv"
      filePrefix="transferencias"
      done={EXPORT_TRANSFERENCIAS.done}
      title={EXPORT_TRANSFERENCIAS.title}
      explanation={EXPORT_TRANSFERENCIAS.explanation}
      formLabel={EXPORT_TRANSFERENCIAS.formLabel}
    />
  );
}

export default function Exportar() {
  const s = useStyles();
  const [today] = useState(() => toLocalDate(new Date(), TIME_ZONE));
  return (
    <>
      <Title2 as="h1" className={s.h1}>
        {EXPORTAR.title}
      </Title2>
      <Text as="p" className={s.text}>
        {EXPORTAR.intro}
      </Text>
      <RequestLog today={today} />
      <ConvenioList today={today} />
      <TransferLog today={today} />
    </>
  );
}
