// Convenio needs assessment (§3a, §5 a–d): SECPLAN records the checklist, the Administrador(a) Municipal decides.
import { CHECKLIST_ITEMS, CHECKLIST_LABELS, type Convenio } from '../../../protocol';
import { container, heading, text, textInput, toggle, type CardElement } from './card-elements';
import { formatInstant } from './format';
import { inputId } from './inputs';
import { form, longText, TEXT_MAX, type Step } from './step';
import { ASSESSMENT } from './textos/convenio';

type AssessmentVerb = 'registrar_evaluacion' | 'aprobar_evaluacion';

/** The recorded checklist, one line per criterion, so the Administración decides on what SECPLAN saw. */
export function recordedChecklist(c: Convenio, timeZone: string): CardElement[] {
  const a = c.assessment;
  if (!a) return [text(ASSESSMENT.notRecorded, { isSubtle: true, spacing: 'small' })];
  return [
    text(ASSESSMENT.recorded(a.by.name, formatInstant(a.at, timeZone), a.committeeSession), {
      isSubtle: true,
      spacing: 'small',
    }),
    ...CHECKLIST_ITEMS.map((k) => {
      const item = a.checklist[k];
      return container(
        [
          text(ASSESSMENT.criterion(item.ok, CHECKLIST_LABELS[k]), {
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
  body: (v) => [heading(ASSESSMENT.heading), ...recordedChecklist(v.item, v.ctx.settings.timeZone)],
  actions: {
    registrar_evaluacion: (a, v) => {
      const prior = v.item.assessment;
      const inputs = CHECKLIST_ITEMS.flatMap((k) => [
        toggle({
          id: inputId(a.verb, `checklist.${k}.ok`),
          label: k === 'necesidad' ? ASSESSMENT.criteria : '',
          title: CHECKLIST_LABELS[k],
          on: prior?.checklist[k].ok ?? false,
        }),
        textInput({
          id: inputId(a.verb, `checklist.${k}.note`),
          label: ASSESSMENT.observation,
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
            label: ASSESSMENT.session,
            placeholder: ASSESSMENT.sessionExample,
            value: prior?.committeeSession ?? '',
            maxLength: 200,
          }),
        ],
        { submit: ASSESSMENT.submit, intro: ASSESSMENT.intro },
      );
    },
    aprobar_evaluacion: (a, v) =>
      form(
        v.item,
        a.verb,
        ASSESSMENT.approve,
        [longText(a.verb, 'note', ASSESSMENT.approvalNote, ASSESSMENT.approvalNoteRequired)],
        { submit: ASSESSMENT.approveSubmit, intro: ASSESSMENT.approveIntro },
      ),
  },
};
