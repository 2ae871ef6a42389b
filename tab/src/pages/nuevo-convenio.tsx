// Nuevo convenio: an external data-sharing agreement (§3–§6) with the API's own validation (createConvenioSchema):
// the counterpart with its RUT and contacts, the datasets, the clauses and the signers. It starts in the needs
// assessment (evaluación, §5) at SECPLAN.
import { Button, Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createConvenioSchema, type Item, type Persona } from '../../../protocol';
import { RENEWAL_LABELS } from '../../../protocol';
import { ApiError, postJson } from '../api';
import { ContactFields, RutF, contactBody, emptyContact, type ContactDraft } from '../components/form-contact';
import { DatasetFields, datasetBody, emptyDataset, type DatasetDraft } from '../components/form-dataset';
import {
  FieldGrid,
  FormSection,
  RadioF,
  SelectF,
  TextF,
  focusFirstInvalid,
  num,
  opt,
  SubmitButton,
  useFormCheck,
} from '../components/form-kit';
import {
  LegalBasisFields,
  OriginFields,
  emptyLegalBasis,
  emptyOrigin,
  legalBasisBody,
  originBody,
  type LegalBasisDraft,
  type OriginDraft,
} from '../components/form-legal-basis';
import { SignersFields, initialSigners, signersBody, type SignerDraft } from '../components/form-signers';
import { ServerSummary } from '../components/form-summary';
import { useNotify } from '../notify';
import { detailPath, useRouter } from '../router';
import { useSession } from '../session';
import { useFetch } from '../components/use-fetch';
import { NUEVO_CONVENIO as T, NUEVO_CONVENIO_AVISOS } from '../textos/pagina-nuevo-convenio';

interface Draft {
  title: string;
  purpose: string;
  legalBasis: LegalBasisDraft;
  benefitMunicipality: string;
  benefitCounterpart: string;
  entityName: string;
  rut: string;
  representative: ContactDraft;
  legalContact: ContactDraft;
  technicalContact: ContactDraft;
  municipalContact: ContactDraft & { personId: string };
  datasets: DatasetDraft[];
  /** Rule 7: each dataset's origin, by index (kept beside the shared dataset draft). */
  origins: OriginDraft[];
  securityMeasures: string;
  transferMethod: string;
  endAction: string;
  retentionDetail: string;
  durationMonths: string;
  renewal: string;
  evaluationEveryMonths: string;
  signatureOrder: string;
  signers: SignerDraft[];
}

function bodyOf(d: Draft) {
  const { personId, ...municipal } = d.municipalContact;
  return {
    title: opt(d.title),
    purpose: opt(d.purpose),
    legalBasis: legalBasisBody(
      d.legalBasis,
      d.datasets.some((x) => x.privacy === 'sensible' || x.privacy === 'nna'),
    ),
    benefits: { municipality: opt(d.benefitMunicipality), counterpart: opt(d.benefitCounterpart) },
    entity: {
      name: opt(d.entityName),
      rut: opt(d.rut),
      representative: contactBody(d.representative),
      legalContact: contactBody(d.legalContact),
      technicalContact: contactBody(d.technicalContact),
    },
    municipalTechnicalContact: { ...contactBody(municipal), personId: opt(personId) },
    datasets: d.datasets.map((x, i) => ({ ...datasetBody(x), origin: originBody(d.origins[i] ?? emptyOrigin()) })),
    securityMeasures: opt(d.securityMeasures),
    transferMethod: opt(d.transferMethod),
    retention: { endAction: d.endAction || undefined, detail: opt(d.retentionDetail) },
    durationMonths: num(d.durationMonths),
    renewal: d.renewal || undefined,
    evaluationEveryMonths: num(d.evaluationEveryMonths),
    signatureOrder: d.signatureOrder || undefined,
    signers: signersBody(d.signers),
  };
}

const RENEWALS = Object.entries(RENEWAL_LABELS).map(([k, l]) => [k, l.charAt(0).toUpperCase() + l.slice(1)] as const);
const END_ACTIONS = [
  ['eliminacion', T.endActions.eliminacion],
  ['devolucion', T.endActions.devolucion],
] as const;
const ORDERS = [
  ['secuencial', T.signatureOrders.secuencial],
  ['paralelo', T.signatureOrders.paralelo],
] as const;

const useStyles = makeStyles({
  form: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: '16px', maxWidth: '960px' },
  intro: { color: tokens.colorNeutralForeground2 },
  sub: { margin: '4px 0 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  dataset: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: '12px',
    padding: '8px 12px 12px',
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '8px' },
});

