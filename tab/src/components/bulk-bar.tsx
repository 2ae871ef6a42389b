// The UGDT works in bulk (issue 14 §8): the requests ticked in Lista or Tablero, a bar that stays in view with what
// may be done to all of them, a dialog for the parameters that names how many it will touch, and the outcome of each
// one. The service decides and records each request on its own (POST /api/v1/solicitudes/lote); what it refused
// stays ticked, listed by reference with its reason.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SOLICITUD_TRANSITIONS, bulkVerbsOf, type BulkAnswer, type BulkVerb, type ItemKind } from '../../../protocol';
import { ApiError, postJson } from '../api';
import { useNotify } from '../notify';
import { Link, detailPath } from '../router';
import { useSession } from '../session';
import { STATUS } from '../textos/comun';
import { BULK } from '../textos/registro';
import { BulkForm, EMPTY_DRAFT, commandOf, useBulkCheck, type BulkDraft } from './bulk-form';
import { focusFirstInvalid } from './form-kit';
import { useUnits } from './register-units';

const useStyles = makeStyles({
  bar: {
    position: 'sticky',
    top: 0,
    zIndex: 3,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '8px',
    padding: '8px 12px',
    margin: '0 0 8px',
    backgroundColor: tokens.colorNeutralBackground2,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    minWidth: 0,
  },
  count: { fontWeight: tokens.fontWeightSemibold, marginRight: '4px' },
  muted: { color: tokens.colorNeutralForeground2 },
  verbs: { display: 'flex', flexWrap: 'wrap', gap: '8px', minWidth: 0 },
  surface: { maxWidth: 'min(560px, calc(100vw - 24px))' },
  refs: {
    display: 'block',
    margin: '8px 0 0',
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  form: { display: 'grid', gap: '12px', minWidth: 0 },
  result: { marginBottom: '8px' },
  failures: { margin: '4px 0 0', paddingLeft: '20px', overflowWrap: 'anywhere' },
  ref: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
});

/** Ticking rows or cards for a batch: which are ticked, and how to tick one (keep `toggle` stable). */
export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle: (reference: string, on: boolean) => void;
}

/** The references ticked on a page: kept across reloads of the page's rows, dropped when its query changes. */
/**
 * The protocol's refusal names the request («… en estado «Entregada» (SOL-2026-0004).»), which the row already
 * names as its link: said once is enough.
 */
const withoutReference = (message: string, reference: string): string => message.replace(` (${reference})`, '');

export function useBulkSelection(resetKey: string) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setSelected(new Set()), [resetKey]);
  const toggle = useCallback(
    (ref: string, on: boolean) =>
      setSelected((s) => {
        if (s.has(ref) === on) return s;
        const next = new Set(s);
        if (on) next.add(ref);
        else next.delete(ref);
        return next;
      }),
    [],
  );
  const add = useCallback((refs: string[]) => setSelected((s) => new Set([...s, ...refs])), []);
  return { selected, toggle, add, set: setSelected };
}

/**
 * A page's batch work (Lista, Tablero): the verbs the protocol lets this person issue on any request (the UGDT's), on
 * solicitudes only; the ticked references; the bar and the last batch's result. `resetKey` is the page's query (a
 * new one drops the ticks and the result), `overdue` what «Seleccionar vencidas» ticks, `reload` refreshes the rows.
 */
export function useBulkWork(kind: ItemKind, resetKey: string, overdue: string[], reload: () => void) {
  const { actor } = useSession();
  const verbs = useMemo(() => (kind === 'solicitud' && actor ? bulkVerbsOf(actor) : []), [actor, kind]);
  const pick = useBulkSelection(resetKey);
  const [outcome, setOutcome] = useState<{ answer: BulkAnswer; label: string } | null>(null);
  useEffect(() => setOutcome(null), [resetKey]);
  const done = (answer: BulkAnswer, label: string) => {
    setOutcome({ answer, label });
    // What was refused stays ticked, to try another way; the rows show what changed.
    pick.set(new Set(answer.resultados.filter((r) => !r.ok).map((r) => r.referencia)));
    reload();
  };
  const selection: RowSelection | undefined = verbs.length
    ? { selected: pick.selected, toggle: pick.toggle }
    : undefined;
  const controls = (
    <>
      {verbs.length ? (
        <BulkBar
          verbs={verbs}
          selected={[...pick.selected]}
          overdue={overdue.length}
          onSelectOverdue={() => pick.add(overdue)}
          onClear={() => pick.set(new Set())}
          onDone={done}
        />
      ) : null}
      {outcome ? <BulkResult answer={outcome.answer} label={outcome.label} onClose={() => setOutcome(null)} /> : null}
    </>
  );
  return { selection, controls };
}

