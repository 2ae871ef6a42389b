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
      heading('Seguimiento de la UGDT'),
      overdue
        ? text(
            `Plazo vencido: ${overdue.deadline === 'acknowledge' ? 'acuse de recibo' : 'respuesta'} ` +
              `desde el ${formatInstant(overdue.since, tz)}. Puede recordar, reiterar, reasignar o cerrar; ` +
              'un plazo vencido no se prorroga (Ley 19.880 art. 26).',
            { color: 'attention', weight: 'bolder', spacing: 'small' },
          )
        : undefined,
      facts([
        [
          'Prórroga disponible (art. 26)',
          `${periodWords(extensionLeft(answer), unit)} de un máximo de ${periodWords(maxExtension(answer.period).amount, unit)}`,
        ],
        [
          'Respuesta hasta',
          `${formatDate(answer.dueDate)}${answer.extended ? ` (con ${periodWords(answer.extended, unit)} de prórroga)` : ''}`,
        ],
        ['Prórrogas otorgadas', s.extensions.length ? String(s.extensions.length) : undefined],
        [
          'Prórroga solicitada por la unidad',
          pending && `${periodWords(pending.amount, unit)}: ${pending.reason} — decida antes del vencimiento`,
        ],
        [
          'Oficios reiterativos',
          s.reiterations?.length
            ? s.reiterations.map((r) => `respuesta al ${formatDate(r.until)}`).join('; ')
            : undefined,
        ],
        [
          'Último recordatorio',
          lastReminder &&
            `${formatInstant(lastReminder.at, tz)}${lastReminder.automatic ? ' (automático)' : ' (UGDT)'}`,
        ],
        ['Reasignaciones', s.reassignments.length ? String(s.reassignments.length) : undefined],
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
            label: 'Nueva unidad dueña del dato',
            required: 'Elija la unidad.',
            placeholder: 'Elija una unidad',
            choices: units.map((u) => [u.id, u.name]),
          }),
          choiceSet({
            id: inputId(a.verb, 'assigneeId'),
            label: 'Persona que responde (opcional; de la unidad elegida)',
            placeholder: 'Cualquier responsable de la unidad',
            choices: people.map((p) => [p.id, `${p.name} (${unitShortName(d, p.unitId)})`]),
          }),
          longText(a.verb, 'reason', 'Motivo', 'Indique el motivo de la reasignación.'),
        ],
        { submit: 'Reasignar', intro: 'Los plazos se cuentan de nuevo desde hoy para la unidad elegida.' },
      );
    },
    prorrogar: (a, v) => {
      const answer = v.item.deadlines.answer;
      return extensionForm(v.item, a.verb, a.label, 'Indique el motivo de la prórroga.', {
        submit: 'Prorrogar',
        intro: `Vence el ${formatDate(answer.dueDate)}. Ley 19.880 art. 26: la prórroga no puede exceder la mitad del plazo original; quedan ${periodWords(extensionLeft(answer), answer.period.unit)}.`,
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
            label: 'Nota (opcional)',
            multiline: true,
            maxLength: 2000,
          }),
        ],
        {
          submit: 'Conceder prórroga',
          intro: pending
            ? `La unidad pide ${periodWords(pending.amount, answer.period.unit)} más; la respuesta vence el ${formatDate(answer.dueDate)}.`
            : undefined,
        },
      );
    },
    denegar_prorroga: (a, v) =>
      form(v.item, a.verb, a.label, [longText(a.verb, 'reason', 'Motivo', 'Indique el motivo de la denegación.')], {
        submit: 'Denegar prórroga',
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
            label: 'Nueva fecha de respuesta',
            required: `Elija una fecha hábil desde el ${formatDate(min)}.`,
            min,
          }),
          longText(a.verb, 'reason', 'Motivo', 'Indique el motivo del oficio reiterativo.'),
        ],
        {
          submit: 'Reiterar',
          intro:
            `La respuesta venció el ${formatDate(v.item.deadlines.answer.dueDate)}. El oficio reiterativo recuerda ` +
            'la solicitud a la unidad con una nueva fecha; la solicitud sigue contando como fuera de plazo.',
        },
      );
    },
    cerrar: (a, v) =>
      form(
        v.item,
        a.verb,
        'Cerrar solicitud',
        [longText(a.verb, 'reason', 'Motivo', 'Indique el motivo del cierre.')],
        {
          submit: 'Cerrar solicitud',
        },
      ),
  },
};