export default function NuevoConvenio() {
  const s = useStyles();
  const { info, host } = useSession();
  const { navigate } = useRouter();
  const notify = useNotify();
  const [draft, setDraft] = useState<Draft>(() => ({
    title: '',
    purpose: '',
    legalBasis: emptyLegalBasis(),
    benefitMunicipality: '',
    benefitCounterpart: '',
    entityName: '',
    rut: '',
    representative: emptyContact(),
    legalContact: emptyContact(),
    technicalContact: emptyContact(),
    municipalContact: { ...emptyContact(), personId: '' },
    datasets: [emptyDataset()],
    origins: [emptyOrigin()],
    securityMeasures: '',
    transferMethod: '',
    endAction: '',
    retentionDetail: '',
    durationMonths: '',
    renewal: '',
    evaluationEveryMonths: '',
    signatureOrder: 'secuencial',
    signers: initialSigners(info.personas),
  }));
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const body = bodyOf(draft);
  const check = useFormCheck(createConvenioSchema, body);
  const set =
    <K extends keyof Draft>(k: K) =>
    (v: Draft[K]) =>
      setDraft((d) => ({ ...d, [k]: v }));
  // The directory's staff, to bind municipal signers and the technical contact to people (also in Teams, where the
  // session carries no persona list).
  const staff = useFetch<{ personas: Persona[] }>('/api/v1/personas').data?.personas;
  const personas = staff ?? info.personas;
  useEffect(() => {
    // The Alcalde as default municipal signer, once the directory has arrived, unless someone typed already.
    if (!staff) return;
    setDraft((d) => {
      const first = d.signers[0];
      if (d.signers.length !== 2 || !first || first.name || first.personId) return d;
      return { ...d, signers: initialSigners(staff) };
    });
  }, [staff]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    if (!check.submit()) return focusFirstInvalid(formRef.current);
    setSending(true);
    try {
      const res = await postJson<{ item: Item }>('/api/v1/convenios', body);
      notify('success', NUEVO_CONVENIO_AVISOS.registered(res.item.reference), NUEVO_CONVENIO_AVISOS.registeredBody);
      if (!host.finishDialog({ reference: res.item.reference })) navigate(detailPath('convenio', res.item.reference));
    } catch (err) {
      if (err instanceof ApiError) check.setServer(err.fields);
      notify('error', NUEVO_CONVENIO_AVISOS.failed, err instanceof Error ? err.message : undefined);
      focusFirstInvalid(formRef.current);
    } finally {
      setSending(false);
    }
  };

  const text = (path: string, label: string, k: keyof Draft, max: number, multiline = true) => (
    <TextF
      check={check}
      path={path}
      label={label}
      required
      multiline={multiline}
      value={draft[k] as string}
      onChange={set(k) as (v: string) => void}
      maxLength={max}
    />
  );

  return (
    <form ref={formRef} className={s.form} onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="titulo-form">
      <Title2 as="h1" id="titulo-form">
        {T.title}
      </Title2>
      <Text className={s.intro}>{T.intro}</Text>
      <ServerSummary check={check} form={formRef} />
      <FormSection title={T.convenioSection}>
        {text('title', T.subject, 'title', 300, false)}
        {text('purpose', T.purpose, 'purpose', 2000)}
        <FieldGrid>
          {text('benefits.municipality', T.benefitMunicipality, 'benefitMunicipality', 2000)}
          {text('benefits.counterpart', T.benefitCounterpart, 'benefitCounterpart', 2000)}
        </FieldGrid>
      </FormSection>
      <FormSection title={T.legalBasisSection} hint={T.legalBasisHint}>
        <LegalBasisFields
          check={check}
          value={draft.legalBasis}
          onChange={set('legalBasis')}
          sensitive={draft.datasets.some((x) => x.privacy === 'sensible' || x.privacy === 'nna')}
        />
      </FormSection>
      <FormSection title={T.entitySection}>
        <FieldGrid>
          {text('entity.name', T.entityName, 'entityName', 300, false)}
          <RutF check={check} path="entity.rut" label={T.entityRut} required value={draft.rut} onChange={set('rut')} />
        </FieldGrid>
        <h2 className={s.sub}>{T.representative}</h2>
        <ContactFields
          check={check}
          prefix="entity.representative"
          value={draft.representative}
          onChange={set('representative')}
        />
        <h2 className={s.sub}>{T.legalContact}</h2>
        <ContactFields
          check={check}
          prefix="entity.legalContact"
          value={draft.legalContact}
          onChange={set('legalContact')}
        />
        <h2 className={s.sub}>{T.technicalContact}</h2>
        <ContactFields
          check={check}
          prefix="entity.technicalContact"
          value={draft.technicalContact}
          onChange={set('technicalContact')}
        />
      </FormSection>
      <FormSection title={T.municipalContactSection} hint={T.municipalContactHint}>
        {personas ? (
          <SelectF
            check={check}
            path="municipalTechnicalContact.personId"
            label={T.directoryPerson}
            value={draft.municipalContact.personId}
            onChange={(personId) => {
              const p = personas.find((x) => x.id === personId);
              set('municipalContact')({
                ...draft.municipalContact,
                personId,
                ...(p ? { name: p.name, email: p.email } : {}),
              });
            }}
            options={personas.map((p) => [p.id, T.personOption(p.name, p.unitName)] as const)}
            empty={T.nobody}
          />
        ) : null}
        <ContactFields
          check={check}
          prefix="municipalTechnicalContact"
          value={draft.municipalContact}
          onChange={(c) => set('municipalContact')({ ...c, personId: draft.municipalContact.personId })}
          withRut={false}
        />
      </FormSection>
      <FormSection title={T.datasetsSection} hint={T.datasetsHint}>
        {check.error('datasets') ? (
          <p role="alert" style={{ margin: 0, color: tokens.colorPaletteRedForeground1 }} data-campo="datasets">
            {check.error('datasets')}
          </p>
        ) : null}
        {draft.datasets.map((d, i) => (
          <div key={i} className={s.dataset} role="group" aria-labelledby={`conjunto-${i}`}>
            <div className={s.head}>
              <h2 className={s.sub} id={`conjunto-${i}`}>
                {T.dataset(i + 1)}
              </h2>
              <Button
                size="small"
                disabled={draft.datasets.length <= 1}
                onClick={() =>
                  setDraft((dr) => ({
                    ...dr,
                    datasets: dr.datasets.filter((_, j) => j !== i),
                    origins: dr.origins.filter((_, j) => j !== i),
                  }))
                }
              >
                {T.removeDataset(i + 1)}
              </Button>
            </div>
            <DatasetFields
              check={check}
              prefix={`datasets.${i}`}
              value={d}
              onChange={(nd) => set('datasets')(draft.datasets.map((x, j) => (j === i ? nd : x)))}
            />
            <OriginFields
              check={check}
              prefix={`datasets.${i}`}
              value={draft.origins[i] ?? emptyOrigin()}
              onChange={(o) =>
                set('origins')(draft.datasets.map((_, j) => (j === i ? o : (draft.origins[j] ?? emptyOrigin()))))
              }
            />
          </div>
        ))}
        {draft.datasets.length < 30 ? (
          <div>
            <Button
              onClick={() =>
                setDraft((dr) => ({
                  ...dr,
                  datasets: [...dr.datasets, emptyDataset()],
                  origins: [...dr.origins, emptyOrigin()],
                }))
              }
            >
              {T.addDataset}
            </Button>
          </div>
        ) : null}
      </FormSection>
      <FormSection title={T.protectionSection}>
        {text('securityMeasures', T.securityMeasures, 'securityMeasures', 4000)}
        {text('transferMethod', T.transferMethod, 'transferMethod', 1000)}
        <RadioF
          check={check}
          path="retention.endAction"
          label={T.endAction}
          required
          value={draft.endAction}
          onChange={set('endAction')}
          options={END_ACTIONS}
        />
        {text('retention.detail', T.retentionDetail, 'retentionDetail', 2000)}
      </FormSection>
      <FormSection title={T.durationSection}>
        <FieldGrid>
          <TextF
            check={check}
            path="durationMonths"
            label={T.durationMonths}
            required
            type="number"
            hint={T.durationHint}
            value={draft.durationMonths}
            onChange={set('durationMonths')}
          />
          <SelectF
            check={check}
            path="renewal"
            label={T.renewal}
            required
            value={draft.renewal}
            onChange={set('renewal')}
            options={RENEWALS}
            emptyMessage={T.chooseRenewal}
          />
          <TextF
            check={check}
            path="evaluationEveryMonths"
            label={T.evaluationEveryMonths}
            type="number"
            hint={T.evaluationHint}
            value={draft.evaluationEveryMonths}
            onChange={set('evaluationEveryMonths')}
          />
        </FieldGrid>
        <RadioF
          check={check}
          path="signatureOrder"
          label={T.signatureOrder}
          value={draft.signatureOrder}
          onChange={set('signatureOrder')}
          options={ORDERS}
        />
      </FormSection>
      <FormSection title={T.signersSection} hint={T.signersHint}>
        <SignersFields check={check} value={draft.signers} onChange={set('signers')} personas={personas} />
      </FormSection>
      <div>
        <SubmitButton sending={sending}>{T.register}</SubmitButton>
      </div>
    </form>
  );
}
