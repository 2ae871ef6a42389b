// The files of a delivery (issue 15), chosen with a picker or dropped on the zone: each one is declared, sent in
// parts with a progress bar, resumed after a failed part from what the service received, and may be removed before
// the delivery is sent (its upload is discarded). The uploads live in the detail page (useUploads), not in the
// dialog: closing the Entregar dialog does not stop a 200 MB file halfway.
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { shortHash, sizeInWords } from '../../../protocol';
import { ApiError } from '../api';
import { FILE_UPLOAD } from '../textos/archivos';
import {
  UploadClosed,
  declareUpload,
  discardUpload,
  mediaTypeOf,
  retryable,
  sendResumable,
  type DeclaredUpload,
} from '../upload';

/** The protocol's most files per delivery (protocol/solicitud/commands.ts, `files`). */
export const MAX_FILES = 20;

export type UploadPhase = 'declarando' | 'subiendo' | 'esperando' | 'listo' | 'error';

export interface UploadItem {
  key: string;
  file: File;
  mediaType: string;
  /** The service's upload, once declared. */
  id?: string;
  subirEn?: string;
  received: number;
  phase: UploadPhase;
  error?: string;
  /** The failure may pass (a lost connection, a failing service): «Reintentar». A refusal (422, 403) may not. */
  canRetry?: boolean;
  /** While waiting to resume on its own. */
  retry?: { attempt: number; of: number; seconds: number };
  sha256?: string;
}

export interface Uploads {
  items: UploadItem[];
  /** Starts uploading each file; answers the names left out past the limit. */
  add(files: File[]): string[];
  remove(key: string): void;
  retry(key: string): void;
  /** After the delivery: the uploads are the delivery's now, nothing to discard. */
  forget(): void;
  /** A file is still on its way: the delivery waits. */
  busy: boolean;
  failed: boolean;
  /** The finished uploads' ids, in the order chosen. */
  ids: string[];
}

/** The service's words for a refused or failed upload: the field's own message for a refused declaration. */
function messageOf(e: unknown): string {
  if (e instanceof UploadClosed) return FILE_UPLOAD.closed[e.state];
  if (e instanceof ApiError) {
    const field = e.fields.nombre ?? e.fields.tamano ?? e.fields.tipo;
    return field || e.message || FILE_UPLOAD.failed;
  }
  return FILE_UPLOAD.failed;
}

let nextKey = 0;

