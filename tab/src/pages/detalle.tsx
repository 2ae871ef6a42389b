// Detalle: one request or convenio as the caller may see it — every field, the timeline from the audit log, the
// documents and their versions, the card each role gets in chat (the caller's own one live) and the caller's
// one-click commands, applied optimistically and rolled back if the API refuses.
import { Skeleton, SkeletonItem, Tab, TabList, Title2, makeStyles } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import {
  CONVENIO_TRANSITIONS,
  SOLICITUD_TRANSITIONS,
  convenioCommandSchema,
  solicitudCommandSchema,
  type AllowedAction,
  type CardActionAnswer,
  type CardView,
  type DocumentRow,
  type Item,
  type ItemDetailView,
  type Unit,
} from '../../../protocol';
import { ApiError, download, getJson, postJson } from '../api';
import type { CardActionEvent } from '../components/detail-adaptive-card';
import { CardViews } from '../components/detail-cards';
import { ConvenioSections } from '../components/detail-convenio';
import { Documents, UPLOAD_VERBS, fileUrl, sharePointUrl, type UploadKind } from '../components/detail-documents';
import { DetailHeader, chatLink } from '../components/detail-header';
import { NextStepBar, type OwnForms } from '../components/detail-next-step';
import { DeliverForm, type DeliverBody } from '../components/deliver-form';
import { deliveredFiles, fileAccess } from '../components/detail-files';
import { useUploads } from '../components/file-upload';
import { Comments, SolicitudSections } from '../components/detail-solicitud';
import { Timeline } from '../components/detail-timeline';
import { stateWords } from '../textos/detalle';
import { EmptyState, ErrorBox } from '../components/status';
import { useFetch } from '../components/use-fetch';
import { useNotify } from '../notify';
import { Link, PAGE_PATHS, detailPath, useRouter } from '../router';
import { useSession } from '../session';
import { DETALLE, DETALLE_AVISOS } from '../textos/pagina-detalle';

type Segment = 'solicitudes' | 'convenios';

const useStyles = makeStyles({
  tabs: { marginBottom: '12px' },
  column: { display: 'grid', gap: '16px', minWidth: 0, maxWidth: '1100px' },
  skeleton: { display: 'grid', gap: '12px', maxWidth: '900px' },
});

/** Commands whose schema has no field besides `type`: one click is enough, so the header offers them as buttons. */
const NO_INPUT = new Set(
  [...solicitudCommandSchema.options, ...convenioCommandSchema.options]
    .filter((o) => Object.keys(o.shape).length === 1)
    .map((o) => o.shape.type.value as string),
);

/** The state a command leads to when the protocol's table says so plainly (not "igual" nor "según"). */
function optimistic(item: Item, verb: string): Item {
  const table: Record<string, { to: string }> =
    item.kind === 'solicitud' ? SOLICITUD_TRANSITIONS : CONVENIO_TRANSITIONS;
  const to = table[verb]?.to;
  const state = to && to !== 'igual' && to !== 'segun' ? to : item.state;
  return { ...item, state, version: item.version + 1 } as Item;
}

/**
 * The convenio's current document for «Abrir documento»: the newest version the reader may open (the signed one
 * once there is one), in SharePoint where it lives there, else downloaded through the service.
 */
function currentDocument(
  rows: DocumentRow[] | undefined,
  reference: string,
  openUrl: (url: string) => void,
  failed: (fileName: string, e: unknown) => void,
): { name: string; open: () => void } | undefined {
  const d = (rows ?? [])
    .filter((r) => r.canOpen && r.kind !== 'certificado')
    .sort((a, b) => b.at.localeCompare(a.at) || b.version - a.version)[0];
  if (!d) return undefined;
  const inLibrary = sharePointUrl(d.url);
  return {
    name: DETALLE.document(d.fileName, d.kindLabel, d.version),
    open: () =>
      inLibrary
        ? openUrl(inLibrary)
        : void download(fileUrl(reference, d), d.fileName).catch((e: unknown) => failed(d.fileName, e)),
  };
}

function DetailSkeleton() {
  const s = useStyles();
  return (
    <div className={s.skeleton} aria-busy="true" aria-label={DETALLE.loading}>
      <Skeleton aria-label={DETALLE.loading}>
        <SkeletonItem size={20} style={{ width: '35%' }} />
        <div style={{ height: 24 }} />
        {[0, 1, 2, 3].map((i) => (
          <div key={i} style={{ marginBottom: 16 }}>
            <SkeletonItem size={16} style={{ width: '25%', marginBottom: 8 }} />
            <SkeletonItem size={72} />
          </div>
        ))}
      </Skeleton>
    </div>
  );
}

