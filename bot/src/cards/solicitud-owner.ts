// Internal request, owner unit's step (§2c): acknowledge, give a wait time (within the legal period), deliver, say it
// is not available, or refuse with legal grounds. Asking for an extension and correcting the classification are in
// solicitud-owner-extras.ts; action-bar.ts decides which of them are in view.
import { formatDate, latestWaitDate, pendingExtensionRequest, toLocalDate, type Solicitud } from '../../../protocol';
import { dateInput, facts, heading, textInput } from './card-elements';
import { periodWords } from './format';
import { inputId } from './inputs';
import { direct, form, longText, type Step } from './step';

type OwnerVerb = 'acusar_recibo' | 'indicar_plazo' | 'entregar' | 'no_disponible' | 'rechazar';

export const solicitudOwnerStep: Step<Solicitud, OwnerVerb> = {
  body: (v) => {
    const s = v.item;
    const pending = pendingExtensionRequest(s);
    const reiterated = s.reiterations?.at(-1);
    return [
      heading('Respuesta de la unidad dueña del dato'),
      facts([
        ['Acuse de recibo', s.acknowledged ? 'registrado' : `hasta el ${formatDate(s.deadlines.acknowledge.dueDate)}`],
        ['Respuesta', `hasta el ${formatDate(s.deadlines.answer.dueDate)}`],
        ['Plazo máximo a indicar', `${formatDate(latestWaitDate(s))} (plazo legal; para más, solicite una prórroga)`],
        [
          'Prórroga solicitada',
          pending &&
            `${periodWords(pending.amount, s.deadlines.answer.period.unit)}, en espera de la decisión de la UGDT`,
        ],
        [
          'Oficio reiterativo',
          reiterated && `responda a más tardar el ${formatDate(reiterated.until)} (la solicitud sigue fuera de plazo)`,
        ],
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
            label: 'Fecha comprometida de entrega',
            // Teams shows this for a missing date and for one outside the picker's range alike: say the range.
            required:
              latest >= today
                ? `Elija una fecha entre hoy (${formatDate(today)}) y el ${formatDate(latest)} (plazo legal).`
                : 'Indique la fecha de entrega.',
            min: today,
            // Past the legal period the picker would have no valid day; decide() then explains why.
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
          intro: 'Indique el enlace (SharePoint u otro) o el nombre del archivo enviado; al menos uno de los dos.',
        },
      ),
    no_disponible: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [longText(a.verb, 'reason', 'Motivo', 'Indique por qué los datos no están disponibles.')],
        { submit: 'Informar no disponible' },
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
          intro: 'El rechazo fundado queda visible para la UGDT y para quien solicita.',
        },
      ),
  },
};
