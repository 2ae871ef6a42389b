// Mis pendientes: what waits for the caller (or their unit), then what they follow while it waits for someone else;
// solicitudes and convenios apart, the soonest deadline first, each with what has to be done and the days left.
import { Button, Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ItemKind, RegisterRow, YourTurnRow } from '../../../protocol';
import { postJson } from '../api';
import { BoardCard } from '../components/board-card';
import { useNotify } from '../notify';
import { detailPath, useRouter } from '../router';
import { KIND_LABELS } from '../components/register-kind';
import { EmptyState, ErrorBox, Loading } from '../components/status';
import { useFetch } from '../components/use-fetch';
import { INLINE_STEP, PENDIENTES } from '../textos/pagina-pendientes';

const useStyles = makeStyles({
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 24px', marginBottom: '4px' },
  h1: { margin: 0 },
  spacer: { flexGrow: 1 },
  intro: { display: 'block', marginBottom: '16px', color: tokens.colorNeutralForeground2 },
  h2: { margin: '16px 0 4px', fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: '12px 0 8px', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
    gap: '12px',
    margin: 0,
    padding: 0,
  },
});

/** Soonest running deadline first (overdue ones lead); those with none last, oldest first. */
function byDeadline(a: RegisterRow, b: RegisterRow): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return a.dueAt < b.dueAt ? -1 : 1;
  }
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

const KINDS: ItemKind[] = ['solicitud', 'convenio'];

const segmentOf = (kind: ItemKind) => (kind === 'solicitud' ? 'solicitudes' : 'convenios');

/**
 * The step a «Le toca a usted» card offers (issue 14 §7): one that needs nothing typed is done here with a click (the
 * same command and version check as the detail); one with a form opens the detail with that form.
 */
function InlineStep({ row, onDone }: { row: YourTurnRow; onDone: () => void }) {
  const notify = useNotify();
  const { navigate } = useRouter();
  const [busy, setBusy] = useState(false);
  const next = row.next;
  if (!next) return null;
  if (!next.direct)
    return (
      <Button
        appearance="primary"
        size="small"
        onClick={() => navigate(`${detailPath(row.kind, row.reference)}?paso=${encodeURIComponent(next.verb)}`)}
      >
        {INLINE_STEP.opensForm(next.label)}
      </Button>
    );
  const run = async () => {
    setBusy(true);
    try {
      await postJson(`/api/v1/${segmentOf(row.kind)}/${encodeURIComponent(row.reference)}/comandos`, {
        type: next.verb,
        expectedVersion: row.version,
      });
      notify('success', INLINE_STEP.doneTitle(row.reference, next.label), INLINE_STEP.doneBody);
      onDone();
    } catch (e) {
      notify('error', INLINE_STEP.failed(row.reference, next.label), e instanceof Error ? e.message : undefined);
      onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button appearance="primary" size="small" disabled={busy} onClick={() => void run()}>
      {busy ? INLINE_STEP.sending : next.label}
    </Button>
  );
}

/** One list of cards, solicitudes and convenios apart, the soonest deadline first. */
function Groups({ rows, id, onDone }: { rows: (RegisterRow | YourTurnRow)[]; id: string; onDone?: () => void }) {
  const s = useStyles();
  return (
    <>
      {KINDS.map((kind) => {
        const group = rows.filter((r) => r.kind === kind).sort(byDeadline);
        if (!group.length) return null;
        return (
          <section key={kind} aria-labelledby={`${id}-${kind}`}>
            <h3 id={`${id}-${kind}`} className={s.h3}>
              {KIND_LABELS[kind]} ({group.length})
            </h3>
            <ul className={s.cards}>
              {group.map((r) => (
                <BoardCard
                  key={r.id}
                  row={r}
                  showState
                  {...('task' in r
                    ? { turn: { task: r.task, action: <InlineStep row={r} onDone={onDone ?? (() => undefined)} /> } }
                    : {})}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

/**
 * Mis pendientes (issue 14 §7): «Le toca a usted» — what waits for the caller or their unit — apart from «En
 * seguimiento», what they started or take part in while it waits for someone else.
 */
export default function Pendientes() {
  const s = useStyles();
  const pending = useFetch<{ items: YourTurnRow[]; following?: RegisterRow[] }>('/api/v1/pendientes');
  const items = pending.data?.items ?? [];
  const following = pending.data?.following ?? [];
  const overdue = items.filter((r) => r.overdue).length;

  return (
    <>
      <div className={s.top}>
        <Title2 as="h1" className={s.h1}>
          {PENDIENTES.title}
        </Title2>
        <span className={s.spacer} />
        <Button size="small" onClick={pending.reload}>
          {PENDIENTES.refresh}
        </Button>
      </div>
      {pending.error ? (
        <ErrorBox message={pending.error.message} retry={pending.reload} />
      ) : !pending.data ? (
        <Loading />
      ) : (
        <>
          <section aria-labelledby="le-toca">
            <h2 id="le-toca" className={s.h2}>
              {PENDIENTES.counted(PENDIENTES.yourTurn, items.length)}
            </h2>
            <Text className={s.intro}>
              {PENDIENTES.yourTurnIntro}
              {overdue ? PENDIENTES.overdue(overdue) : ''}
            </Text>
            {items.length === 0 ? (
              <EmptyState>{PENDIENTES.nothingPending}</EmptyState>
            ) : (
              <Groups rows={items} id="pend" onDone={pending.reload} />
            )}
          </section>
          <section aria-labelledby="en-seguimiento">
            <h2 id="en-seguimiento" className={s.h2}>
              {PENDIENTES.counted(PENDIENTES.following, following.length)}
            </h2>
            <Text className={s.intro}>{PENDIENTES.followingIntro}</Text>
            {following.length === 0 ? (
              <EmptyState>{PENDIENTES.nothingFollowed}</EmptyState>
            ) : (
              <Groups rows={following} id="sigue" />
            )}
          </section>
        </>
      )}
    </>
  );
}
