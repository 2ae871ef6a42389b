// The item's card as each role sees it in chat. The caller's own card is live (its buttons act, as in Teams); the
// others are shown read-only, one tab per role ("Así lo ve: …"), so anyone can check what the other side is asked.
import { Caption1, Spinner, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CardView } from '../../../protocol';
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

  if (error) return <ErrorBox title="No se pudieron cargar las tarjetas" message={error} retry={retry} />;
  if (!views && loading) return <Loading label="Cargando las tarjetas…" />;
  if (!views) return null;
  return (
    <>
      <Section title="Su tarjeta en el chat" id="tarjeta-propia">
        {mine ? (
          <div className={s.own} data-testid="tarjeta-propia" aria-busy={busy}>
            <Caption1 className={s.note}>
              Así la ve usted en Teams ({mine.label}). Sus botones actúan igual que en el chat.
            </Caption1>
            <AdaptiveCardView
              card={mine.card}
              interactive
              onAction={onAction}
              onOpenUrl={onOpenUrl}
              label={`Su tarjeta: ${mine.label}`}
            />
            {busy ? (
              <div className={s.busy}>
                <Spinner label="Enviando…" />
              </div>
            ) : null}
          </div>
        ) : (
          <p style={{ margin: 0 }}>Usted no recibe una tarjeta de este registro en el chat.</p>
        )}
      </Section>
      {others.length ? (
        <Section title="Cómo la ven los demás" id="otras-tarjetas">
          <div className={s.tabs} role="group" aria-label="Elegir de quién es la tarjeta">
            {others.map((v) => (
              <ToggleButton
                key={v.label}
                size="small"
                appearance={v === shown ? 'primary' : 'secondary'}
                checked={v === shown}
                onClick={() => setChosen(v.label)}
              >
                Así lo ve: {v.label}
              </ToggleButton>
            ))}
          </div>
          {shown ? (
            <div role="region" aria-label={`Así lo ve: ${shown.label}`}>
              <Caption1 className={s.note}>Vista de solo lectura.</Caption1>
              <AdaptiveCardView
                key={shown.label}
                card={shown.card}
                interactive={false}
                onOpenUrl={onOpenUrl}
                label={`Tarjeta de ${shown.label}`}
              />
            </div>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}
