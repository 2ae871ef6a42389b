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

/** What a channel tab can show. The entityIds differ from the personal "tablero" tab, the one deep links open. */
export const CHANNEL_VIEWS = [
  {
    id: 'tablero',
    entityId: 'canal-tablero',
    path: PAGE_PATHS.tablero,
    label: 'Tablero',
    hint: 'Solicitudes y convenios en columnas por estado, con quién debe actuar y los días hábiles que quedan.',
    displayName: 'Intercambio de Datos: Tablero',
  },
  {
    id: 'lista',
    entityId: 'canal-lista',
    path: PAGE_PATHS.lista,
    label: 'Lista',
    hint: 'El registro completo, con filtros, búsqueda y orden.',
    displayName: 'Intercambio de Datos: Lista',
  },
] as const;

type ViewId = (typeof CHANNEL_VIEWS)[number]['id'];
const viewOf = (id: ViewId) => CHANNEL_VIEWS.find((v) => v.id === id)!;

const SAVE_FAILED = 'No se pudo guardar la pestaña. Intente de nuevo en unos minutos.';

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
          Configurar la pestaña de Intercambio de Datos
        </Title2>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Esta página se usa dentro de Microsoft Teams</MessageBarTitle>
            Teams la muestra al agregar Intercambio de Datos como pestaña de un canal o de un chat grupal, para elegir
            si la pestaña muestra el tablero o la lista. Para usar la aplicación en el navegador, abra el{' '}
            <a href={PAGE_PATHS.tablero}>tablero</a>.
          </MessageBarBody>
        </MessageBar>
      </div>
    );

  return (
    <div className={s.page}>
      <Title2 as="h1" className={s.h1}>
        Pestaña de Intercambio de Datos
      </Title2>
      <Text className={s.intro}>
        Cada persona verá en la pestaña solo lo que puede ver según su unidad y sus roles. Presione Guardar para
        agregarla.
      </Text>
      <Field label="¿Qué muestra la pestaña?" required>
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
