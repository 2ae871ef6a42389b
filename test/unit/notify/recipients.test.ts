import { directorySchema, person, role, unit } from '../../../protocol';
import { recipientsLabel, resolveRecipients } from '../../../bot/src/notify/recipients';

const DIR = directorySchema.parse({
  units: [
    { id: 'obras', name: 'Dirección de Obras Municipales', shortName: 'DOM' },
    { id: 'ugdt', name: 'Unidad de Gestión de Datos Territoriales', shortName: 'UGDT' },
    { id: 'alcaldia', name: 'Alcaldía', shortName: 'Alcaldía' },
  ],
  people: [
    {
      id: 'jefe',
      name: 'Jefa DOM',
      email: 'jefe@quillota.cl',
      unitId: 'obras',
      roles: [{ role: 'responsable_unidad', unitId: 'obras' }],
    },
    { id: 'sub', name: 'Subrogante DOM', email: 'sub@quillota.cl', unitId: 'obras' },
    { id: 'u1', name: 'Analista Uno', email: 'u1@quillota.cl', unitId: 'ugdt', roles: [{ role: 'ugdt' }] },
    { id: 'u2', name: 'Analista Dos', email: 'u2@quillota.cl', unitId: 'ugdt', roles: [{ role: 'ugdt' }] },
    {
      id: 'alc',
      name: 'Alcalde',
      email: 'alcalde@quillota.cl',
      unitId: 'alcaldia',
      roles: [{ role: 'alcalde' }, { role: 'responsable_unidad', unitId: 'alcaldia' }],
    },
    { id: 'carmen', name: 'Carmen Subrogante', email: 'carmen@quillota.cl', unitId: 'alcaldia' },
  ],
  delegations: [
    { principalId: 'jefe', delegateId: 'sub', from: '2026-09-14', to: '2026-09-18' },
    // Carmen replaces the mayor as alcalde only, not as head of the Alcaldía unit.
    { principalId: 'alc', delegateId: 'carmen', from: '2026-09-14', to: '2026-09-18', roles: ['alcalde'] },
  ],
});

const ids = (recipients: Parameters<typeof resolveRecipients>[1], today = '2026-09-15') =>
  resolveRecipients(DIR, recipients, today).map((p) => p.id);

describe('resolveRecipients', () => {
  it('resolves a unit to its responsables and their subrogantes inside the period (bounds inclusive)', () => {
    expect(ids([unit('obras')])).toEqual(['jefe', 'sub']);
    expect(ids([unit('obras')], '2026-09-14')).toEqual(['jefe', 'sub']);
    expect(ids([unit('obras')], '2026-09-18')).toEqual(['jefe', 'sub']);
  });

  it('leaves the subrogante out before and after the period', () => {
    expect(ids([unit('obras')], '2026-09-13')).toEqual(['jefe']);
    expect(ids([unit('obras')], '2026-09-19')).toEqual(['jefe']);
  });

  it('honours a delegation restricted to some roles', () => {
    expect(ids([role('alcalde')])).toEqual(['alc', 'carmen']);
    expect(ids([unit('alcaldia')])).toEqual(['alc']);
  });

  it('resolves a person to that person and whoever acts for them today', () => {
    expect(ids([person('u1')])).toEqual(['u1']);
    expect(ids([person('jefe')])).toEqual(['jefe', 'sub']);
    expect(ids([person('alc')])).toEqual(['alc', 'carmen']);
  });

  it('returns unique people in the order of the recipients', () => {
    expect(ids([role('ugdt'), person('u1'), unit('obras'), person('sub')])).toEqual(['u1', 'u2', 'jefe', 'sub']);
  });

  it('ignores unknown people, units and a delegation whose subrogante left the directory', () => {
    expect(ids([person('nadie'), unit('inexistente'), role('daj')])).toEqual([]);
    const dir = {
      ...DIR,
      delegations: [{ principalId: 'jefe', delegateId: 'ya-no-esta', from: '2026-09-01', to: '2026-09-30' }],
    };
    expect(resolveRecipients(dir, [unit('obras')], '2026-09-15').map((p) => p.id)).toEqual(['jefe']);
  });
});

describe('recipientsLabel', () => {
  it('describes recipients in Spanish for logs', () => {
    expect(recipientsLabel(DIR, [unit('obras'), role('ugdt'), person('u1'), person('x')])).toBe(
      'responsables de DOM, UGDT, Analista Uno, persona desconocida (x)',
    );
    expect(recipientsLabel(DIR, [])).toBe('nadie');
  });
});
