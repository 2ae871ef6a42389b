// The item's history from the audit log: who acted (and for whom, during a subrogancia), when, what, the state it
// moved from and to, and the words that came with it (reasons, notes, comments).
import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Item, TimelineEntry, Unit } from '../../../protocol';
import { fechaHora } from '../format';
import { TIMELINE, commandWords, payloadFacts, stateWords } from '../textos/detalle';
import { Section } from './detail-facts';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  entry: {
    position: 'relative',
    padding: '0 0 14px 20px',
    borderLeft: `2px solid ${tokens.colorNeutralStroke2}`,
    marginLeft: '6px',
    ':last-child': { borderLeftColor: 'transparent' },
    '::before': {
      content: '""',
      position: 'absolute',
      left: '-7px',
      top: '2px',
      width: '12px',
      height: '12px',
      borderRadius: '50%',
      backgroundColor: tokens.colorBrandBackground,
    },
  },
  what: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2, display: 'block' },
  facts: { margin: '4px 0 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  label: { color: tokens.colorNeutralForeground2 },
});

export function Timeline({ item, entries, units }: { item: Item; entries: TimelineEntry[]; units?: Unit[] }) {
  const s = useStyles();
  return (
    <Section title={TIMELINE.title} id="linea-de-tiempo">
      <ol className={s.list} data-testid="linea-de-tiempo">
        {entries.map((e) => {
          const moved = e.from !== null && e.from !== e.to;
          const facts = payloadFacts(item, e.payload ?? {}, units);
          return (
            <li key={e.seq} className={s.entry}>
              <Text className={s.what}>{commandWords(item.kind, e.command)}</Text>
              {moved ? (
                <Text>
                  {' '}
                  · {stateWords(item.kind, e.from!)} → {stateWords(item.kind, e.to)}
                </Text>
              ) : e.from === null ? (
                <Text> · {stateWords(item.kind, e.to)}</Text>
              ) : null}
              <Caption1 className={s.meta}>
                <time dateTime={e.at}>{fechaHora(e.at)}</time> · {e.actor.name}
                {e.onBehalfOf && e.onBehalfOf.personId !== e.actor.personId
                  ? TIMELINE.onBehalfOf(e.onBehalfOf.name)
                  : ''}
              </Caption1>
              {facts.length ? (
                // Plain lines, not a nested list: the timeline keeps exactly one <li> per event.
                <div className={s.facts}>
                  {facts.map(([label, value]) => (
                    <div key={label}>
                      <span className={s.label}>{label}:</span> {value}
                    </div>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </Section>
  );
}
