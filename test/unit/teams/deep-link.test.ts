import { BOARD_ENTITY_ID, detailUrl, teamsDetailLink } from '../../../bot/src/cards/card-context';

describe('"Ver detalle" links', () => {
  const APP = '3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f';

  it('with a Teams app id: a deep link into the Tablero tab carrying the reference and the web fallback', () => {
    const link = new URL(teamsDetailLink(APP, 'https://intercambio.quillota.cl', 'solicitud', 'SOL-2026-0042'));
    expect(link.origin).toBe('https://teams.microsoft.com');
    expect(link.pathname).toBe(`/l/entity/${APP}/${BOARD_ENTITY_ID}`);
    expect(JSON.parse(link.searchParams.get('context')!)).toEqual({ subEntityId: 'SOL-2026-0042' });
    expect(link.searchParams.get('webUrl')).toBe('https://intercambio.quillota.cl/detalle/solicitudes/SOL-2026-0042');
    expect(link.searchParams.get('label')).toBe('SOL-2026-0042');
  });

  it('without one (local mode, mail copies): the web page the tab serves', () => {
    expect(detailUrl('http://localhost:3978', 'convenio', 'CONV-2026-0001')).toBe(
      'http://localhost:3978/detalle/convenios/CONV-2026-0001',
    );
  });
});