export function useUploads(reference: string): Uploads {
  const [items, setItems] = useState<UploadItem[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const current = useRef(items);
  current.current = items;

  const update = useCallback((key: string, patch: Partial<UploadItem>) => {
    setItems((list) => list.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  }, []);

  const run = useCallback(
    async (key: string, file: File, known?: { id: string; subirEn?: string }) => {
      controllers.current.get(key)?.abort();
      const ctl = new AbortController();
      controllers.current.set(key, ctl);
      try {
        let upload: { id: string; subirEn?: string } | undefined = known;
        let from = 0;
        if (!upload) {
          update(key, { phase: 'declarando', error: undefined, retry: undefined });
          const declared: DeclaredUpload = await declareUpload(reference, file);
          if (ctl.signal.aborted) {
            // Removed while it was being declared: nothing of it stays.
            void discardUpload(declared.id).catch(() => undefined);
            return;
          }
          upload = declared;
          from = declared.recibido;
          update(key, { id: declared.id, subirEn: declared.subirEn, received: from });
        }
        update(key, { phase: 'subiendo', error: undefined, retry: undefined });
        const stored = await sendResumable(upload, file, {
          signal: ctl.signal,
          askFirst: known !== undefined,
          from,
          onProgress: (n) => update(key, { received: n, phase: 'subiendo', retry: undefined }),
          onRetry: (attempt, of, ms) =>
            update(key, { phase: 'esperando', retry: { attempt, of, seconds: Math.round(ms / 1000) } }),
        });
        update(key, { phase: 'listo', received: file.size, sha256: stored.sha256, mediaType: stored.tipo });
      } catch (e) {
        if (ctl.signal.aborted) return;
        update(key, {
          phase: 'error',
          error: messageOf(e),
          retry: undefined,
          canRetry: retryable(e) || !(e instanceof ApiError || e instanceof UploadClosed),
        });
      } finally {
        if (controllers.current.get(key) === ctl) controllers.current.delete(key);
      }
    },
    [reference, update],
  );

  const add = useCallback(
    (files: File[]) => {
      const room = Math.max(0, MAX_FILES - current.current.length);
      const taken = files.slice(0, room);
      const added = taken.map((file): UploadItem => ({
        key: `subida-${++nextKey}`,
        file,
        mediaType: mediaTypeOf(file),
        received: 0,
        phase: 'declarando',
      }));
      setItems((list) => [...list, ...added]);
      for (const x of added) void run(x.key, x.file);
      return files.slice(room).map((f) => f.name);
    },
    [run],
  );

  const remove = useCallback((key: string) => {
    const it = current.current.find((x) => x.key === key);
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    if (it?.id) void discardUpload(it.id).catch(() => undefined);
    setItems((list) => list.filter((x) => x.key !== key));
  }, []);

  const retry = useCallback(
    (key: string) => {
      const it = current.current.find((x) => x.key === key);
      if (!it) return;
      // Declared already: ask the service what it holds and go on from there; else declare again.
      void run(key, it.file, it.id ? { id: it.id, ...(it.subirEn ? { subirEn: it.subirEn } : {}) } : undefined);
    },
    [run],
  );

  const forget = useCallback(() => {
    for (const c of controllers.current.values()) c.abort();
    controllers.current.clear();
    current.current = [];
    setItems([]);
  }, []);

  // Leaving the detail with files not delivered: stop them and discard what the service holds of them.
  useEffect(() => {
    const live = controllers.current;
    return () => {
      for (const c of live.values()) c.abort();
      live.clear();
      for (const x of current.current) if (x.id) void discardUpload(x.id).catch(() => undefined);
    };
  }, [reference]);

  const busy = items.some((x) => x.phase === 'declarando' || x.phase === 'subiendo' || x.phase === 'esperando');
  // Closing the page would cut an upload: the browser asks first.
  useEffect(() => {
    if (!busy) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = FILE_UPLOAD.leave;
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);

  return useMemo(
    () => ({
      items,
      add,
      remove,
      retry,
      forget,
      busy,
      failed: items.some((x) => x.phase === 'error'),
      ids: items.flatMap((x) => (x.phase === 'listo' && x.id ? [x.id] : [])),
    }),
    [items, add, remove, retry, forget, busy],
  );
}

const useStyles = makeStyles({
  root: { display: 'grid', gap: '8px', minWidth: 0 },
  zone: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '8px',
    padding: '16px',
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dragging: {
    border: `2px dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  hint: { color: tokens.colorNeutralForeground2, display: 'block' },
  input: { display: 'none' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: '8px' },
  item: {
    display: 'grid',
    gap: '4px',
    padding: '8px 12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: '2px 8px', minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere', minWidth: 0 },
  meta: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  status: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  error: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
  hash: { fontFamily: tokens.fontFamilyMonospace },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
});

const percentOf = (x: UploadItem) =>
  x.phase === 'listo' ? 100 : x.file.size ? Math.floor((x.received / x.file.size) * 100) : 0;

function UploadRow({ x, disabled, uploads }: { x: UploadItem; disabled: boolean; uploads: Uploads }) {
  const s = useStyles();
  const name = x.file.name;
  const percent = percentOf(x);
  const value = FILE_UPLOAD.progressValue(percent, sizeInWords(x.received), sizeInWords(x.file.size));
  return (
    <li className={s.item} data-subida={name} data-estado={x.phase} data-sha256={x.sha256}>
      <div className={s.head}>
        <Text className={s.name}>{name}</Text>
        <Caption1 className={s.meta}>{FILE_UPLOAD.facts(sizeInWords(x.file.size), x.mediaType)}</Caption1>
      </div>
      {x.phase !== 'error' ? (
        <ProgressBar
          max={100}
          value={percent}
          thickness="large"
          color={x.phase === 'listo' ? 'success' : x.phase === 'esperando' ? 'warning' : 'brand'}
          aria-label={FILE_UPLOAD.progress(name)}
          aria-valuetext={value}
        />
      ) : null}
      <Caption1 className={s.status}>
        <span aria-live="polite">{FILE_UPLOAD.phase[x.phase]}</span>
        {x.phase === 'subiendo' || x.phase === 'esperando' ? <span aria-hidden="true"> · {value}</span> : null}
        {x.phase === 'listo' && x.sha256 ? (
          <>
            {' · '}
            {FILE_UPLOAD.stored}{' '}
            <Tooltip content={x.sha256} relationship="description">
              <span className={s.hash} tabIndex={0}>
                {shortHash(x.sha256)}
              </span>
            </Tooltip>
          </>
        ) : null}
      </Caption1>
      {x.retry ? (
        <Caption1 className={s.status}>{FILE_UPLOAD.retrying(x.retry.seconds, x.retry.attempt, x.retry.of)}</Caption1>
      ) : null}
      {x.error ? (
        <Text className={s.error} role="alert" data-testid="subida-archivo-error">
          {x.error}
        </Text>
      ) : null}
      <div className={s.actions}>
        {x.phase === 'error' && x.canRetry ? (
          <Button
            size="small"
            disabled={disabled}
            aria-label={FILE_UPLOAD.retryLabel(name)}
            onClick={() => uploads.retry(x.key)}
          >
            {FILE_UPLOAD.retry}
          </Button>
        ) : null}
        <Button
          size="small"
          appearance="subtle"
          disabled={disabled}
          aria-label={FILE_UPLOAD.removeLabel(name)}
          onClick={() => uploads.remove(x.key)}
        >
          {FILE_UPLOAD.remove}
        </Button>
      </div>
    </li>
  );
}

/** The zone to drop or choose files on, and the list of the delivery's uploads. */
export function FileUpload({ uploads, disabled = false }: { uploads: Uploads; disabled?: boolean }) {
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const chooser = useRef<HTMLButtonElement>(null);
  const [dragging, setDragging] = useState(false);
  const [leftOut, setLeftOut] = useState<string[]>([]);

  const take = (files: File[]) => {
    if (disabled || files.length === 0) return;
    setLeftOut(uploads.add(files));
  };

  // A file dropped beside the zone would make the browser open it in place of the tab: not while this is shown.
  useEffect(() => {
    const stop = (e: Event) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const onDrag = (e: DragEvent<HTMLDivElement>, over: boolean) => {
    if (![...e.dataTransfer.types].some((t) => t === 'Files')) return;
    e.preventDefault();
    if (over) e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    setDragging(over && !disabled);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    take([...e.dataTransfer.files]);
  };

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    // The same file may be chosen again after removing it.
    e.target.value = '';
    take(files);
  };

  return (
    <div className={s.root}>
      <div
        className={mergeClasses(s.zone, dragging && s.dragging)}
        data-testid="entrega-zona"
        onDragEnter={(e) => onDrag(e, true)}
        onDragOver={(e) => onDrag(e, true)}
        onDragLeave={(e) => onDrag(e, false)}
        onDrop={onDrop}
      >
        <Text>{dragging ? FILE_UPLOAD.dropNow : FILE_UPLOAD.dropHere}</Text>
        <Button ref={chooser} disabled={disabled} onClick={() => input.current?.click()}>
          {FILE_UPLOAD.choose}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          className={s.input}
          aria-label={FILE_UPLOAD.choose}
          data-testid="entrega-archivos-input"
          onChange={onChange}
        />
        <Caption1 className={s.hint}>{FILE_UPLOAD.hint}</Caption1>
      </div>
      {leftOut.length ? (
        <MessageBar intent="warning">
          <MessageBarBody>{FILE_UPLOAD.tooMany(MAX_FILES, leftOut.join(', '))}</MessageBarBody>
        </MessageBar>
      ) : null}
      {uploads.items.length ? (
        <ul className={s.list} aria-label={FILE_UPLOAD.list} data-testid="entrega-archivos">
          {uploads.items.map((x) => (
            <UploadRow
              key={x.key}
              x={x}
              disabled={disabled}
              uploads={{
                ...uploads,
                remove: (key) => {
                  uploads.remove(key);
                  // The row and its button are gone: the focus goes back to where files are chosen.
                  chooser.current?.focus();
                },
              }}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
