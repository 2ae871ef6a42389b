// A convenio's documents, every version kept: which draft, its file and SHA-256, who registered it and when, and the
// visaciones and signatures bound to that exact version (documents never change silently). Each version downloads
// through the API with the caller's identity; SECPLAN hands in the FEA-signed PDF (firma, aprobación) or a draft
// edited outside the app (redacción) from here, when the protocol allows it.
import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState, type ChangeEvent } from 'react';
import type { Convenio, DocumentRow } from '../../../protocol';
import { shortHash } from '../../../protocol';
import { ApiError, download, postFile, query } from '../api';
import { fechaHora } from '../format';
import { useNotify } from '../notify';
import { DOCUMENTS, UPLOAD, UPLOAD_KINDS } from '../textos/detalle-documentos';
import { ErrorBox, Loading } from './status';
import { Section } from './detail-facts';
import { LibraryVersions } from './detail-library-versions';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  hash: { fontFamily: tokens.fontFamilyMonospace },
  bound: { margin: 0, paddingLeft: '16px' },
  file: { overflowWrap: 'anywhere' },
  // Fixed layout: the short columns keep their widths (plus the cells' padding) and the visaciones, long lines,
  // take the rest.
  table: { tableLayout: 'fixed', minWidth: '640px' },
  colVersion: { width: '52px' },
  colKind: { width: '104px' },
  colFile: { width: '200px' },
  colWhen: { width: '124px' },
  hashLine: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  nowrap: { whiteSpace: 'nowrap' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 12px', margin: '4px 0' },
  upload: {
    display: 'grid',
    gap: '8px',
    marginBottom: '12px',
    paddingBottom: '12px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  uploadRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 12px' },
  hint: { color: tokens.colorNeutralForeground2 },
  input: { display: 'none' },
});

/** What SECPLAN may hand in, as the API takes it (POST …/documentos?tipo=…). */
export type UploadKind = 'firmado_fea' | 'borrador';

/** The protocol's verbs behind each hand-in (allowedActions of the detail). */
export const UPLOAD_VERBS: Record<string, UploadKind> = {
  subir_firmado_fea: 'firmado_fea',
  registrar_borrador: 'borrador',
};

/** The service's own limit (MAX_DOCUMENT_BYTES): checked here first, so a large file is not sent for nothing. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const UPLOADS: Record<
  UploadKind,
  { button: string; extension: string; accept: string; contentType: string; what: string; file: string; done: string }
> = {
  firmado_fea: {
    ...UPLOAD_KINDS.firmado_fea,
    extension: '.pdf',
    accept: '.pdf,application/pdf',
    contentType: 'application/pdf',
  },
  borrador: {
    ...UPLOAD_KINDS.borrador,
    extension: '.docx',
    accept: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
};

/** Why a chosen file cannot be handed in, in Spanish; null when it can. */
export function uploadProblem(kind: UploadKind, file: { name: string; size: number }): string | null {
  const u = UPLOADS[kind];
  if (!file.name.toLowerCase().endsWith(u.extension)) return UPLOAD.wrongType(file.name, u.what, u.extension);
  if (file.size === 0) return UPLOAD.empty(file.name);
  if (file.size > MAX_UPLOAD_BYTES)
    return UPLOAD.tooBig((file.size / 1024 / 1024).toLocaleString('es-CL', { maximumFractionDigits: 1 }));
  if (file.name.length > 200) return UPLOAD.nameTooLong;
  return null;
}

/**
 * "Abrir en SharePoint" only for a document library on the tenant: an https address outside this service (in local
 * mode the files are served by the service itself, and reached with "Descargar").
 */
export function sharePointUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.origin !== location.origin ? u.href : null;
  } catch {
    return null;
  }
}

export const fileUrl = (reference: string, d: Pick<DocumentRow, 'kind' | 'version'>) =>
  `/api/v1/convenios/${encodeURIComponent(reference)}/documentos/${encodeURIComponent(d.kind)}/${d.version}/archivo`;

