// The item's card as each role sees it in chat. The caller's own card is live (its buttons act, as in Teams); the
// others are shown read-only, one tab per role ("Así lo ve: …"), so anyone can check what the other side is asked.
import { Caption1, Spinner, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CardView } from '../../../protocol';
import { CARDS } from '../textos/detalle';
import { AdaptiveCardView, type CardActionEvent } from './detail-adaptive-card';
import { Section } from './detail-facts';
import { ErrorBox, Loading } from './status';

const useStyles = makeStyles({
  own: { position: 'relative' },
  busy: {
    position: 'absolute',
    inset: 0,
    display: 'grid',
    placeItems: 'center',
    backgroundColor: tokens.colorBackgroundOverlay,
    borderRadius: tokens.borderRadiusLarge,
  },
  note: { display: 'block', color: tokens.colorNeutralForeground2, margin: '4px 0 8px' },
  tabs: { display: 'flex', flexWrap: 'wrap', gap: '6px', marginBottom: '8px' },
});

export function CardViews({
  views,
  loading,
  error,
  retry,
  busy,
  onAction,
  onOpenUrl,
}: {
  views: CardView[] | undefined;
  loading: boolean;
  error: string | undefined;
  retry: () => void;
  busy: boolean;
  onAction: (e: CardActionEvent) => void;
  onOpenUrl: (url: string) => void;
}) {
  const s = useStyles();
  const mine = views?.find((v) => v.mine);
  const others = views?.filter((v) => !v.mine) ?? [];
  const [chosen, setChosen] = useState<string | undefined>();
  const shown = others.find((v) => v.label === chosen) ?? others[0];

  if (error) return <ErrorBox title={CARDS.loadFailed} message={error} retry={retry} />;
  if (!views && loading) return <Loading label={CARDS.loading} />;
  if (!views) return null;
  return (
    <>
      <Section title={CARDS.ownTitle} id="tarjeta-propia">
        {mine ? (
          <div className={s.own} data-testid="tarjeta-propia" aria-busy={busy}>
            <Caption1 className={s.note}>{CARDS.ownNote(mine.label)}</Caption1>
            <AdaptiveCardView
              card={mine.card}
              interactive
              onAction={onAction}
              onOpenUrl={onOpenUrl}
              label={CARDS.ownLabel(mine.label)}
            />
            {busy ? (
              <div className={s.busy}>
                <Spinner label={CARDS.sending} />
              </div>
            ) : null}
          </div>
        ) : (
          <p style={{ margin: 0 }}>{CARDS.noCard}</p>
        )}
      </Section>
      {others.length ? (
        <Section title={CARDS.othersTitle} id="otras-tarjetas">
          <div className={s.tabs} role="group" aria-label={CARDS.chooser}>
            {others.map((v) => (
              <ToggleButton
                key={v.label}
                size="small"
                appearance={v === shown ? 'primary' : 'secondary'}
                checked={v === shown}
                onClick={() => setChosen(v.label)}
              >
                {CARDS.seenBy(v.label)}
              </ToggleButton>
            ))}
          </div>
          {shown ? (
            <div role="region" aria-label={CARDS.seenBy(shown.label)}>
              <Caption1 className={s.note}>{CARDS.readOnly}</Caption1>
              <AdaptiveCardView
                key={shown.label}
                card={shown.card}
                interactive={false}
                onOpenUrl={onOpenUrl}
                label={CARDS.cardOf(shown.label)}
              />
            </div>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}
