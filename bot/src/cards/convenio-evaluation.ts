// Convenio periodic evaluation (§4b): compliance with the terms and effectiveness, every N months.
import type { Convenio } from '../../../protocol';
import { choiceSet, facts, heading, text } from './card-elements';
import { formatInstant, formatLocal } from './format';
import { inputId } from './inputs';
import { form, longText, type Step } from './step';

export const COMPLIANCE_LABELS: Record<Convenio['evaluations'][number]['compliance'], string> = {
  cumple: 'Cumple',
  cumple_parcial: 'Cumple parcialmente',
  no_cumple: 'No cumple',
};

export const convenioEvaluationStep: Step<Convenio, 'registrar_evaluacion_periodica'> = {
  body: (v) => {
    const c = v.item;
    const last = c.evaluations.at(-1);
    return [
      heading('Evaluación periódica (§4b)'),
      c.evaluationPending
        ? text('La evaluación periódica está pendiente.', { color: 'attention', weight: 'bolder', spacing: 'small' })
        : undefined,
      facts([
        ['Cada', `${c.evaluationEveryMonths} meses`],
        ['Próxima', formatLocal(c.nextEvaluationDue)],
        ['Última', last && `${formatInstant(last.at, v.ctx.settings.timeZone)}: ${COMPLIANCE_LABELS[last.compliance]}`],
      ]),
    ];
  },
  actions: {
    registrar_evaluacion_periodica: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          choiceSet({
            id: inputId(a.verb, 'compliance'),
            label: 'Cumplimiento de los términos',
            required: 'Elija el nivel de cumplimiento.',
            choices: Object.entries(COMPLIANCE_LABELS),
          }),
          longText(a.verb, 'effectiveness', 'Efectividad', 'Describa la efectividad del convenio.'),
          longText(a.verb, 'findings', 'Hallazgos', 'Indique los hallazgos (o «sin hallazgos»).'),
        ],
        { submit: 'Registrar evaluación' },
      ),
  },
};
