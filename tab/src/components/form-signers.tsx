// Who signs the convenio (§6), in order: at least one representative per party, at most ten. A signer found in the
// directory signs from Teams; anyone else (usually the counterpart) is recorded by SECPLAN with evidence.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ROLE_LABELS, type Persona } from '../../../protocol';
import { SIGNERS_FORM } from '../textos/formularios';
import { FieldGrid, SelectF, TextF, opt, type FormCheck } from './form-kit';

export interface SignerDraft {
  side: string;
  name: string;
  position: string;
  personId: string;
}

export const MAX_SIGNERS = 10;

/** The Alcalde signs for the municipality by default; the counterpart's representative is typed in. */
export function initialSigners(personas: Persona[] | undefined): SignerDraft[] {
  const mayor =
    personas?.find((p) => p.signsForMunicipality === ROLE_LABELS.alcalde) ??
    personas?.find((p) => p.roles.includes(ROLE_LABELS.alcalde));
  return [
    {
      side: 'municipalidad',
      name: mayor?.name ?? '',
      position: mayor ? ROLE_LABELS.alcalde : '',
      personId: mayor?.id ?? '',
    },
    { side: 'contraparte', name: '', position: '', personId: '' },
  ];
}

export const signersBody = (list: SignerDraft[]) =>
  list.map((s) => ({
    side: s.side || undefined,
    name: opt(s.name),
    position: opt(s.position),
    personId: opt(s.personId),
  }));

const useStyles = makeStyles({
  signer: {
    display: 'grid',
    gap: '8px',
    padding: '8px 12px 12px',
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '8px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1, margin: 0 },
});

export function SignersFields({
  check,
  value,
  onChange,
  personas,
}: {
  check: FormCheck;
  value: SignerDraft[];
  onChange: (v: SignerDraft[]) => void;
  /** Local mode: the directory's people, to bind a signer to a person who will sign in Teams. */
  personas: Persona[] | undefined;
}) {
  const s = useStyles();
  const update = (i: number, patch: Partial<SignerDraft>) =>
    onChange(value.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const listError = check.error('signers');
  return (
    <div style={{ display: 'grid', gap: 12 }} data-campo="signers">
      {listError ? (
        <p className={s.error} role="alert">
          {listError}
        </p>
      ) : null}
      {value.map((sg, i) => (
        <div key={i} className={s.signer} role="group" aria-labelledby={`firmante-${i}`}>
          <div className={s.head}>
            <h2 className={s.title} id={`firmante-${i}`}>
              {SIGNERS_FORM.signer(i + 1)}
            </h2>
            <Button size="small" disabled={value.length <= 2} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              {SIGNERS_FORM.remove(i + 1)}
            </Button>
          </div>
          <FieldGrid>
            <SelectF
              check={check}
              path={`signers.${i}.side`}
              label={SIGNERS_FORM.side}
              required
              value={sg.side}
              onChange={(side) => update(i, { side })}
              options={SIGNERS_FORM.sides}
              empty={null}
            />
            {personas && sg.side === 'municipalidad' ? (
              // Rule 1: only the Alcalde or an official with a delegation of signature by decree signs for the
              // municipality (Ley 18.695 art. 63); the list offers no one else.
              <SelectF
                check={check}
                path={`signers.${i}.personId`}
                label={SIGNERS_FORM.forMunicipality}
                hint={SIGNERS_FORM.forMunicipalityHint}
                required
                value={sg.personId}
                onChange={(personId) => {
                  const p = personas.find((x) => x.id === personId);
                  update(i, {
                    personId,
                    ...(p ? { name: p.name, position: sg.position || (p.signsForMunicipality ?? '') } : {}),
                  });
                }}
                options={personas
                  .filter((p) => p.signsForMunicipality)
                  .map((p) => [p.id, `${p.name} — ${p.signsForMunicipality}`] as const)}
                empty={SIGNERS_FORM.chooseSigner}
              />
            ) : personas ? (
              <SelectF
                check={check}
                path={`signers.${i}.personId`}
                label={SIGNERS_FORM.person}
                hint={SIGNERS_FORM.personHint}
                value={sg.personId}
                onChange={(personId) => {
                  const p = personas.find((x) => x.id === personId);
                  update(i, { personId, ...(p ? { name: p.name } : {}) });
                }}
                options={personas.map((p) => [p.id, `${p.name} — ${p.unitName}`] as const)}
                empty={SIGNERS_FORM.nobody}
              />
            ) : null}
            <TextF
              check={check}
              path={`signers.${i}.name`}
              label={SIGNERS_FORM.name}
              required
              value={sg.name}
              onChange={(name) => update(i, { name })}
              maxLength={200}
            />
            <TextF
              check={check}
              path={`signers.${i}.position`}
              label={SIGNERS_FORM.position}
              required
              value={sg.position}
              onChange={(position) => update(i, { position })}
              maxLength={200}
            />
          </FieldGrid>
        </div>
      ))}
      {value.length < MAX_SIGNERS ? (
        <div>
          <Button onClick={() => onChange([...value, { side: 'contraparte', name: '', position: '', personId: '' }])}>
            {SIGNERS_FORM.add}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