export default function Detalle({ segment, reference }: { segment: Segment; reference: string }) {
  const s = useStyles();
  const session = useSession();
  const notify = useNotify();
  const { navigate, search } = useRouter();
  const base = `/api/v1/${segment}/${encodeURIComponent(reference)}`;
  const detail = useFetch<ItemDetailView>(base);
  const views = useFetch<{ views: CardView[] }>(detail.data ? `${base}/vistas` : null);
  const isConvenio = segment === 'convenios';
  const docs = useFetch<{ documents: DocumentRow[] }>(isConvenio && detail.data ? `${base}/documentos` : null);
  const units = useFetch<{ units: Unit[] }>('/api/v1/unidades').data?.units;
  const [pending, setPending] = useState<string | null>(null);
  const [cardBusy, setCardBusy] = useState(false);

  const view = detail.data;
  const item = view?.item;
  // The reader's own chat card: its bar is «Su próximo paso» (issue 14 §6).
  const mineCard = views.data?.views.find((v) => v.mine)?.card as Record<string, unknown> | undefined;
  const [tab, setTab] = useState<'ficha' | 'tarjetas'>('ficha');
  const quick = useMemo(() => (view ? view.allowedActions.filter((a) => NO_INPUT.has(a.verb)) : []), [view]);
  // Handing in a file (FEA-signed PDF, edited draft) is offered exactly when the protocol allows its verb: SECPLAN,
  // in firma/aprobación or redacción (protocol/actions.ts lists these verbs although no card shows them).
  const uploads = useMemo(
    () =>
      view
        ? view.allowedActions.flatMap((a): UploadKind[] => (UPLOAD_VERBS[a.verb] ? [UPLOAD_VERBS[a.verb]!] : []))
        : [],
    [view],
  );
  const contacts = view?.contacts ?? [];
  // The files of a delivery upload while the Entregar dialog is open or closed; leaving the detail discards them.
  const deliveryUploads = useUploads(reference);

  const refreshAll = () => {
    detail.reload();
    docs.reload();
  };

  const runQuick = async (a: AllowedAction) => {
    if (!view || pending) return;
    const before = view;
    setPending(a.label);
    detail.set((d) => d && { ...d, item: optimistic(d.item, a.verb), allowedActions: [] });
    try {
      const res = await postJson<{ item: Item; allowedActions: AllowedAction[] }>(`${base}/comandos`, {
        type: a.verb,
        expectedVersion: before.item.version,
      });
      detail.set((d) => d && { ...d, item: res.item, allowedActions: res.allowedActions });
      notify(
        'success',
        DETALLE_AVISOS.stepDone(a.label),
        DETALLE_AVISOS.nowIn(res.item.reference, stateWords(res.item.kind, res.item.state)),
      );
      refreshAll();
      views.reload();
    } catch (e) {
      detail.set(() => before);
      notify('error', DETALLE_AVISOS.stepFailed(a.label), e instanceof Error ? e.message : undefined);
      if (e instanceof ApiError && e.status === 409) refreshAll();
    } finally {
      setPending(null);
    }
  };

  const runCardAction = async ({ verb, data }: CardActionEvent) => {
    if (cardBusy || pending) return;
    setCardBusy(true);
    try {
      const res = await postJson<CardActionAnswer>(`${base}/acciones`, { verb, data });
      detail.set((d) => d && { ...d, item: res.item, allowedActions: res.allowedActions });
      // The returned card is the caller's; the other roles' cards are read again around it.
      const mineCard = res.card;
      views.set((v) => v && { views: v.views.map((x) => (x.mine ? { ...x, card: mineCard } : x)) });
      notify(
        'success',
        DETALLE_AVISOS.actionDone,
        DETALLE_AVISOS.nowIn(res.item.reference, stateWords(res.item.kind, res.item.state)),
      );
      refreshAll();
      getJson<{ views: CardView[] }>(`${base}/vistas`)
        .then((fresh) => views.set(() => ({ views: fresh.views.map((x) => (x.mine ? { ...x, card: mineCard } : x)) })))
        .catch(() => undefined);
    } catch (e) {
      notify('error', DETALLE_AVISOS.actionFailed, e instanceof Error ? e.message : undefined);
      if (e instanceof ApiError && e.status === 409) {
        refreshAll();
        views.reload();
      }
    } finally {
      setCardBusy(false);
    }
  };

  /** Entregar with files (issue 15): the command names the finished uploads; the service fills their records. */
  const runDeliver = async (label: string, body: DeliverBody) => {
    if (!view) return;
    setPending(label);
    try {
      const res = await postJson<{ item: Item; allowedActions: AllowedAction[] }>(`${base}/comandos`, {
        type: 'entregar',
        expectedVersion: view.item.version,
        note: body.note,
        ...(body.link ? { link: body.link } : {}),
        ...(body.archivos.length ? { archivos: body.archivos } : {}),
      });
      deliveryUploads.forget();
      // Opened from the chat card's «Subir archivos…» as a Teams dialog: Teams closes it, and the card in the chat
      // is updated in place like after any step.
      if (session.host.finishDialog({ reference: res.item.reference, paso: 'entregar' })) return;
      detail.set((d) => d && { ...d, item: res.item, allowedActions: res.allowedActions });
      notify(
        'success',
        DETALLE_AVISOS.stepDone(label),
        DETALLE_AVISOS.nowIn(res.item.reference, stateWords(res.item.kind, res.item.state)),
      );
      refreshAll();
      views.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) refreshAll();
      throw e;
    } finally {
      setPending(null);
    }
  };

  const ownForms: OwnForms | undefined =
    segment === 'solicitudes'
      ? {
          entregar: (title, close) => (
            <DeliverForm
              uploads={deliveryUploads}
              submitLabel={title}
              onSubmit={async (body) => {
                await runDeliver(title, body);
                close();
              }}
            />
          ),
        }
      : undefined;

  // The cards' "Ver detalle" and other links to this tab stay in the tab; anything else opens in the host.
  const openUrl = (url: string) => {
    const u = new URL(url, location.href);
    if (u.origin === location.origin) navigate(u.pathname + u.search);
    else session.host.openLink(u.href);
  };

  const openChat = (emails: string[]) => session.host.openLink(chatLink(emails, item?.reference ?? reference));

  const copyLink = () => {
    const url = new URL(detailPath(isConvenio ? 'convenio' : 'solicitud', reference), location.origin).href;
    navigator.clipboard
      .writeText(url)
      .then(() => notify('success', DETALLE_AVISOS.linkCopied, url))
      .catch(() => notify('warning', DETALLE_AVISOS.linkNotCopied, url));
  };

  if (!view) {
    const err = detail.error;
    return (
      <div data-testid="detalle-sin-datos">
        <Title2 as="h1" style={{ display: 'block', marginBottom: 12 }}>
          {reference}
        </Title2>
        {!err ? (
          <DetailSkeleton />
        ) : err.status === 403 ? (
          <ErrorBox title={DETALLE.noAccessTitle} message={DETALLE.noAccess(reference)} />
        ) : err.status === 404 ? (
          <EmptyState>
            {DETALLE.notFound(isConvenio ? 'convenio' : 'solicitud', reference)}{' '}
            <Link to={PAGE_PATHS.tablero}>{DETALLE.backToBoard}</Link>.
          </EmptyState>
        ) : (
          <ErrorBox message={err.message} retry={detail.reload} />
        )}
      </div>
    );
  }

  const it = view.item;
  return (
    <div data-testid="detalle" data-estado={it.state} data-version={it.version} aria-busy={pending !== null}>
      <DetailHeader
        item={it}
        waitingOn={view.waitingOn}
        workingDaysLeft={view.workingDaysLeft}
        timeZone={session.info.timeZone}
        pending={pending}
        // One-click steps sit in «Su próximo paso» once the reader's card is known; until then, here.
        quick={mineCard ? [] : quick}
        onQuick={(a) => void runQuick(a)}
        contacts={contacts}
        onChat={openChat}
        onCopyLink={copyLink}
      />
      <NextStepBar
        card={mineCard}
        busy={cardBusy || pending !== null}
        onAction={(e) => void runCardAction(e)}
        onOpenUrl={openUrl}
        openVerb={search.get('paso') ?? undefined}
        forms={ownForms}
        document={currentDocument(docs.data?.documents, it.reference, openUrl, (name, e) =>
          notify('error', DETALLE.downloadFailed(name), e instanceof Error ? e.message : undefined),
        )}
      />
      <TabList
        className={s.tabs}
        selectedValue={tab}
        onTabSelect={(_e, d) => setTab(d.value === 'tarjetas' ? 'tarjetas' : 'ficha')}
        aria-label={DETALLE.sectionsLabel}
      >
        <Tab value="ficha">{DETALLE.sheet}</Tab>
        <Tab value="tarjetas">{DETALLE.chatCards}</Tab>
      </TabList>
      {tab === 'ficha' ? (
        <div className={s.column}>
          {it.kind === 'solicitud' ? (
            <SolicitudSections
              s={it}
              hidden={view.hidden}
              units={units}
              files={deliveredFiles(view)}
              access={fileAccess(view)}
              onDownloaded={detail.reload}
            />
          ) : (
            <ConvenioSections c={it} hidden={view.hidden} units={units} />
          )}
          {it.kind === 'convenio' ? (
            <Documents
              reference={it.reference}
              rows={docs.data?.documents}
              error={docs.error?.message}
              loading={docs.loading}
              retry={docs.reload}
              uploads={uploads}
              onUploaded={() => {
                refreshAll();
                views.reload();
              }}
            />
          ) : null}
          <Comments comments={it.comments} />
          <Timeline item={it} entries={view.timeline} units={units} />
        </div>
      ) : (
        <div className={s.column}>
          <CardViews
            views={views.data?.views}
            loading={views.loading}
            error={views.error?.message}
            retry={views.reload}
            busy={cardBusy}
            onAction={(e) => void runCardAction(e)}
            onOpenUrl={openUrl}
          />
        </div>
      )}
    </div>
  );
}
