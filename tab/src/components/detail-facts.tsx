// The building blocks of the detail's sections: a titled section and a list of facts (label → value) where empty
// values are left out and hidden ones (sensitive data the reader is not entitled to) say so instead.
import { Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { FACTS } from '../textos/detalle';

const useStyles = makeStyles({
  section: {
    padding: '12px 16px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  title: { display: 'block', margin: '0 0 8px' },
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(140px, max-content) 1fr',
    gap: '6px 16px',
    margin: 0,
    '@media (max-width: 600px)': { gridTemplateColumns: '1fr' },
  },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  reserved: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  sub: {
    marginTop: '12px',
    paddingTop: '8px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const s = useStyles();
  const headingId = `sec-${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={s.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={s.title}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}

/** A sub-heading inside a section (one dataset of several, one legal review…). */
export function Sub({ title, children }: { title: string; children: ReactNode }) {
  const s = useStyles();
  return (
    <div className={s.sub}>
      <Subtitle2 as="h3" className={s.title} style={{ fontSize: tokens.fontSizeBase300 }}>
        {title}
      </Subtitle2>
      {children}
    </div>
  );
}

/** `hidden` true shows the reserved notice whatever the value. */
export type Fact = [label: string, value: ReactNode, hidden?: boolean];

export function Facts({ facts }: { facts: Fact[] }) {
  const s = useStyles();
  const shown = facts.filter(([, v, hidden]) => hidden || (v !== undefined && v !== null && v !== '' && v !== false));
  if (shown.length === 0) return null;
  return (
    <dl className={s.list}>
      {shown.map(([label, value, hidden]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt className={s.term}>{label}</dt>
          <dd className={s.value}>{hidden ? <span className={s.reserved}>{FACTS.reserved}</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Whether `path` (e.g. "dataset.fields", "datasets.fields") is among the hidden paths the API listed. */
export const hiddenIn =
  (hidden: readonly string[]) =>
  (path: string): boolean =>
    hidden.some((h) => h.replace(/\.\d+(?=\.|$)/g, '') === path);
