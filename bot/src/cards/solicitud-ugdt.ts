// Internal request, UGDT's step (§2b): remind the owner unit, reassign, decide the unit's extension request or extend
// de oficio before the deadline (Ley 19.880 art. 26), reiterate after it (oficio reiterativo) or close a stuck
// request. The UGDT may do this on any open request; the card leads with the overdue state when there is one.
import {
  addDays,
  extensionLeft,
  formatDate,
  maxExtension,
  nextWorkingDayOnOrAfter,
  pendingExtensionRequest,
  toLocalDate,
  type Solicitud,
} from '../../../protocol';
import { choiceSet, dateInput, facts, heading, text, textInput } from './card-elements';
import { formatInstant, periodWords, unitShortName } from './format';
import { inputId } from './inputs';
import { direct, form, longText, type Step } from './step';
import { extensionForm } from './solicitud-owner-extras';
import { UGDT as T } from './textos/solicitud';

type UgdtVerb =
  'recordar' | 'reasignar' | 'prorrogar' | 'cerrar' | 'conceder_prorroga' | 'denegar_prorroga' | 'reiterar';

export const solicitudUgdtStep: Step<Solicitud, UgdtVerb> = {
  body: (v) => {
    const s = v.item;
    const tz = v.ctx.settings.timeZone;
    const answer = s.deadlines.answer;
    const unit = answer.period.unit;
    const overdue = s.overdue;
    const lastReminder = s.reminders.at(-1);
    const pending = pendingExtensionRequest(s);
    return [
      heading(T.heading),
      overdue
        ? text(
            T.overdue(
              overdue.deadline === 'acknowledge' ? T.overdueAcknowledge : T.overdueAnswer,
              formatInstant(overdue.since, tz),
            ),
            { color: 'attention', weight: 'bolder', spacing: 'small' },
          )
        : undefined,
      facts([
        [
          T.extensionLeft,
          T.extensionLeftValue(
            periodWords(extensionLeft(answer), unit),
            periodWords(maxExtension(answer.period).amount, unit),
          ),
        ],
        [
          T.answerUntil,
          formatDate(answer.dueDate) + (answer.extended ? T.extendedBy(periodWords(answer.extended, unit)) : ''),
        ],
        [T.extensions, s.extensions.length ? String(s.extensions.length) : undefined],
        [T.extensionRequested, pending && T.extensionRequestedValue(periodWords(pending.amount, unit), pending.reason)],
        [
          T.reiterations,
          s.reiterations?.length
            ? s.reiterations.map((r) => T.reiterationUntil(formatDate(r.until))).join('; ')
            : undefined,
        ],
        [
          T.lastReminder,
          lastReminder &&
            formatInstant(lastReminder.at, tz) + (lastReminder.automatic ? T.reminderAutomatic : T.reminderByUgdt),
        ],
        [T.reassignments, s.reassignments.length ? String(s.reassignments.length) : undefined],
      ]),
    ];
  },
  actions: {
    recordar: (a, v) => direct(v.item, a.verb, a.label),
    reasignar: (a, v) => {
      const s = v.item;
      const d = v.ctx.directory;
      // decide() refuses the same unit and the requesting unit; leaving them out spares a useless round trip.
      const units = d.units.filter((u) => u.id !== s.ownerUnitId && u.id !== s.requester.unitId);
      const people = d.people.filter((p) => p.unitId !== s.requester.unitId);
      return form(
        s,
        a.verb,
        a.label,
        [
          choiceSet({
            id: inputId(a.verb, 'unitId'),
            label: T.newOwnerUnit,
            required: T.unitRequired,
            placeholder: T.chooseUnit,
            choices: units.map((u) => [u.id, u.name]),
          }),
          choiceSet({
            id: inputId(a.verb, 'assigneeId'),
            label: T.assignee,
            placeholder: T.anyone,
            choices: people.map((p) => [p.id, `${p.name} (${unitShortName(d, p.unitId)})`]),
          }),
          longText(a.verb, 'reason', T.reason, T.reassignReasonRequired),
        ],
        { submit: T.reassignSubmit, intro: T.reassignIntro },
      );
    },
    prorrogar: (a, v) => {
      const answer = v.item.deadlines.answer;
      return extensionForm(v.item, a.verb, a.label, T.extendReasonRequired, {
        submit: T.extendSubmit,
        intro: T.extendIntro(formatDate(answer.dueDate), periodWords(extensionLeft(answer), answer.period.unit)),
      });
    },
    conceder_prorroga: (a, v) => {
      const pending = pendingExtensionRequest(v.item);
      const answer = v.item.deadlines.answer;
      return form(
        v.item,
        a.verb,
        a.label,
        [
          textInput({
            id: inputId(a.verb, 'note'),
            label: T.note,
            multiline: true,
            maxLength: 2000,
          }),
        ],
        {
          submit: T.grantSubmit,
          intro: pending
            ? T.grantIntro(periodWords(pending.amount, answer.period.unit), formatDate(answer.dueDate))
            : undefined,
        },
      );
    },
    denegar_prorroga: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', T.reason, T.denyReasonRequired)], {
        submit: T.denySubmit,
      }),
    reiterar: (a, v) => {
      const today = toLocalDate(v.ctx.now, v.ctx.settings.timeZone);
      const min = nextWorkingDayOnOrAfter(v.ctx.calendar, addDays(today, 1));
      return form(
        v.item,
        a.verb,
        a.label,
        [
          dateInput({
            id: inputId(a.verb, 'until'),
            label: T.newAnswerDate,
            required: T.newAnswerDateRequired(formatDate(min)),
            min,
          }),
          longText(a.verb, 'reason', T.reason, T.reiterateReasonRequired),
        ],
        { submit: T.reiterateSubmit, intro: T.reiterateIntro(formatDate(v.item.deadlines.answer.dueDate)) },
      );
    },
    cerrar: (a, v) =>
      form(v.item, a.verb, T.close, [longText(a.verb, 'reason', T.reason, T.closeReasonRequired)], { submit: T.close }),
  },
};
