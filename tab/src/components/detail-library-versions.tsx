// The versions the document library keeps of one file, each matched with the version the convenio recorded. A
// version nobody recorded is a column update or an edit made in SharePoint: the DAJ and the signers see at a glance
// that what they review is the recorded version. With a tenant the service asks SharePoint in the user's own name.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { DocumentRow } from '../../../protocol';
import { shortHash } from '../../../protocol';
import { getJson } from '../api';
import { fechaHora } from '../format';
import { LOAD_ERRORS } from '../textos/comun';
import { LIBRARY } from '../textos/detalle-documentos';
import { ErrorBox, Loading } from './status';

interface LibraryVersion {
  versionId: string;
  size: number;
  modifiedAt: string;
  recorded: { version: number; sha256: string } | null;
}

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground3 },
});

const kb = (bytes: number) => LIBRARY.size(Math.max(1, Math.round(bytes / 1024)).toLocaleString('es-CL'));

export function LibraryVersions({
  reference,
  kind,
  label,
}: {
  reference: string;
  kind: DocumentRow['kind'];
  label: string;
}) {
  const s = useStyles();
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'loading' }
    | { status: 'error'; message: string }
    | { status: 'done'; versions: LibraryVersion[] }
  >({ status: 'idle' });

  const load = async () => {
    setState({ status: 'loading' });
    try {
      const r = await getJson<{ versions: LibraryVersion[] }>(
        `/api/v1/convenios/${encodeURIComponent(reference)}/documentos/${kind}/versiones`,
      );
      setState({ status: 'done', versions: r.versions });
    } catch (e) {
      setState({ status: 'error', message: e instanceof Error ? e.message : LOAD_ERRORS.unknown });
    }
  };

  if (state.status === 'idle' || state.status === 'error')
    return (
      <div data-testid={`versiones-biblioteca-${kind}`}>
        <Button size="small" appearance="subtle" onClick={() => void load()}>
          {LIBRARY.show(label)}
        </Button>
        {state.status === 'error' ? <ErrorBox title={LIBRARY.loadFailed} message={state.message} retry={load} /> : null}
      </div>
    );
  if (state.status === 'loading') return <Loading label={LIBRARY.loading} />;
  return (
    <div data-testid={`versiones-biblioteca-${kind}`}>
      <strong>{LIBRARY.title(label)}</strong>
      {state.versions.length === 0 ? (
        <p className={s.muted}>{LIBRARY.empty}</p>
      ) : (
        <ul className={s.list}>
          {state.versions.map((v) => (
            <li key={v.versionId}>
              {v.versionId} · {v.modifiedAt ? fechaHora(v.modifiedAt) : LIBRARY.noDate} · {kb(v.size)} ·{' '}
              {v.recorded ? (
                LIBRARY.recorded(v.recorded.version, shortHash(v.recorded.sha256))
              ) : (
                <span className={s.muted}>{LIBRARY.notRecorded}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
