// Mis pendientes: what waits for the caller (or their unit), solicitudes and convenios apart, the soonest deadline
// first, each with what has to be done and the working days left.
import { Button, Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { ItemKind, RegisterRow } from '../../../protocol';
import { BoardCard } from '../components/board-card';
import { KIND_LABELS } from '../components/register-kind';
import { EmptyState, ErrorBox, Loading } from '../components/status';
import { useFetch } from '../components/use-fetch';

const useStyles = makeStyles({
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 24px', marginBottom: '4px' },
  h1: { margin: 0 },
  spacer: { flexGrow: 1 },
  intro: { display: 'block', marginBottom: '16px', color: tokens.colorNeutralForeground2 },
  h2: { margin: '16px 0 8px', fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
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

export default function Pendientes() {
  const s = useStyles();
  const pending = useFetch<{ items: RegisterRow[] }>('/api/v1/pendientes');
  const items = pending.data?.items ?? [];
  const overdue = items.filter((r) => r.overdue).length;

  return (
    <>
      <div className={s.top}>
        <Title2 as="h1" className={s.h1}>
          Mis pendientes
        </Title2>
        <span className={s.spacer} />
        <Button size="small" onClick={pending.reload}>
          Actualizar
        </Button>
      </div>
      <Text className={s.intro}>
        Trámites que esperan una acción suya o de su unidad, primero los de plazo más próximo.
        {items.length ? ` ${items.length} en total${overdue ? `, ${overdue} con plazo vencido` : ''}.` : null}
      </Text>
      {pending.error ? (
        <ErrorBox message={pending.error.message} retry={pending.reload} />
      ) : !pending.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState>No tiene trámites pendientes.</EmptyState>
      ) : (
        KINDS.map((kind) => {
          const group = items.filter((r) => r.kind === kind).sort(byDeadline);
          if (!group.length) return null;
          return (
            <section key={kind} aria-labelledby={`pend-${kind}`}>
              <h2 id={`pend-${kind}`} className={s.h2}>
                {KIND_LABELS[kind]} ({group.length})
              </h2>
              <ul className={s.cards}>
                {group.map((r) => (
                  <BoardCard key={r.id} row={r} showState />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </>
  );
}
