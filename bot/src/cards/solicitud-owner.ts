// Internal request, owner unit's step (§2c): acknowledge, give a wait time (within the legal period), deliver, say it
// is not available, or refuse with legal grounds. Asking for an extension and correcting the classification are in
// solicitud-owner-extras.ts; action-bar.ts decides which of them are in view.
import {
  extensionLeft,
  formatDate,
  holdersOf,
  latestWaitDate,
  pendingExtensionRequest,
  toLocalDate,
  type Directory,
  type Solicitud,
} from '../../../protocol';
import { dateInput, facts, heading, itemDialogAction, textInput } from './card-elements';
import { periodWords } from './format';
import { inputId } from './inputs';
import { direct, form, longText, type Step } from './step';
import { OWNER as T } from './textos/solicitud';

type OwnerVerb = 'acusar_recibo' | 'indicar_plazo' | 'entregar' | 'no_disponible' | 'rechazar';

/** Whom the owner unit asks for more time once it cannot ask for a prórroga itself (issue 14 §2): the UGDT, by name. */
function ugdtByName(directory: Directory): string {
  const names = holdersOf(directory, 'ugdt').map((p) => p.name);
  return names.length ? T.ugdtNamed(names.join(', ')) : T.ugdt;
}

/**
 * How to get more time than the legal period: a prórroga while the art. 26 allowance lasts and the deadline has not
 * passed (Ley 19.880 art. 26: requested and decided before expiry, at most half the original period), else whom to ask.
 */
function moreTime(s: Solicitud, today: string, directory: Directory): string {
  if (pendingExtensionRequest(s)) return T.extensionPending;
  if (extensionLeft(s.deadlines.answer) > 0 && today <= s.deadlines.answer.dueDate) return T.askExtension;
  return T.noExtensionLeft(ugdtByName(directory));
}

export const solicitudOwnerStep: Step<Solicitud, OwnerVerb> = {
  body: (v) => {
    const s = v.item;
    const pending = pendingExtensionRequest(s);
    const today = toLocalDate(v.ctx.now, v.ctx.settings.timeZone);
    const reiterated = s.reiterations?.at(-1);
    return [
      heading(T.heading),
      facts([
        [T.acknowledge, s.acknowledged ? T.acknowledged : T.until(formatDate(s.deadlines.acknowledge.dueDate))],
        [T.answer, T.until(formatDate(s.deadlines.answer.dueDate))],
        [T.latestWait, T.latestWaitValue(formatDate(latestWaitDate(s)), moreTime(s, today, v.ctx.directory))],
        [
          T.extensionRequested,
          pending && T.extensionRequestedValue(periodWords(pending.amount, s.deadlines.answer.period.unit)),
        ],
        [T.reiteration, reiterated && T.reiterationValue(formatDate(reiterated.until))],
      ]),
    ];
  },
  actions: {
    acusar_recibo: (a, v) => direct(v.item, a.verb, a.label),
    indicar_plazo: (a, v) => {
      const today = toLocalDate(v.ctx.now, v.ctx.settings.timeZone);
      const latest = latestWaitDate(v.item);
      return form(
        v.item,
        a.verb,
        a.label,
        [
          dateInput({
            id: inputId(a.verb, 'until'),
            label: T.waitUntil,
            // Teams shows this for a missing date and for one outside the picker's range alike: say the range.
            required:
              latest >= today
                ? T.waitUntilRequired(formatDate(today), formatDate(latest))
                : T.waitUntilExpired(formatDate(latest), ugdtByName(v.ctx.directory)),
            min: today,
            // Past the legal period the picker would have no valid day; decide() then explains why.
            ...(latest >= today ? { max: latest } : {}),
          }),
          longText(a.verb, 'note', T.waitNote, T.waitNoteRequired),
        ],
        { submit: T.waitSubmit },
      );
    },
    entregar: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          textInput({
            id: inputId(a.verb, 'link'),
            label: T.link,
            style: 'url',
            placeholder: T.linkPlaceholder,
            maxLength: 2000,
          }),
          longText(a.verb, 'note', T.deliveryNote, T.deliveryNoteRequired),
        ],
        {
          submit: T.deliverSubmit,
          intro: T.deliverIntro,
          // Files are uploaded in the tab's form (issue 15): a card cannot carry a file.
          more: [itemDialogAction(T.uploadFiles, 'entregar', v.item.reference)],
        },
      ),
    no_disponible: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', T.reason, T.unavailableRequired)], {
        submit: T.unavailableSubmit,
      }),
    rechazar: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          longText(a.verb, 'reason', T.ground, T.groundRequired),
          textInput({
            id: inputId(a.verb, 'legalGround'),
            label: T.norm,
            required: T.normRequired,
            placeholder: T.normPlaceholder,
            maxLength: 500,
          }),
        ],
        { submit: T.refuseSubmit, intro: T.refuseIntro },
      ),
  },
};
