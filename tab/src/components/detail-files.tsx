// The files of a delivery (issue 15) as the detail's read model lists them: name, size, media type and the first 12
// characters of the SHA-256 the service computed (as a convenio's documents show theirs), with «Descargar» only when
// the API gives the reader a download address (protocol mayOpenDeliveredFiles). A download goes through the API with
// the caller's identity, which records it on the request's timeline.
import { Button, Caption1, Text, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  shortHash,
  sizeInWords,
  type DeliveredFileView,
  type FileAccessView,
  type ItemDetailView,
  type StoredFileRecord,
} from '../../../protocol';
import { download } from '../api';
import { fecha } from '../format';
import { useNotify } from '../notify';
import { DELIVERED_FILES } from '../textos/archivos';

/** One delivered file as the detail lists it (protocol/read-models.ts: the API's own type). */
export type DeliveredFile = DeliveredFileView;

/** The read model's files; a service that does not list them yet still has the delivery's records (no download). */
export function deliveredFiles(view: ItemDetailView): DeliveredFile[] {
  if (view.archivos) return view.archivos;
  const item = view.item;
  const files: StoredFileRecord[] = item.kind === 'solicitud' ? (item.delivery?.files ?? []) : [];
  return files.map((f) => ({ id: f.id, nombre: f.name, tamano: f.size, tipo: f.mediaType, sha256: f.sha256 }));
}

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: '8px', minWidth: 0 },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: '4px 12px',
    padding: '8px 12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  what: { display: 'grid', gap: '2px', minWidth: 0, flex: '1 1 220px' },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  hash: { fontFamily: tokens.fontFamilyMonospace },
});

/** The requester's own access (API `accesoArchivos`): until when, and whether it still runs. */
export type FileAccess = FileAccessView;

export const fileAccess = (view: ItemDetailView): FileAccess | undefined => view.accesoArchivos;

export function DeliveredFiles({
  files,
  access,
  onDownloaded,
}: {
  files: DeliveredFile[];
  access?: FileAccess;
  onDownloaded?: () => void;
}) {
  const s = useStyles();
  const notify = useNotify();
  const [downloading, setDownloading] = useState<string | null>(null);
  const openable = files.some((f) => f.descargar);

  const get = async (f: DeliveredFile) => {
    if (!f.descargar) return;
    setDownloading(f.id);
    try {
      await download(f.descargar, f.nombre);
      onDownloaded?.();
    } catch (e) {
      notify('error', DELIVERED_FILES.downloadFailed(f.nombre), e instanceof Error ? e.message : undefined);
    } finally {
      setDownloading((k) => (k === f.id ? null : k));
    }
  };

  return (
    <>
      <ul className={s.list} aria-label={DELIVERED_FILES.list} data-testid="archivos-entregados">
        {files.map((f) => (
          <li key={f.id} className={s.item} data-archivo={f.id} data-sha256={f.sha256}>
            <div className={s.what}>
              <Text className={s.name}>{f.nombre}</Text>
              <Caption1 className={s.meta}>
                {DELIVERED_FILES.facts(sizeInWords(f.tamano), f.tipo)} · {DELIVERED_FILES.hash}{' '}
                <Tooltip content={f.sha256} relationship="description">
                  <span className={s.hash} tabIndex={0}>
                    {shortHash(f.sha256)}
                  </span>
                </Tooltip>
              </Caption1>
            </div>
            {f.descargar ? (
              <Button
                size="small"
                data-testid={`descargar-archivo-${f.id}`}
                aria-label={DELIVERED_FILES.downloadLabel(f.nombre)}
                disabled={downloading === f.id}
                onClick={() => void get(f)}
              >
                {downloading === f.id ? DELIVERED_FILES.downloading : DELIVERED_FILES.download}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {access ? (
        <Caption1 className={s.meta} data-testid="acceso-archivos">
          {access.vigente
            ? DELIVERED_FILES.accessUntil(fecha(access.hasta))
            : DELIVERED_FILES.accessEnded(fecha(access.hasta))}
        </Caption1>
      ) : !openable && files.length ? (
        <Caption1 className={s.meta}>{DELIVERED_FILES.notForYou}</Caption1>
      ) : null}
    </>
  );
}
