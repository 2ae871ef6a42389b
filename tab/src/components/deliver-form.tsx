// «Entregar» in the tab (issue 15): the owner unit delivers files it uploads here (dropped or chosen, each with its
// progress) or, where the data cannot leave its system, a link to the municipal system; with a note either way. The
// form sends `entregar` with the finished uploads' ids (the service fills each file's record from its own upload),
// and stays disabled while a file is still on its way. The link and note are checked with the protocol's own schema.
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { solicitudCommandSchema } from '../../../protocol';
import { ApiError } from '../api';
import { STATUS } from '../textos/comun';
import { DELIVER_FORM, FILE_UPLOAD } from '../textos/archivos';
import { FileUpload, type Uploads } from './file-upload';
import { FormSection, TextF, focusFirstInvalid, opt, useFormCheck } from './form-kit';

export interface DeliverBody {
  link?: string;
  note: string;
  archivos: string[];
}

const useStyles = makeStyles({
  form: { display: 'grid', gap: '12px', minWidth: 0 },
  intro: { margin: 0 },
  footer: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 12px' },
  why: { color: tokens.colorNeutralForeground2 },
});

export function DeliverForm({
  uploads,
  submitLabel = DELIVER_FORM.submit,
  onSubmit,
}: {
  uploads: Uploads;
  /** The step's own title (the card's «Entregar»). */
  submitLabel?: string;
  /** Sends the command; throws the service's error (ApiError) for the form to show. */
  onSubmit: (body: DeliverBody) => Promise<void>;
}) {
  const s = useStyles();
  const form = useRef<HTMLFormElement>(null);
  const whyId = useId('entregar-espera');
  const [link, setLink] = useState('');
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const body = useMemo(() => ({ type: 'entregar', link: opt(link), note }), [link, note]);
  const check = useFormCheck(solicitudCommandSchema, body);

  const why = uploads.busy ? DELIVER_FORM.waitUploads : uploads.failed ? DELIVER_FORM.fixUploads : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending || why) return;
    setProblem(null);
    const valid = check.submit();
    if (uploads.ids.length === 0 && !opt(link)) {
      setProblem(DELIVER_FORM.nothing);
      return;
    }
    if (!valid) {
      focusFirstInvalid(form.current);
      return;
    }
    setSending(true);
    try {
      await onSubmit({ ...(opt(link) ? { link: link.trim() } : {}), note, archivos: uploads.ids });
    } catch (err) {
      if (err instanceof ApiError) {
        const { archivos, files, ...rest } = err.fields;
        check.setServer(rest);
        const aboutFiles = archivos ?? files;
        setProblem(aboutFiles ? DELIVER_FORM.filesProblem(aboutFiles) : err.message);
        focusFirstInvalid(form.current);
      } else setProblem(DELIVER_FORM.failed);
    } finally {
      setSending(false);
    }
  };

  return (
    <form ref={form} className={s.form} onSubmit={(e) => void submit(e)} noValidate data-testid="formulario-entregar">
      <p className={s.intro}>{DELIVER_FORM.intro}</p>
      <FormSection title={FILE_UPLOAD.legend}>
        <FileUpload uploads={uploads} disabled={sending} />
      </FormSection>
      <TextF
        check={check}
        path="link"
        label={DELIVER_FORM.link}
        hint={DELIVER_FORM.otherWay}
        type="url"
        placeholder={DELIVER_FORM.linkPlaceholder}
        maxLength={2000}
        value={link}
        onChange={setLink}
      />
      <TextF
        check={check}
        path="note"
        label={DELIVER_FORM.note}
        hint={DELIVER_FORM.noteHint}
        required
        multiline
        maxLength={2000}
        value={note}
        onChange={setNote}
      />
      {problem ? (
        <MessageBar intent="error" data-testid="entregar-error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={s.footer}>
        <Button
          appearance="primary"
          type="submit"
          disabled={sending || why !== null}
          aria-describedby={why ? whyId : undefined}
          icon={sending ? <Spinner size="tiny" aria-label={STATUS.sending} /> : undefined}
        >
          {submitLabel}
        </Button>
        <Text size={200} className={s.why} id={whyId} aria-live="polite">
          {why ?? ''}
        </Text>
      </div>
    </form>
  );
}
