// The card of one request or convenio as one viewer sees it: header, summary, the body of each step the viewer can
// act in, and exactly the buttons the protocol allows them now (allowedActions), nothing else.
import {
  allowedActions,
  type Actor,
  type AllowedAction,
  type Convenio,
  type ConvenioState,
  type Item,
  type Solicitud,
} from '../../../protocol';
import { arrangeBar, withConfirmStyle, type BarEntry } from './action-bar';
import { actionSet, banner, card, container, heading, type CardAction, type CardElement } from './card-elements';
import { keepValues, markFieldErrors, summaryLines } from './form-errors';
import { inputPrefix } from './inputs';
import { commentStep, recentComments } from './comment';
import {
  NOT_ON_CARDS,
  REFRESH_VERB,
  type AdaptiveCard,
  type CardContext,
  type ItemCardOptions,
  type CardConvenioVerb,
  type CardSolicitudVerb,
  type ItemVerb,
  type RefusedForm,
} from './contract';
import { convenioAssessmentStep } from './convenio-assessment';
import { convenioDecreeStep } from './convenio-decree';
import { convenioDraftingStep } from './convenio-drafting';
import { convenioEvaluationStep } from './convenio-evaluation';
import { convenioLegalReviewStep } from './convenio-legal-review';
import { convenioRejectionStep } from './convenio-rejection';
import { convenioRenewalStep } from './convenio-renewal';
import { convenioSignatureStep } from './convenio-signature';
import { convenioTerminationStep } from './convenio-termination';
import { convenioTransferStep } from './convenio-transfer';
import { convenioWithdrawalStep } from './convenio-withdrawal';
import { itemHeader } from './header';
import { convenioLegalStep, solicitudLegalStep } from './legal-basis-step';
import { itemSummary, mayReadDetail } from './item-summary';
import { solicitudOwnerStep } from './solicitud-owner';
import { solicitudOwnerExtrasStep } from './solicitud-owner-extras';
import { solicitudRequesterStep } from './solicitud-requester';
import { solicitudUgdtStep } from './solicitud-ugdt';
import type { ActionRenderer, StepView } from './step';
import { FORM } from './textos/comun';

/** A step seen from here: which verbs it draws does not matter, only how to draw one and its body. */
interface AnyStep<I extends Item> {
  actions: Partial<Record<string, ActionRenderer<I>>>;
  body?: (v: StepView<I>) => (CardElement | undefined)[];
}

// Exhaustive: a new protocol verb does not compile until it has a step here (or is declared off-card).
const SOLICITUD_STEP_OF: Record<CardSolicitudVerb, AnyStep<Solicitud>> = {
  acusar_recibo: solicitudOwnerStep,
  indicar_plazo: solicitudOwnerStep,
  entregar: solicitudOwnerStep,
  no_disponible: solicitudOwnerStep,
  rechazar: solicitudOwnerStep,
  conforme: solicitudRequesterStep,
  observar: solicitudRequesterStep,
  cancelar: solicitudRequesterStep,
  recordar: solicitudUgdtStep,
  reasignar: solicitudUgdtStep,
  prorrogar: solicitudUgdtStep,
  cerrar: solicitudUgdtStep,
  comentar: commentStep,
  solicitar_prorroga: solicitudOwnerExtrasStep,
  conceder_prorroga: solicitudUgdtStep,
  denegar_prorroga: solicitudUgdtStep,
  reiterar: solicitudUgdtStep,
  corregir_clasificacion: solicitudOwnerExtrasStep,
  actualizar_base_legal: solicitudLegalStep,
};

const CONVENIO_STEP_OF: Record<CardConvenioVerb, AnyStep<Convenio>> = {
  registrar_evaluacion: convenioAssessmentStep,
  aprobar_evaluacion: convenioAssessmentStep,
  rechazar: convenioWithdrawalStep,
  desistir: convenioWithdrawalStep,
  enviar_a_visacion: convenioDraftingStep,
  visar: convenioLegalReviewStep,
  registrar_visacion_externa: convenioLegalReviewStep,
  observar: convenioLegalReviewStep,
  firmar: convenioSignatureStep,
  registrar_decreto: convenioDecreeStep,
  registrar_transferencia: convenioTransferStep,
  registrar_evaluacion_periodica: convenioEvaluationStep,
  renovar: convenioRenewalStep,
  terminar: convenioTerminationStep,
  comentar: commentStep,
  proponer_rechazo: convenioRejectionStep,
  desestimar_rechazo: convenioRejectionStep,
  actualizar_base_legal: convenioLegalStep,
  registrar_eipd: convenioLegalStep,
  registrar_autorizacion_origen: convenioLegalStep,
};

/** What a convenio waits on is worth showing to every reader (the Alcalde waiting to sign, Control auditing). */
const CONVENIO_STATE_STEP: Partial<Record<ConvenioState, AnyStep<Convenio>>> = {
  evaluacion: convenioAssessmentStep,
  redaccion: convenioDraftingStep,
  visacion: convenioLegalReviewStep,
  firma: convenioSignatureStep,
  aprobacion: convenioDecreeStep,
  vigente: convenioEvaluationStep,
  por_vencer: convenioRenewalStep,
  vencido: convenioTerminationStep,
};

