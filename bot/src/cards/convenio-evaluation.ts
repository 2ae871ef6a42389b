// Convenio periodic evaluation (§4b): compliance with the terms and effectiveness, every N months.
import type { Convenio } from '../../../protocol';
import { choiceSet, facts, heading, text } from './card-elements';
import { formatInstant, formatLocal } from './format';
import { inputId } from './inputs';
import { form, longText, type Step } from './step';
import { PERIOD } from './textos/comun';
import { EVALUATION } from './textos/convenio';

export const COMPLIANCE_LABELS: Record<Convenio['evaluations'][number]['compliance'], string> = EVALUATION.compliance;

export const convenioEvaluationStep: Step<Convenio, 'registrar_evaluacion_periodica'> = {
  body: (v) => {
    const c = v.item;
    const last = c.evaluations.at(-1);
    return [
      heading(EVALUATION.heading),
      c.evaluationPending
        ? text(EVALUATION.pending, { color: 'attention', weight: 'bolder', spacing: 'small' })
        : undefined,
      facts([
        [EVALUATION.every, PERIOD.months(c.evaluationEveryMonths)],
        [EVALUATION.next, formatLocal(c.nextEvaluationDue)],
        [
          EVALUATION.last,
          last &&
            EVALUATION.lastValue(formatInstant(last.at, v.ctx.settings.timeZone), COMPLIANCE_LABELS[last.compliance]),
        ],
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
            label: EVALUATION.complianceLabel,
            required: EVALUATION.complianceRequired,
            choices: Object.entries(COMPLIANCE_LABELS),
          }),
          longText(a.verb, 'effectiveness', EVALUATION.effectiveness, EVALUATION.effectivenessRequired),
          longText(a.verb, 'findings', EVALUATION.findings, EVALUATION.findingsRequired),
        ],
        { submit: EVALUATION.submit },
      ),
  },
};
