// Convenio needs assessment (§3a, §5 a–d): SECPLAN records the checklist, the Administrador(a) Municipal decides.
import { CHECKLIST_ITEMS, CHECKLIST_LABELS, type Convenio } from '../../../protocol';
import { container, heading, text, textInput, toggle, type CardElement } from './card-elements';
import { formatInstant } from './format';
import { inputId } from './inputs';
import { form, longText, TEXT_MAX, type Step } from './step';

type AssessmentVerb = 'registrar_evaluacion' | 'aprobar_evaluacion';

/** The recorded checklist, one line per criterion, so the Administración decides on what SECPLAN saw. */
export function recordedChecklist(c: Convenio, timeZone: string): CardElement[] {
  const a = c.assessment;
  if (!a)
    return [text('SECPLAN aún no registra la evaluación de necesidad (§5).', { isSubtle: true, spacing: 'small' })];
  return [
    text(
      `Registrada por ${a.by.name} el ${formatInstant(a.at, timeZone)}` +
        (a.committeeSession ? ` · ${a.committeeSession}` : ''),
      { isSubtle: true, spacing: 'small' },
    ),
    ...CHECKLIST_ITEMS.map((k) => {
      const item = a.checklist[k];
      return container(
        [
          text(`${item.ok ? 'Cumple' : 'No cumple'}: ${CHECKLIST_LABELS[k]}`, {
            color: item.ok ? 'good' : 'attention',
            weight: 'bolder',
          }),
          item.note ? text(item.note, { isSubtle: true, spacing: 'none' }) : undefined,
        ],
        { spacing: 'small' },
      );
    }),
  ];
}

export const convenioAssessmentStep: Step<Convenio, AssessmentVerb> = {
  body: (v) => [heading('Evaluación de necesidad (§5)'), ...recordedChecklist(v.item, v.ctx.settings.timeZone)],
  actions: {
    registrar_evaluacion: (a, v) => {
      const prior = v.item.assessment;
      const inputs = CHECKLIST_ITEMS.flatMap((k) => [
        toggle({
          id: inputId(a.verb, `checklist.${k}.ok`),
          label: k === 'necesidad' ? 'Criterios del §5' : '',
          title: CHECKLIST_LABELS[k],
          on: prior?.checklist[k].ok ?? false,
        }),
        textInput({
          id: inputId(a.verb, `checklist.${k}.note`),
          label: 'Observación (opcional)',
          value: prior?.checklist[k].note ?? '',
          maxLength: TEXT_MAX,
        }),
      ]);
      return form(
        v.item,
        a.verb,
        a.label,
        [
          ...inputs,
          textInput({
            id: inputId(a.verb, 'committeeSession'),
            label: 'Sesión del Comité de Datos (opcional)',
            placeholder: 'Ej.: Sesión ordinaria N° 3',
            value: prior?.committeeSession ?? '',
            maxLength: 200,
          }),
        ],
        { submit: 'Registrar evaluación', intro: 'Marque cada criterio que el convenio cumple.' },
      );
    },
    aprobar_evaluacion: (a, v) =>
      form(
        v.item,
        a.verb,
        'Aprobar',
        [longText(a.verb, 'note', 'Nota de aprobación', 'Escriba la nota de aprobación.')],
        {
          submit: 'Aprobar evaluación',
          intro: 'Solo se aprueba si los cuatro criterios del §5 se cumplen; luego SECPLAN redacta el convenio.',
        },
      ),
  },
};
