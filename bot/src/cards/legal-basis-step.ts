// Rules 6 and 7 on the card: the basis on record (flagged «Base legal por revisar» while it is an old free text),
// «EIPD pendiente» and pending origin authorizations, and the forms that settle them.
import {
  convenioLegalFlags,
  isLegacyLegalBasis,
  LEGAL_BASIS_REVIEW_LABEL,
  legalBasisText,
  toLocalDate,
  unauthorizedOrigins,
  type Convenio,
  type Solicitud,
} from '../../../protocol';
import { banner, dateInput, heading, text, textInput } from './card-elements';
import { inputId } from './inputs';
import { legalBasisInputs } from './legal-basis-inputs';
import { form, type Step, type StepView } from './step';
import { LEGAL_STEP } from './textos/datos';

const actualizar = (a: { verb: string; label: string }, v: StepView<Convenio> | StepView<Solicitud>) =>
  form(v.item, a.verb, a.label, legalBasisInputs(inputId(a.verb, '')), {
    intro: LEGAL_STEP.current(legalBasisText(v.item.legalBasis)),
    submit: LEGAL_STEP.submit,
  });

export const solicitudLegalStep: Step<Solicitud, 'actualizar_base_legal'> = {
  body: (v) =>
    isLegacyLegalBasis(v.item.legalBasis)
      ? [banner([LEGAL_BASIS_REVIEW_LABEL, LEGAL_STEP.structuredNeeded], 'warning')]
      : [],
  actions: { actualizar_base_legal: actualizar },
};

export const convenioLegalStep: Step<
  Convenio,
  'actualizar_base_legal' | 'registrar_eipd' | 'registrar_autorizacion_origen'
> = {
  body: (v) => {
    const flags = convenioLegalFlags(v.item);
    return flags.length ? [heading(LEGAL_STEP.heading), text(flags.join(' · '), { color: 'warning' })] : [];
  },
  actions: {
    actualizar_base_legal: actualizar,
    registrar_eipd: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          dateInput({
            id: inputId(a.verb, 'date'),
            label: LEGAL_STEP.eipdDate,
            required: LEGAL_STEP.dateRequired,
            max: toLocalDate(v.ctx.now, v.ctx.settings.timeZone),
          }),
          textInput({
            id: inputId(a.verb, 'author'),
            label: LEGAL_STEP.eipdAuthor,
            required: LEGAL_STEP.eipdAuthorRequired,
            maxLength: 200,
          }),
          textInput({
            id: inputId(a.verb, 'documentName'),
            label: LEGAL_STEP.eipdDocument,
            required: LEGAL_STEP.eipdDocumentRequired,
            maxLength: 200,
          }),
          textInput({ id: inputId(a.verb, 'url'), label: LEGAL_STEP.link, style: 'url', maxLength: 2000 }),
        ],
        { submit: LEGAL_STEP.eipdSubmit, intro: LEGAL_STEP.eipdIntro },
      ),
    registrar_autorizacion_origen: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          textInput({
            id: inputId(a.verb, 'dataset'),
            label: LEGAL_STEP.originDataset,
            required: LEGAL_STEP.originDatasetRequired,
            value: unauthorizedOrigins(v.item)[0],
            maxLength: 200,
          }),
          textInput({
            id: inputId(a.verb, 'body'),
            label: LEGAL_STEP.originBody,
            required: LEGAL_STEP.originBodyRequired,
            maxLength: 300,
          }),
          textInput({
            id: inputId(a.verb, 'evidence'),
            label: LEGAL_STEP.originEvidence,
            required: LEGAL_STEP.originEvidenceRequired,
            multiline: true,
            maxLength: 1000,
          }),
          dateInput({
            id: inputId(a.verb, 'date'),
            label: LEGAL_STEP.originDate,
            required: LEGAL_STEP.dateRequired,
            max: toLocalDate(v.ctx.now, v.ctx.settings.timeZone),
          }),
          textInput({ id: inputId(a.verb, 'url'), label: LEGAL_STEP.link, style: 'url', maxLength: 2000 }),
        ],
        { submit: LEGAL_STEP.originSubmit },
      ),
  },
};
