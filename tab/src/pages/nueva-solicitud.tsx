// Nueva solicitud: an internal data request (§1, §2a) with the API's own validation (createSolicitudSchema), each
// error in Spanish under its field. On success the request is sent and its detail opens.
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { createSolicitudSchema, toLocalDate, type Item, type Unit } from '../../../protocol';
import { ApiError, postJson } from '../api';
import { DatasetFields, datasetBody, emptyDataset, type DatasetDraft } from '../components/form-dataset';
import {
  FieldGrid,
  FormSection,
  SelectF,
  SubmitButton,
  TextF,
  focusFirstInvalid,
  opt,
  useFormCheck,
} from '../components/form-kit';
import { ServerSummary } from '../components/form-summary';
import { useFetch } from '../components/use-fetch';
import { fechaLocal } from '../format';
import {
  LegalBasisFields,
  emptyLegalBasis,
  legalBasisBody,
  type LegalBasisDraft,
} from '../components/form-legal-basis';
import { useNotify } from '../notify';
import { detailPath, useRouter } from '../router';
import { useSession } from '../session';
import { NUEVA_SOLICITUD as T, NUEVA_SOLICITUD_AVISOS } from '../textos/pagina-nueva-solicitud';

interface Attachment {
  name: string;
  url: string;
}

interface Draft {
  ownerUnitId: string;
  dataset: DatasetDraft;
  purpose: string;
  justification: string;
  expectedBenefits: string;
  legalBasis: LegalBasisDraft;
  neededBy: string;
  attachments: Attachment[];
}

const EMPTY: Draft = {
  ownerUnitId: '',
  dataset: emptyDataset(),
  purpose: '',
  justification: '',
  expectedBenefits: '',
  legalBasis: emptyLegalBasis(),
  neededBy: '',
  attachments: [],
};

function bodyOf(d: Draft) {
  return {
    ownerUnitId: d.ownerUnitId,
    dataset: datasetBody(d.dataset),
    purpose: opt(d.purpose),
    justification: opt(d.justification),
    expectedBenefits: opt(d.expectedBenefits),
    legalBasis: legalBasisBody(d.legalBasis, d.dataset.privacy === 'sensible' || d.dataset.privacy === 'nna'),
    neededBy: d.neededBy || undefined,
    attachments: d.attachments.filter((a) => a.name.trim() || a.url.trim()),
  };
}

const useStyles = makeStyles({
  form: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: '16px', maxWidth: '960px' },
  intro: { color: tokens.colorNeutralForeground2 },
  row: { display: 'grid', gridTemplateColumns: '1fr 2fr auto', gap: '8px', alignItems: 'end' },
  actions: { display: 'flex', gap: '8px', alignItems: 'center' },
});

