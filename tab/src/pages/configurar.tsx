// Configuration of the channel (or group chat) tab: Teams shows this page (configurableTabs[0].configurationUrl in
// the manifest) when someone adds the app as a tab, and again from "Configuración" when canUpdateConfiguration allows
// it. The person picks what the tab shows; Save stores it with pages.config.setConfig. It needs no session: nothing
// here calls the API. Outside Teams it only says what it is for.
import {
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { pages } from '@microsoft/teams-js';
import { useEffect, useRef, useState } from 'react';
import type { Host } from '../host';
import { PAGE_PATHS } from '../router';
import { CHANNEL_VIEW_TEXTS, CONFIGURAR } from '../textos/pagina-configurar';

/** What a channel tab can show. The entityIds differ from the personal "tablero" tab, the one deep links open. */
export const CHANNEL_VIEWS = [
  {
    id: 'tablero',
    entityId: 'canal-tablero',
    path: PAGE_PATHS.tablero,
    ...CHANNEL_VIEW_TEXTS.tablero,
  },
  {
    id: 'lista',
    entityId: 'canal-lista',
    path: PAGE_PATHS.lista,
    ...CHANNEL_VIEW_TEXTS.lista,
  },
] as const;

type ViewId = (typeof CHANNEL_VIEWS)[number]['id'];
const viewOf = (id: ViewId) => CHANNEL_VIEWS.find((v) => v.id === id)!;

const SAVE_FAILED = CONFIGURAR.saveFailed;

const useStyles = makeStyles({
  page: { padding: '16px 20px', maxWidth: '640px' },
  h1: { margin: '0 0 8px' },
  intro: { display: 'block', marginBottom: '16px', color: tokens.colorNeutralForeground2 },
  hint: { display: 'block', marginLeft: '32px', marginTop: '-4px', color: tokens.colorNeutralForeground3 },
  error: { marginTop: '16px' },
});

export default function Configurar({ host }: { host: Host }) {
  const s = useStyles();
  const inTeams = host.inTeams && pages.config.isSupported();
  const [choice, setChoice] = useState<ViewId>('tablero');
  const [error, setError] = useState<string>();
  // The save handler is registered once; it reads the choice of the moment from here.
  const chosen = useRef<ViewId>(choice);
  useEffect(() => {
    chosen.current = choice;
    if (inTeams) pages.config.setValidityState(true);
  }, [choice, inTeams]);

  useEffect(() => {
    if (!inTeams) return;
    // Changing an existing tab: start from what it shows now.
    pages
      .getConfig()
      .then((c) => {
        const current = CHANNEL_VIEWS.find((v) => v.entityId === c.entityId);
        if (current) setChoice(current.id);
      })
      .catch(() => undefined);
    pages.config.registerOnSaveHandler((save) => {
      const view = viewOf(chosen.current);
      const url = `${location.origin}${view.path}`;
      pages.config
        .setConfig({
          entityId: view.entityId,
          contentUrl: url,
          websiteUrl: url,
          suggestedDisplayName: view.displayName,
        })
        .then(() => save.notifySuccess())
        .catch(() => {
          setError(SAVE_FAILED);
          save.notifyFailure(SAVE_FAILED);
        });
    });
  }, [inTeams]);

  if (!inTeams)
    return (
      <div className={s.page}>
        <Title2 as="h1" className={s.h1}>
          {CONFIGURAR.outsideTitle}
        </Title2>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{CONFIGURAR.outsideHeading}</MessageBarTitle>
            {CONFIGURAR.outsideBody} <a href={PAGE_PATHS.tablero}>{CONFIGURAR.outsideLink}</a>.
          </MessageBarBody>
        </MessageBar>
      </div>
    );

  return (
    <div className={s.page}>
      <Title2 as="h1" className={s.h1}>
        {CONFIGURAR.title}
      </Title2>
      <Text className={s.intro}>{CONFIGURAR.intro}</Text>
      <Field label={CONFIGURAR.question} required>
        <RadioGroup value={choice} onChange={(_, d) => setChoice(d.value as ViewId)}>
          {CHANNEL_VIEWS.map((v) => (
            <div key={v.id}>
              <Radio value={v.id} label={v.label} aria-describedby={`ayuda-${v.id}`} />
              <Text id={`ayuda-${v.id}`} size={200} className={s.hint}>
                {v.hint}
              </Text>
            </div>
          ))}
        </RadioGroup>
      </Field>
      {error ? (
        <MessageBar intent="error" className={s.error}>
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