function stepOf(item: Item, verb: string): AnyStep<Item> | undefined {
  const table: Partial<Record<string, AnyStep<never>>> =
    item.kind === 'solicitud' ? SOLICITUD_STEP_OF : CONVENIO_STEP_OF;
  return table[verb] as AnyStep<Item> | undefined;
}

/** The viewer's actions as the card offers them: the protocol's list minus what only the tab or a worker does. */
export function cardActionsFor(
  item: Item,
  viewer: Actor | null,
  all: AllowedAction[] = viewer ? allowedActions(item, viewer) : [],
): AllowedAction[] {
  if (!viewer) return [];
  const offCard = (a: AllowedAction) => NOT_ON_CARDS.includes(`${item.kind}.${a.verb}` as ItemVerb);
  const list = all.filter((a) => !offCard(a));
  // Commenting is always possible while the item is open; it goes last so the step's own buttons lead.
  return [...list.filter((a) => a.verb !== 'comentar'), ...list.filter((a) => a.verb === 'comentar')];
}

/** Teams runs the automatic refresh for at most 60 listed users. */
const MAX_REFRESH_USERS = 60;

interface Section {
  step: AnyStep<Item>;
  actions: BarEntry[];
}

export function itemCard(item: Item, ctx: CardContext, opts: ItemCardOptions): AdaptiveCard {
  const viewer = opts.viewer;
  // Asked of the protocol once: the bar shows these, the header says whether it is the viewer's turn.
  const all = viewer ? allowedActions(item, viewer) : [];
  const allowed = cardActionsFor(item, viewer, all);
  const sections: Section[] = [];
  const sectionOf = (step: AnyStep<Item>) => {
    let s = sections.find((x) => x.step === step);
    if (!s) sections.push((s = { step, actions: [] }));
    return s;
  };
  if (viewer) {
    const view: StepView<Item> = { item, ctx, viewer, allowed };
    for (const a of allowed) {
      const step = stepOf(item, a.verb);
      const draw = step?.actions[a.verb];
      if (!step || !draw) throw new Error(`sin tarjeta para ${item.kind}.${a.verb}`);
      sectionOf(step).actions.push({ verb: `${item.kind}.${a.verb}`, action: draw(a, view) });
    }
  }
  const full = mayReadDetail(item, viewer);
  const stateStep = item.kind === 'convenio' ? CONVENIO_STATE_STEP[item.state] : undefined;
  if (full && stateStep) sectionOf(stateStep as AnyStep<Item>);

  // Every button goes to one bar, laid out by action-bar.ts: the next step first, the rest in the menu. A form the
  // server refused leaves the bar and opens on top instead.
  const entries = sections.flatMap((s) => s.actions);
  const refused = opts.refused ? openRefused(item, entries, opts.refused) : undefined;
  const bar = arrangeBar(
    item.kind,
    entries.filter((e) => e !== refused?.entry),
  );
  const bodies: CardElement[] = [];
  for (const s of sections) {
    const body = full && s.step.body ? s.step.body({ item, ctx, viewer, allowed }) : [];
    if (body.length) bodies.push(container(body, { separator: true, spacing: 'medium' }));
  }

  const note = refused ? refused.banner : opts.note ? banner([opts.note], opts.noteStyle ?? 'attention') : undefined;
  const data = { verb: REFRESH_VERB, id: item.id, version: item.version };
  return card(
    [
      note,
      refused?.form,
      ...itemHeader(item, ctx, viewer, all),
      ...itemSummary(item, ctx, viewer),
      full && recentComments(item, ctx),
      ...bodies,
    ],
    bar,
    {
      refresh: {
        action: { type: 'Action.Execute', verb: REFRESH_VERB, data },
        userIds: opts.refreshUserIds.slice(0, MAX_REFRESH_USERS),
      },
    },
  );
}

/**
 * The refused form, open: the inputs of its ShowCard with what was typed and the reason under each field, and its
 * confirm button; a banner on top names the fields by their labels. Undefined when the viewer no longer holds that
 * step (someone else acted first): the card then shows only the reason.
 */
function openRefused(
  item: Item,
  entries: BarEntry[],
  refused: RefusedForm,
): { entry: BarEntry; form: CardElement; banner: CardElement } | undefined {
  const verb = `${item.kind}.${refused.command}`;
  const entry = entries.find((e) => {
    const submit = (e.action.card as { actions?: CardAction[] } | undefined)?.actions?.[0];
    const signer = (submit?.data as { signerId?: string } | undefined)?.signerId;
    return e.verb === verb && submit !== undefined && signer === refused.signerId;
  });
  if (!entry) return undefined;
  // A copy: the form's inputs get what was typed and its reasons below, and the confirm its colour, as on the bar.
  const shown = structuredClone(withConfirmStyle(item.kind, entry).card) as {
    body: CardElement[];
    actions: CardAction[];
  };
  const form = container([heading(entry.action.title, 'none'), ...shown.body, actionSet(shown.actions)], {
    style: 'emphasis',
  });
  keepValues(form, refused.values);
  const prefix = inputPrefix(refused.command, refused.signerId);
  const problems = markFieldErrors(form, refused.fields, (path) => prefix + path);
  const lines = summaryLines(refused.message, refused.fields, problems);
  return {
    entry,
    form,
    banner: banner([FORM.refused(entry.action.title), ...lines, FORM.kept], 'attention'),
  };
}