/** What the last batch did, for the panel above the rows. */
export function BulkResult({ answer, label, onClose }: { answer: BulkAnswer; label: string; onClose: () => void }) {
  const s = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  // Announced and in view: the reader learns at once what was done and what was not.
  useEffect(() => ref.current?.focus(), [answer]);
  const failed = answer.resultados.flatMap((r) => (r.ok ? [] : [r]));
  return (
    <div ref={ref} tabIndex={-1} className={s.result} data-testid="lote-resultado" aria-live="polite">
      <MessageBar intent={failed.length ? 'warning' : 'success'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{BULK.result(label, answer.hechas, failed.length)}</MessageBarTitle>
          {failed.length ? (
            <ul className={s.failures} aria-label={BULK.failures}>
              {failed.map((r) => (
                <li key={r.referencia} data-ref={r.referencia}>
                  <Link to={detailPath('solicitud', r.referencia)} className={s.ref}>
                    {r.referencia}
                  </Link>
                  : {withoutReference(r.mensaje, r.referencia)}
                </li>
              ))}
            </ul>
          ) : null}
        </MessageBarBody>
        <Button size="small" onClick={onClose}>
          {BULK.closeResult}
        </Button>
      </MessageBar>
    </div>
  );
}

/** The dialog of one verb: its parameters, the count it will touch, and the service's refusal of the whole batch. */
function BulkDialog({
  verb,
  selected,
  onClose,
  onDone,
}: {
  verb: BulkVerb;
  selected: string[];
  onClose: () => void;
  onDone: (answer: BulkAnswer, label: string) => void;
}) {
  const s = useStyles();
  const notify = useNotify();
  const { info } = useSession();
  const units = useUnits();
  const [draft, setDraft] = useState<BulkDraft>(EMPTY_DRAFT);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { check, min } = useBulkCheck(verb, draft, info.timeZone);
  const label = SOLICITUD_TRANSITIONS[verb].label;
  const action = BULK.action(label, selected.length);

  const submit = async () => {
    if (sending) return;
    if (!check.submit()) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setSending(true);
    setFailure(null);
    try {
      const answer = await postJson<BulkAnswer>('/api/v1/solicitudes/lote', {
        referencias: selected,
        comando: commandOf(verb, draft),
      });
      onDone(answer, label);
      if (answer.fallidas === 0) notify('success', BULK.doneToast(label, answer.hechas));
    } catch (e) {
      setSending(false);
      if (e instanceof ApiError) {
        // The command's own fields come back as «comando.reason»: shown under the same inputs.
        check.setServer(Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k.replace(/^comando\./, ''), m])));
        setFailure(e.message);
      } else setFailure(BULK.sendFailed);
    }
  };

  return (
    <Dialog open onOpenChange={(_e, d) => (d.open || sending ? undefined : onClose())}>
      <DialogSurface className={s.surface} aria-label={action}>
        <form
          ref={formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{action}</DialogTitle>
            <DialogContent className={s.form}>
              <BulkForm verb={verb} draft={draft} onChange={setDraft} check={check} min={min} units={units} />
              <Text>
                {BULK.appliesTo(selected.length)}
                <span className={s.refs}>{selected.join(', ')}</span>
              </Text>
              {failure ? (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{failure}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" disabled={sending} onClick={onClose}>
                {BULK.cancel}
              </Button>
              <Button
                appearance="primary"
                type="submit"
                disabled={sending}
                icon={sending ? <Spinner size="tiny" aria-label={STATUS.sending} /> : undefined}
              >
                {action}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * The bar: «Seleccionar vencidas», then, with something ticked, «N seleccionadas» and the verbs of the batch. Each
 * verb opens its dialog; `onDone` gets the service's answer (the page reloads its rows and keeps the failures ticked).
 */
export function BulkBar({
  verbs,
  selected,
  overdue,
  onSelectOverdue,
  onClear,
  onDone,
}: {
  verbs: BulkVerb[];
  selected: string[];
  /** How many overdue requests the page shows (what «Seleccionar vencidas» would tick). */
  overdue: number;
  onSelectOverdue: () => void;
  onClear: () => void;
  onDone: (answer: BulkAnswer, label: string) => void;
}) {
  const s = useStyles();
  const [verb, setVerb] = useState<BulkVerb | null>(null);
  const n = selected.length;
  return (
    <div className={s.bar} role="toolbar" aria-label={BULK.bar} data-testid="lote-barra">
      {n ? (
        <Text className={s.count} role="status">
          {BULK.selected(n)}
        </Text>
      ) : (
        <Text className={s.muted}>{BULK.hint}</Text>
      )}
      {n ? (
        <span className={s.verbs}>
          {verbs.map((v) => (
            <Button key={v} appearance={v === 'recordar' ? 'primary' : 'secondary'} onClick={() => setVerb(v)}>
              {BULK.verb(SOLICITUD_TRANSITIONS[v].label)}
            </Button>
          ))}
        </span>
      ) : null}
      <span className={s.verbs}>
        <Button appearance="subtle" size="small" disabled={overdue === 0} onClick={onSelectOverdue}>
          {BULK.selectOverdue(overdue)}
        </Button>
        {n ? (
          <Button appearance="subtle" size="small" onClick={onClear}>
            {BULK.clear}
          </Button>
        ) : null}
      </span>
      {verb ? (
        <BulkDialog
          verb={verb}
          selected={selected}
          onClose={() => setVerb(null)}
          onDone={(answer, label) => {
            setVerb(null);
            onDone(answer, label);
          }}
        />
      ) : null}
    </div>
  );
}