export default function NuevaSolicitud() {
  const s = useStyles();
  const { actor, info, host } = useSession();
  const { navigate } = useRouter();
  const notify = useNotify();
  const units = useFetch<{ units: Unit[] }>('/api/v1/unidades');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const body = bodyOf(draft);
  const check = useFormCheck(createSolicitudSchema, body);
  const set =
    <K extends keyof Draft>(k: K) =>
    (v: Draft[K]) =>
      setDraft((d) => ({ ...d, [k]: v }));
  const options = (units.data?.units ?? [])
    .filter((u) => u.id !== actor?.unitId)
    .map((u) => [u.id, T.unitOption(u.name, u.shortName)] as const);
  const today = toLocalDate(new Date(), info.timeZone);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    if (!check.submit()) return focusFirstInvalid(formRef.current);
    setSending(true);
    try {
      const res = await postJson<{ item: Item }>('/api/v1/solicitudes', body);
      notify('success', NUEVA_SOLICITUD_AVISOS.sent(res.item.reference), NUEVA_SOLICITUD_AVISOS.sentBody);
      // Opened as a dialog from the chat: the bot posts the request's card there; else its detail opens here.
      if (!host.finishDialog({ reference: res.item.reference })) navigate(detailPath('solicitud', res.item.reference));
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : undefined;
      if (apiErr) check.setServer(apiErr.fields);
      notify('error', NUEVA_SOLICITUD_AVISOS.failed, err instanceof Error ? err.message : undefined);
      focusFirstInvalid(formRef.current);
    } finally {
      setSending(false);
    }
  };

  const setAttachment = (i: number, a: Attachment) =>
    set('attachments')(draft.attachments.map((x, j) => (j === i ? a : x)));

  return (
    <form ref={formRef} className={s.form} onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="titulo-form">
      <Title2 as="h1" id="titulo-form">
        {T.title}
      </Title2>
      <Text className={s.intro}>{T.intro}</Text>
      <ServerSummary check={check} form={formRef} />
      <FormSection title={T.whoSection}>
        <FieldGrid>
          <SelectF
            check={check}
            path="ownerUnitId"
            label={T.ownerUnit}
            required
            value={draft.ownerUnitId}
            onChange={set('ownerUnitId')}
            options={options}
            empty={units.loading ? T.loadingUnits : T.chooseUnit}
          />
          <TextF
            check={check}
            path="neededBy"
            label={T.neededBy}
            type="date"
            hint={T.neededByHint(fechaLocal(today))}
            min={today}
            value={draft.neededBy}
            onChange={set('neededBy')}
          />
        </FieldGrid>
      </FormSection>
      <FormSection title={T.datasetSection} hint={T.datasetHint}>
        <DatasetFields check={check} prefix="dataset" value={draft.dataset} onChange={set('dataset')} />
      </FormSection>
      <FormSection title={T.purposeSection}>
        <TextF
          check={check}
          path="purpose"
          label={T.purpose}
          required
          multiline
          value={draft.purpose}
          onChange={set('purpose')}
          maxLength={2000}
        />
        <TextF
          check={check}
          path="justification"
          label={T.justification}
          required
          multiline
          value={draft.justification}
          onChange={set('justification')}
          maxLength={2000}
        />
        <TextF
          check={check}
          path="expectedBenefits"
          label={T.expectedBenefits}
          required
          multiline
          value={draft.expectedBenefits}
          onChange={set('expectedBenefits')}
          maxLength={2000}
        />
        <LegalBasisFields
          check={check}
          value={draft.legalBasis}
          onChange={set('legalBasis')}
          sensitive={draft.dataset.privacy === 'sensible' || draft.dataset.privacy === 'nna'}
        />
      </FormSection>
      <FormSection title={T.attachmentsSection} hint={T.attachmentsHint}>
        {draft.attachments.map((a, i) => (
          <div key={i} className={s.row}>
            <TextF
              check={check}
              path={`attachments.${i}.name`}
              label={T.attachmentName(i + 1)}
              value={a.name}
              onChange={(name) => setAttachment(i, { ...a, name })}
              maxLength={200}
            />
            <TextF
              check={check}
              path={`attachments.${i}.url`}
              label={T.attachmentUrl(i + 1)}
              type="url"
              placeholder={T.attachmentUrlPlaceholder}
              value={a.url}
              onChange={(url) => setAttachment(i, { ...a, url })}
              maxLength={2000}
            />
            <Button onClick={() => set('attachments')(draft.attachments.filter((_, j) => j !== i))}>
              {T.removeAttachment(i + 1)}
            </Button>
          </div>
        ))}
        {draft.attachments.length < 20 ? (
          <div>
            <Button onClick={() => set('attachments')([...draft.attachments, { name: '', url: '' }])}>
              {T.addAttachment}
            </Button>
          </div>
        ) : null}
      </FormSection>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{T.onSendTitle}</MessageBarTitle>
          {T.onSend}
        </MessageBarBody>
      </MessageBar>
      <div className={s.actions}>
        <SubmitButton sending={sending}>{T.send}</SubmitButton>
      </div>
    </form>
  );
}
