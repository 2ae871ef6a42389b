// Local mode only (the service lists personas only when no tenant is configured): choose whom to act as.
import { Button, Card, Field, Label, Select, Text, Title2, useId } from '@fluentui/react-components';
import { useState } from 'react';
import type { Persona } from '../../../protocol';
import { PERSONA_PICKER } from '../textos/formularios';
import { ErrorBox } from './status';

export function PersonaPicker({
  personas,
  current,
  error,
  onChoose,
}: {
  personas: Persona[];
  current?: string | null;
  error?: string;
  onChoose: (id: string) => void;
}) {
  const [id, setId] = useState(current ?? personas[0]?.id ?? '');
  return (
    <main style={{ maxWidth: 560, margin: '48px auto', padding: 16 }}>
      <Card>
        <Title2 as="h1">{PERSONA_PICKER.title}</Title2>
        <Text>{PERSONA_PICKER.intro}</Text>
        {error ? <ErrorBox title={PERSONA_PICKER.signInFailed} message={error} /> : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (id) onChoose(id);
          }}
          style={{ display: 'grid', gap: 12, minWidth: 0 }}
        >
          <Field label={PERSONA_PICKER.person} style={{ minWidth: 0 }}>
            <Select value={id} onChange={(_, d) => setId(d.value)} style={{ minWidth: 0 }}>
              {personas.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} — {p.unitName} ({p.roles.join(', ')})
                </option>
              ))}
            </Select>
          </Field>
          <Button appearance="primary" type="submit" disabled={!id}>
            {PERSONA_PICKER.enter}
          </Button>
        </form>
      </Card>
    </main>
  );
}

/** The compact switcher in the header, once someone is signed in. */
export function PersonaSwitcher({
  personas,
  current,
  onChoose,
}: {
  personas: Persona[];
  current: string;
  onChoose: (id: string) => void;
}) {
  const id = useId('persona');
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minWidth: 0, maxWidth: '100%' }}>
      <Label htmlFor={id} size="small">
        {PERSONA_PICKER.actingAs}
      </Label>
      <Select id={id} size="small" value={current} onChange={(_, d) => onChoose(d.value)} style={{ minWidth: 0 }}>
        {personas.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} — {p.unitName}
          </option>
        ))}
      </Select>
    </span>
  );
}
