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

const actualizar = (a: { verb: string; label: string }, v: StepView<Convenio> | StepView<Solicitud>) =>
  form(v.item, a.verb, a.label, legalBasisInputs(inputId(a.verb, '')), {
    intro: `Base legal actual: ${legalBasisText(v.item.legalBasis)}`,
    submit: 'Registrar base legal',
  });

export const solicitudLegalStep: Step<Solicitud, 'actualizar_base_legal'> = {
  body: (v) =>
    isLegacyLegalBasis(v.item.legalBasis)
      ? [banner([LEGAL_BASIS_REVIEW_LABEL, 'Registre la base legal estructurada (ley y artículo).'], 'warning')]
      : [],
  actions: { actualizar_base_legal: actualizar },
};

export const convenioLegalStep: Step<
  Convenio,
  'actualizar_base_legal' | 'registrar_eipd' | 'registrar_autorizacion_origen'
> = {
  body: (v) => {
    const flags = convenioLegalFlags(v.item);
    return flags.length ? [heading('Base legal y resguardos'), text(flags.join(' · '), { color: 'warning' })] : [];
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
            label: 'Fecha de la evaluación de impacto',
            required: 'Indique la fecha.',
            max: toLocalDate(v.ctx.now, v.ctx.settings.timeZone),
          }),
          textInput({
            id: inputId(a.verb, 'author'),
            label: 'Autor',
            required: 'Indique quién la realizó.',
            maxLength: 200,
          }),
          textInput({
            id: inputId(a.verb, 'documentName'),
            label: 'Documento',
            required: 'Indique el nombre del documento.',
            maxLength: 200,
          }),
          textInput({ id: inputId(a.verb, 'url'), label: 'Enlace (opcional)', style: 'url', maxLength: 2000 }),
        ],
        { submit: 'Registrar EIPD', intro: 'Evaluación de impacto en protección de datos (Ley 21.719).' },
      ),
    registrar_autorizacion_origen: (a, v) =>
      form(
        v.item,
        a.verb,
        a.label,
        [
          textInput({
            id: inputId(a.verb, 'dataset'),
            label: 'Conjunto de datos',
            required: 'Indique el conjunto de datos.',
            value: unauthorizedOrigins(v.item)[0],
            maxLength: 200,
          }),
          textInput({
            id: inputId(a.verb, 'body'),
            label: 'Organismo que autoriza',
            required: 'Indique el organismo.',
            maxLength: 300,
          }),
          textInput({
            id: inputId(a.verb, 'evidence'),
            label: 'Documento que acredita la autorización',
            required: 'Indique el documento.',
            multiline: true,
            maxLength: 1000,
          }),
          dateInput({
            id: inputId(a.verb, 'date'),
            label: 'Fecha de la autorización',
            required: 'Indique la fecha.',
            max: toLocalDate(v.ctx.now, v.ctx.settings.timeZone),
          }),
          textInput({ id: inputId(a.verb, 'url'), label: 'Enlace (opcional)', style: 'url', maxLength: 2000 }),
        ],
        { submit: 'Registrar autorización' },
      ),
  },
};