function Upload({ reference, kind, onUploaded }: { reference: string; kind: UploadKind; onUploaded: () => void }) {
  const s = useStyles();
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ fileName: string; version: number; sha256: string } | null>(null);
  const u = UPLOADS[kind];
  const inputId = `subir-${kind}`;

  const send = async (file: File) => {
    setProblem(null);
    setDone(null);
    const bad = uploadProblem(kind, file);
    if (bad) {
      setProblem(bad);
      return;
    }
    setBusy(true);
    try {
      const res = await postFile<{ item: Convenio }>(
        `/api/v1/convenios/${encodeURIComponent(reference)}/documentos${query({ tipo: kind, nombre: file.name })}`,
        file,
        u.contentType,
      );
      const doc = [...res.item.documents].reverse().find((d) => d.kind === kind);
      if (doc) setDone({ fileName: doc.fileName, version: doc.version, sha256: doc.sha256 });
      notify('success', u.done, doc ? UPLOAD.toast(doc.fileName, doc.version, shortHash(doc.sha256)) : file.name);
      onUploaded();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : UPLOAD.failed);
      // The convenio moved on meanwhile (another person acted): show what it is now.
      if (e instanceof ApiError && e.status === 409) onUploaded();
    } finally {
      setBusy(false);
    }
  };

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // The same file may be chosen again after a failure.
    e.target.value = '';
    if (file) void send(file);
  };

  return (
    <div className={s.upload} data-testid={`subida-${kind}`}>
      <div className={s.uploadRow}>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept={u.accept}
          className={s.input}
          aria-label={u.button}
          data-testid={`subir-${kind}-archivo`}
          onChange={onChange}
        />
        <Button appearance="primary" disabled={busy} onClick={() => input.current?.click()}>
          {busy ? UPLOAD.uploading : u.button}
        </Button>
        <Text size={200} className={s.hint}>
          {UPLOAD.hint(u.file)}
        </Text>
      </div>
      {problem ? (
        <MessageBar intent="error" data-testid="subida-error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      {done ? (
        <MessageBar intent="success" data-testid="subida-lista">
          <MessageBarBody>
            {UPLOAD.doneLine(u.done, done.fileName, done.version)}{' '}
            <Tooltip content={done.sha256} relationship="description">
              <span className={s.hash} tabIndex={0} data-sha256={done.sha256}>
                {shortHash(done.sha256)}
              </span>
            </Tooltip>
            .
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}

export function Documents({
  reference,
  rows,
  error,
  loading,
  retry,
  uploads = [],
  onUploaded,
}: {
  reference: string;
  rows: DocumentRow[] | undefined;
  error?: string | undefined;
  loading: boolean;
  retry: () => void;
  /** What the caller may hand in now (from the detail's allowedActions); none for most callers. */
  uploads?: UploadKind[];
  onUploaded: () => void;
}) {
  const s = useStyles();
  const notify = useNotify();
  const [downloading, setDownloading] = useState<string | null>(null);

  const get = async (d: DocumentRow) => {
    const key = `${d.kind}-${d.version}`;
    setDownloading(key);
    try {
      await download(fileUrl(reference, d), d.fileName);
    } catch (e) {
      notify('error', DOCUMENTS.downloadFailed(d.fileName), e instanceof Error ? e.message : undefined);
    } finally {
      setDownloading((k) => (k === key ? null : k));
    }
  };

  return (
    <Section title={DOCUMENTS.title} id="documentos">
      {uploads.map((k) => (
        <Upload key={k} reference={reference} kind={k} onUploaded={onUploaded} />
      ))}
      {error ? (
        <ErrorBox title={DOCUMENTS.loadFailed} message={error} retry={retry} />
      ) : !rows && loading ? (
        <Loading label={DOCUMENTS.loading} />
      ) : !rows || rows.length === 0 ? (
        <p style={{ margin: 0 }}>{DOCUMENTS.none}</p>
      ) : (
        <div className={s.scroll}>
          <Table size="small" className={s.table} aria-label={DOCUMENTS.table} data-testid="documentos">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={s.colVersion}>{DOCUMENTS.version}</TableHeaderCell>
                <TableHeaderCell className={s.colKind}>{DOCUMENTS.kind}</TableHeaderCell>
                <TableHeaderCell className={s.colFile}>{DOCUMENTS.file}</TableHeaderCell>
                <TableHeaderCell className={s.colWhen}>{DOCUMENTS.registered}</TableHeaderCell>
                <TableHeaderCell>{DOCUMENTS.bound}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((d) => {
                const key = `${d.kind}-${d.version}`;
                const sharePoint = sharePointUrl(d.url);
                return (
                  <TableRow key={`${key}-${d.sha256}`} data-documento={key} data-sha256={d.sha256}>
                    <TableCell>{d.version}</TableCell>
                    <TableCell>{d.kindLabel}</TableCell>
                    <TableCell>
                      <div className={s.file}>{d.fileName}</div>
                      <span className={s.hashLine}>
                        {DOCUMENTS.hash}{' '}
                        <Tooltip content={d.sha256} relationship="description">
                          <span className={s.hash} tabIndex={0}>
                            {shortHash(d.sha256)}
                          </span>
                        </Tooltip>
                      </span>
                      <div className={s.actions}>
                        {d.canOpen ? (
                          <Button
                            size="small"
                            data-testid={`descargar-${key}`}
                            aria-label={DOCUMENTS.downloadLabel(d.fileName, d.kindLabel, d.version)}
                            disabled={downloading === key}
                            onClick={() => void get(d)}
                          >
                            {downloading === key ? DOCUMENTS.downloading : DOCUMENTS.download}
                          </Button>
                        ) : (
                          <span className={s.hashLine} data-testid={`reservado-${key}`}>
                            {DOCUMENTS.reserved}
                          </span>
                        )}
                        {sharePoint ? (
                          <Link
                            href={sharePoint}
                            target="_blank"
                            rel="noopener noreferrer"
                            aria-label={DOCUMENTS.openInSharePointLabel(d.fileName)}
                          >
                            {DOCUMENTS.openInSharePoint}
                          </Link>
                        ) : null}
                      </div>
                    </TableCell>
                    <TableCell>
                      {d.by},<br />
                      <span className={s.nowrap}>{fechaHora(d.at)}</span>
                    </TableCell>
                    <TableCell>
                      {d.boundTo.length ? (
                        <ul className={s.bound}>
                          {d.boundTo.map((b) => (
                            <li key={b}>{b}</li>
                          ))}
                        </ul>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {[...new Map(rows.filter((d) => d.canOpen).map((d) => [d.kind, d.kindLabel])).entries()].map(
            ([kind, label]) => (
              <LibraryVersions key={kind} reference={reference} kind={kind} label={label} />
            ),
          )}
        </div>
      )}
    </Section>
  );
}
