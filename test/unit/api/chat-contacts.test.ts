import { chatContacts } from '../../../bot/src/api/item-detail';
import { DIRECTORY, actor, createSolicitud } from '../../support/protocol-fixtures';

// SOLICITUD_RAW: Ana (DIDECO) asks Salud, whose responsable is Sofía; Úrsula is the UGDT.
describe('whom the detail offers to chat with', () => {
  const s = createSolicitud();

  it('the requester: the owner unit’s responsable first; never herself', () => {
    const c = chatContacts(s, DIRECTORY, actor('ana'));
    expect(c[0]).toMatchObject({ why: expect.stringContaining('responsable de la unidad dueña') });
    expect(c.map((x) => x.name)).not.toContain('Ana Rojas');
    expect(c.some((x) => /UGDT/.test(x.why))).toBe(false);
  });

  it('the responsable: the requester', () => {
    const responsable = DIRECTORY.people.find((p) => p.roles?.some((r) => r.unitId === 'salud'))!;
    const c = chatContacts(s, DIRECTORY, actor(responsable.id));
    expect(c).toContainEqual(expect.objectContaining({ name: 'Ana Rojas', why: 'solicitante' }));
    expect(c.map((x) => x.name)).not.toContain(responsable.name);
  });

  it('past a deadline the UGDT joins them', () => {
    const late = { ...s, overdue: { since: '2026-09-18T03:00:00.000Z', deadline: 'acknowledge' as const } };
    const c = chatContacts(late, DIRECTORY, actor('ana'));
    expect(c).toContainEqual(expect.objectContaining({ name: 'Úrsula Pinto', why: 'UGDT (plazo vencido)' }));
  });
});
