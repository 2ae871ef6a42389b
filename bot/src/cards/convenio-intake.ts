// "nuevo convenio": the intake form of a data-sharing agreement (§3, §5). Submits `convenio.crear`. The municipal
// technical contact is chosen from the directory and the municipal signer is the directory's Alcalde: both are
// resolved again on the server from their ids (createFromInvoke), never taken from the card.
import { holdersOf, ROLE_LABELS } from '../../../protocol';
import {
  card,
  choiceSet,
  dialogAction,
  execute,
  heading,
  numberInput,
  text,
  textInput,
  type CardElement,
} from './card-elements';
import type { AdaptiveCard, CardContext } from './contract';
import { datasetInputs, valueOf } from './dataset-inputs';
import { unitShortName } from './format';
import { legalBasisInputs, originInputs } from './legal-basis-inputs';
import type { IntakeOptions } from './solicitud-intake';

export function convenioIntakeCard(ctx: CardContext, opts: IntakeOptions = {}): AdaptiveCard {
  const v = (id: string) => valueOf(opts.values, id);
  const line = (id: string, label: string, required?: string, extra: { maxLength?: number; style?: 'email' } = {}) =>
    textInput({
      id,
      label,
      ...(required ? { required } : {}),
      value: v(id),
      maxLength: extra.maxLength ?? 200,
      ...extra,
    });
  const long = (id: string, label: string, required: string, maxLength = 2000) =>
    textInput({ id, label, required, multiline: true, maxLength, value: v(id) });
  const d = ctx.directory;
  const mayor = holdersOf(d, 'alcalde')[0];

  const body: (CardElement | undefined)[] = [
    text('Nuevo convenio de intercambio de datos', { size: 'large', weight: 'bolder', style: 'heading' }),
    text('SECPLAN y la Administración Municipal evaluarán la necesidad (§3a, §5) antes de redactar el convenio.', {
      isSubtle: true,
    }),
    heading('Convenio'),
    line('title', 'Objeto del convenio', 'Indique el objeto (al menos 3 caracteres).', { maxLength: 300 }),
    long('purpose', 'Propósito', 'Indique el propósito.'),
    long('benefits.municipality', 'Beneficio para el municipio (§5b)', 'Indique el beneficio para el municipio.'),
    long('benefits.counterpart', 'Beneficio para la contraparte (§5b)', 'Indique el beneficio para la contraparte.'),
    heading('Contraparte'),
    line('entity.name', 'Nombre de la entidad', 'Indique el nombre de la entidad.', { maxLength: 300 }),
    line('entity.rut', 'RUT de la entidad', 'Indique un RUT válido, con dígito verificador.', { maxLength: 20 }),
    line('entity.representative.name', 'Representante legal', 'Indique el nombre del representante.'),
    line('entity.representative.position', 'Cargo del representante (opcional)'),
    line('entity.legalContact.name', 'Contacto jurídico', 'Indique el contacto jurídico.'),
    line('entity.legalContact.email', 'Correo del contacto jurídico (opcional)', undefined, { style: 'email' }),
    line('entity.technicalContact.name', 'Contraparte técnica', 'Indique la contraparte técnica.'),
    line('entity.technicalContact.email', 'Correo de la contraparte técnica (opcional)', undefined, {
      style: 'email',
    }),
    heading('Municipalidad'),
    choiceSet({
      id: 'municipalTechnicalContact.personId',
      label: 'Contraparte técnica municipal',
      required: 'Elija la contraparte técnica municipal.',
      placeholder: 'Elija una persona',
      value: v('municipalTechnicalContact.personId'),
      choices: d.people.map((p) => [p.id, `${p.name} (${unitShortName(d, p.unitId)})`]),
    }),
    ...legalBasisInputs('', opts.values),
    ...datasetInputs(opts.values, { period: false }),
    ...originInputs(opts.values),
    heading('Resguardos'),
    long('securityMeasures', 'Medidas de protección y seguridad', 'Indique las medidas de seguridad.', 4000),
    long('transferMethod', 'Método de transferencia', 'Indique el método de transferencia.', 1000),
    choiceSet({
      id: 'retention.endAction',
      label: 'Al término, los datos se',
      required: 'Elija si los datos se eliminan o se devuelven.',
      value: v('retention.endAction'),
      choices: [
        ['eliminacion', 'Eliminan'],
        ['devolucion', 'Devuelven'],
      ],
    }),
    long('retention.detail', 'Detalle de la eliminación o devolución', 'Indique cómo se eliminan o devuelven.'),
    heading('Vigencia'),
    numberInput({
      id: 'durationMonths',
      label: 'Duración (meses)',
      required: 'Indique la duración, entre 1 y 120 meses.',
      min: 1,
      max: 120,
      ...(v('durationMonths') ? { value: Number(v('durationMonths')) } : {}),
    }),
    choiceSet({
      id: 'renewal',
      label: 'Renovación',
      required: 'Elija la forma de renovación.',
      value: v('renewal'),
      choices: [
        ['expresa', 'Expresa'],
        ['automatica', 'Automática'],
        ['sin_renovacion', 'Sin renovación'],
      ],
    }),
    heading('Firmas'),
    mayor
      ? text(`Por la Municipalidad firma ${mayor.name}, ${mayor.position ?? ROLE_LABELS.alcalde}.`, {
          spacing: 'small',
        })
      : text('El directorio no tiene Alcalde(sa): el convenio no podrá registrarse.', { color: 'attention' }),
    line('externalSigner.name', 'Firmante de la contraparte', 'Indique quién firma por la contraparte.'),
    line('externalSigner.position', 'Cargo del firmante de la contraparte', 'Indique el cargo del firmante.'),
  ];
  return card(body, [
    execute('Registrar convenio', { verb: 'convenio.crear' }, 'positive'),
    dialogAction('Formulario completo', 'nuevo-convenio'),
  ]);
}
