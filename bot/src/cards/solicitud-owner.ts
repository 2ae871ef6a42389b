// Internal request, owner unit's step (§2c): acknowledge, give a wait time, deliver, say it is not available, or
// refuse with legal grounds.
import { addPeriod, extensionLeft, formatDate, toLocalDate, type Solicitud } from '../../../protocol';
import { dateInput, facts, heading, textInput } from './card-elements';
import { periodWords } from './format';
import { inputId } from './inputs';
import { direct, form, longText, type Step, type StepView } from './step';

type OwnerVerb = 'acusar_recibo' | 'indicar_plazo' | 'entregar' | 'no_disponible' | 'rechazar';

/**
 * The latest wait time the unit may give: the answer deadline plus the unused art. 26 allowance. Only a hint for
 * the date picker; decide() refuses a later date with its own message.
 */
function latestWaitDate(v: StepView<Solicitud>): { date: string; left: number } {
  const answer = v.item.deadlines.answer;
  const left = extensionLeft(answer);
  const date = addPeriod(
    v.ctx.calendar,
    answer.dueDate,
    { amount: left, unit: answer.period.unit },
    v.ctx.settings.timeZone,
  );
  return { date, left };
}

export const solicitudOwnerStep: Step<Solicitud, OwnerVerb> = {
  body: (v) => {
    const s = v.item;
    const latest = latestWaitDate(v);
    return [
      heading('Respuesta de la unidad dueña del dato'),
      facts([
        ['Acuse de recibo', s.acknowledged ? 'registrado' : `hasta el ${formatDate(s.deadlines.acknowledge.dueDate)}`],
        ['Respuesta', `hasta el ${formatDate(s.deadlines.answer.dueDate)}`],
        [
          'Plazo máximo a indicar',
          `${formatDate(latest.date)} (incluye ${periodWords(latest.left, s.deadlines.answer.period.unit)} de prórroga, art. 26)`,
        ],
      ]),
    ];
  },
  actions: {
    acusar_recibo: (a, v) => direct(v.item, a.verb, a.label, 'positive'),
    indicar_plazo: (a, v) => {
      const today = toLocalDate(v.ctx.now, v.ctx.settings.timeZone);
      const latest = latestWaitDate(v).date;
      return form(
        v.item,
        a.verb,
        a.label,
        [
          dateInput({
            id: inputId(a.verb, 'until'),
            label: 'Fecha comprometida de entrega',
            required: 'Indique la fecha de entrega.',
            min: today,
            // Past the allowance the picker would have no valid day; decide() then explains the prórroga.
            ...(latest >= today ? { max: latest } : {}),
          }),
          longText(a.verb, 'note', 'Nota para quien solicita', 'Escriba una nota (al menos 3 caracteres).'),
        ],
        { submit: 'Indicar plazo' },
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
            label: 'Enlace a los datos',
            style: 'url',
            placeholder: 'https://…',
            maxLength: 2000,
          }),
          textInput({ id: inputId(a.verb, 'fileName'), label: 'Nombre del archivo enviado', maxLength: 200 }),
          longText(a.verb, 'note', 'Nota de entrega', 'Escriba una nota de entrega (al menos 3 caracteres).'),
        ],
        {
          submit: 'Entregar',
          style: 'positive',
          intro: 'Indique el enlace (SharePoint u otro) o el nombre del archivo enviado; al menos uno de los dos.',
        },
      ),
    no_disponible: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [longText(a.verb, 'reason', 'Motivo', 'Indique por qué los datos no están disponibles.')],
        { submit: 'Informar no disponible', style: 'destructive' },
      ),
    rechazar: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          longText(a.verb, 'reason', 'Fundamento', 'Indique el fundamento del rechazo.'),
          textInput({
            id: inputId(a.verb, 'legalGround'),
            label: 'Norma que lo impide',
            required: 'Indique la norma (por ejemplo, Ley 19.628 art. 10).',
            placeholder: 'Ej.: Ley 19.628 art. 10',
            maxLength: 500,
          }),
        ],
        {
          submit: 'Rechazar',
          style: 'destructive',
          intro: 'El rechazo fundado queda visible para la UGDT y para quien solicita.',
        },
      ),
  },
};
