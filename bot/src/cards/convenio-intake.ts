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
import { FORM, INTAKE as COMMON_INTAKE } from './textos/comun';
import { INTAKE } from './textos/convenio';

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
    text(COMMON_INTAKE.convenioTitle, { size: 'large', weight: 'bolder', style: 'heading' }),
    text(INTAKE.intro, { isSubtle: true }),
    heading(INTAKE.convenio),
    line('title', INTAKE.object, INTAKE.objectRequired, { maxLength: 300 }),
    long('purpose', INTAKE.purpose, INTAKE.purposeRequired),
    long('benefits.municipality', INTAKE.municipalBenefit, INTAKE.municipalBenefitRequired),
    long('benefits.counterpart', INTAKE.counterpartBenefit, INTAKE.counterpartBenefitRequired),
    heading(INTAKE.counterpart),
    line('entity.name', INTAKE.entityName, INTAKE.entityNameRequired, { maxLength: 300 }),
    line('entity.rut', INTAKE.entityRut, INTAKE.entityRutRequired, { maxLength: 20 }),
    line('entity.representative.name', INTAKE.representative, INTAKE.representativeRequired),
    line('entity.representative.position', INTAKE.representativePosition),
    line('entity.legalContact.name', INTAKE.legalContact, INTAKE.legalContactRequired),
    line('entity.legalContact.email', INTAKE.legalContactEmail, undefined, { style: 'email' }),
    line('entity.technicalContact.name', INTAKE.technicalContact, INTAKE.technicalContactRequired),
    line('entity.technicalContact.email', INTAKE.technicalContactEmail, undefined, { style: 'email' }),
    heading(INTAKE.municipality),
    choiceSet({
      id: 'municipalTechnicalContact.personId',
      label: INTAKE.municipalContact,
      required: INTAKE.municipalContactRequired,
      placeholder: INTAKE.municipalContactPlaceholder,
      value: v('municipalTechnicalContact.personId'),
      choices: d.people.map((p) => [p.id, INTAKE.person(p.name, unitShortName(d, p.unitId))]),
    }),
    ...legalBasisInputs('', opts.values),
    ...datasetInputs(opts.values, { period: false }),
    ...originInputs(opts.values),
    heading(INTAKE.safeguards),
    long('securityMeasures', INTAKE.security, INTAKE.securityRequired, 4000),
    long('transferMethod', INTAKE.transferMethod, INTAKE.transferMethodRequired, 1000),
    choiceSet({
      id: 'retention.endAction',
      label: INTAKE.endAction,
      required: INTAKE.endActionRequired,
      value: v('retention.endAction'),
      choices: Object.entries(INTAKE.endActions),
    }),
    long('retention.detail', INTAKE.retentionDetail, INTAKE.retentionDetailRequired),
    heading(INTAKE.validity),
    numberInput({
      id: 'durationMonths',
      label: INTAKE.duration,
      required: INTAKE.durationRequired,
      min: 1,
      max: 120,
      ...(v('durationMonths') ? { value: Number(v('durationMonths')) } : {}),
    }),
    choiceSet({
      id: 'renewal',
      label: INTAKE.renewal,
      required: INTAKE.renewalRequired,
      value: v('renewal'),
      choices: Object.entries(INTAKE.renewals),
    }),
    heading(INTAKE.signatures),
    mayor
      ? text(INTAKE.mayorSigns(mayor.name, mayor.position ?? ROLE_LABELS.alcalde), { spacing: 'small' })
      : text(INTAKE.noMayor, { color: 'attention' }),
    line('externalSigner.name', INTAKE.externalSigner, INTAKE.externalSignerRequired),
    line('externalSigner.position', INTAKE.externalSignerPosition, INTAKE.externalSignerPositionRequired),
  ];
  return card(body, [
    execute(INTAKE.submit, { verb: 'convenio.crear' }, 'positive'),
    dialogAction(FORM.fullForm, 'nuevo-convenio'),
  ]);
}
