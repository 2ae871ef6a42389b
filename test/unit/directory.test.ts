import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUnit, holdersOf, resolveActor, type Directory } from '../../protocol/directory';
import { ROLES, type Role } from '../../protocol/roles';
import { loadDirectoryFile, parseDirectory } from '../../bot/src/directory/load-directory-file';
import { parseEntraMapping, personFromEntra, type EntraUser } from '../../bot/src/directory/entra-directory';

const LOCAL_FILE = join(__dirname, '../../config/directory.local.json');

/** The built-in config of @microsoft/m365agentsplayground 0.2.28 (currentUser first, then `users`). */
const PLAYGROUND_DEFAULT_USERS = [
  { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
  { id: 'user-id-1', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' },
  { id: 'user-id-2', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022' },
  { id: 'user-id-3', name: 'Isaiah Langer', aadObjectId: '00000000-0000-0000-0000-0000000000023' },
  { id: 'user-id-4', name: 'Patti Fernandez', aadObjectId: '00000000-0000-0000-0000-0000000000024' },
  { id: 'user-id-5', name: 'Lynne Robbins', aadObjectId: '00000000-0000-0000-0000-0000000000025' },
];

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'directorio-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no lanzó error');
}

function writeJson(name: string, data: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

describe('config/directory.local.json', () => {
  const dir = loadDirectoryFile(LOCAL_FILE);

  it('loads with every municipal unit and its parent', () => {
    expect(dir.units.map((u) => [u.id, u.shortName, u.parentId ?? null])).toEqual([
      ['alcaldia', 'Alcaldía', null],
      ['administracion_municipal', 'Administración', 'alcaldia'],
      ['secplan', 'SECPLAN', 'alcaldia'],
      ['ugdt', 'UGDT', 'secplan'],
      ['daj', 'DAJ', 'alcaldia'],
      ['dideco', 'DIDECO', 'alcaldia'],
      ['rsh', 'RSH', 'dideco'],
      ['control', 'Control', 'alcaldia'],
      ['secretaria_municipal', 'Secretaría Municipal', 'alcaldia'],
      ['dom', 'DOM', 'alcaldia'],
      ['transito', 'Tránsito', 'alcaldia'],
      ['salud', 'Salud', 'alcaldia'],
      ['educacion', 'DAEM', 'alcaldia'],
      ['medio_ambiente', 'Medio Ambiente', 'alcaldia'],
      ['seguridad_publica', 'Seguridad Pública', 'alcaldia'],
      ['daf', 'DAF', 'alcaldia'],
      ['informatica', 'Informática', 'alcaldia'],
    ]);
    expect(findUnit(dir, 'ugdt')?.name).toBe('Unidad de Gestión de Datos Territoriales');
  });

  it('lists the personas with their unit and roles', () => {
    const roles = (p: Directory['people'][number]) =>
      p.roles.map((r) => (r.unitId ? `${r.role}:${r.unitId}` : r.role)).join(',');
    expect(dir.people.map((p) => `${p.id} | ${p.unitId} | ${roles(p)}`)).toEqual([
      'alex.wilber | dom | ',
      'megan.bowen | ugdt | ugdt',
      'adele.vance | secplan | secplan',
      'isaiah.langer | daj | daj',
      'patti.fernandez | administracion_municipal | administrador_municipal',
      'lynne.robbins | dideco | responsable_unidad:dideco',
      'lee.gu | ugdt | responsable_unidad:ugdt,ugdt',
      'lidia.holloway | daj | daj',
      'nestor.wilke | alcaldia | alcalde',
      'pradeep.gupta | secplan | secplan',
      'diego.siciliani | salud | responsable_unidad:salud',
      'johanna.lorenz | educacion | responsable_unidad:educacion',
      'miriam.graham | dideco | ',
      'joni.sherman | secretaria_municipal | secretaria_municipal',
      'grady.archie | dom | responsable_unidad:dom',
      'henrietta.mueller | control | control',
      'irvin.sayers | transito | responsable_unidad:transito',
      'debra.berger | rsh | responsable_unidad:rsh',
      'allan.deyoung | informatica | admin_ti',
    ]);
  });

  it('gives every person a readable id, a quillota.cl address and a unique mock aadObjectId in sequence', () => {
    for (const p of dir.people) {
      expect(p.id).toBe(p.name.toLowerCase().replace(/ /g, '.'));
      expect(p.email).toBe(`${p.id}@quillota.cl`);
    }
    // The playground numbers its users 20, 21, … in the last group; extra personas continue the sequence.
    expect(dir.people.map((p) => p.aadObjectId)).toEqual(
      dir.people.map((_, i) => `00000000-0000-0000-0000-00000000000${20 + i}`),
    );
  });

  it('contains every default Agents Playground user with the same name and aadObjectId', () => {
    for (const u of PLAYGROUND_DEFAULT_USERS) {
      const person = dir.people.find((p) => p.aadObjectId === u.aadObjectId);
      expect(person?.name).toBe(u.name);
    }
    // Alex Wilber is the playground's default current user: a requester, so a yml-less start can file a request.
    expect(dir.people[0]).toMatchObject({ id: 'alex.wilber', unitId: 'dom', roles: [] });
  });

  it('has a holder for every role of the protocol', () => {
    const holders = Object.fromEntries(
      ROLES.map((role: Role) => [
        role,
        dir.people
          .filter((p) => resolveActor(dir, p.id, '2026-06-01')?.grants.some((g) => g.role === role && !g.delegated))
          .map((p) => p.id),
      ]),
    );
    expect({ ...holders, funcionario: holders.funcionario?.length }).toEqual({
      funcionario: 19,
      responsable_unidad: [
        'lynne.robbins',
        'lee.gu',
        'diego.siciliani',
        'johanna.lorenz',
        'grady.archie',
        'irvin.sayers',
        'debra.berger',
      ],
      ugdt: ['megan.bowen', 'lee.gu'],
      secplan: ['adele.vance', 'pradeep.gupta'],
      administrador_municipal: ['patti.fernandez'],
      daj: ['isaiah.langer', 'lidia.holloway'],
      alcalde: ['nestor.wilke'],
      secretaria_municipal: ['joni.sherman'],
      control: ['henrietta.mueller'],
      admin_ti: ['allan.deyoung'],
    });
  });

  it('names one responsable for each data-owner unit of the demo', () => {
    const responsables = ['dideco', 'salud', 'educacion', 'dom', 'transito', 'rsh'].map((u) => [
      u,
      holdersOf(dir, 'responsable_unidad', u).map((p) => p.id),
    ]);
    expect(responsables).toEqual([
      ['dideco', ['lynne.robbins']],
      ['salud', ['diego.siciliani']],
      ['educacion', ['johanna.lorenz']],
      ['dom', ['grady.archie']],
      ['transito', ['irvin.sayers']],
      ['rsh', ['debra.berger']],
    ]);
  });

  it('records the subrogancia of the Administradora Municipal', () => {
    expect(dir.delegations).toEqual([
      {
        principalId: 'patti.fernandez',
        delegateId: 'adele.vance',
        from: '2026-12-28',
        to: '2027-01-22',
        act: 'Decreto Alcaldicio N° 4.512/2026',
      },
    ]);
  });
});

describe('loadDirectoryFile errors', () => {
  const units = [
    { id: 'secplan', name: 'Secretaría Comunal de Planificación', shortName: 'SECPLAN' },
    { id: 'dideco', name: 'Dirección de Desarrollo Comunitario', shortName: 'DIDECO' },
  ];
  const person = (id: string, extra: object = {}) => ({
    id,
    name: `Persona ${id}`,
    email: `${id}@quillota.cl`,
    unitId: 'secplan',
    ...extra,
  });

  it('lists every invalid path in Spanish', () => {
    const file = writeJson('invalido.json', {
      units,
      people: [
        person('ana'),
        person('bruno', { unitId: 'foo' }),
        person('ana'),
        person('carla', { roles: [{ role: 'responsable_unidad' }] }),
      ],
      delegations: [{ principalId: 'ana', delegateId: 'bruno', from: '2027-01-31', to: '2027-01-01' }],
    });
    expect(() => loadDirectoryFile(file)).toThrow(
      new Error(
        `Directorio inválido (${file}): ` +
          'people.1.unitId: unidad desconocida: foo; ' +
          'people.2.id: persona repetida: ana; ' +
          'people.3.roles.0.unitId: responsable_unidad necesita una unidad existente; ' +
          'delegations.0: período invertido',
      ),
    );
  });

  it('reports unknown people in a delegation and a responsable of a unit that does not exist', () => {
    const data = {
      units,
      people: [person('ana', { roles: [{ role: 'responsable_unidad', unitId: 'dom' }] })],
      delegations: [{ principalId: 'ana', delegateId: 'zoe', from: '2027-01-01', to: '2027-01-31' }],
    };
    expect(() => parseDirectory(data, 'prueba')).toThrow(
      new Error(
        'Directorio inválido (prueba): people.0.roles.0.unitId: responsable_unidad necesita una unidad existente; ' +
          'delegations.0: subrogancia con persona desconocida',
      ),
    );
  });

  it('translates the built-in checks (missing field, e-mail, role, unit id, date)', () => {
    const data = {
      units: [{ id: 'Secplan', name: 'SECPLAN', shortName: 'SECPLAN' }],
      people: [{ id: 'ana', email: 'ana-en-quillota', unitId: 'Secplan', roles: [{ role: 'jefe' }] }],
      delegations: [{ principalId: 'ana', delegateId: 'ana', from: '1/12/2026', to: '2027-01-31' }],
    };
    expect(() => parseDirectory(data, 'prueba')).toThrow(
      new Error(
        'Directorio inválido (prueba): ' +
          'units.0.id: identificador de unidad en minúsculas; ' +
          'people.0.name: obligatorio; ' +
          'people.0.email: correo electrónico inválido; ' +
          `people.0.roles.0.role: valor no válido: jefe (se esperaba: ${ROLES.join(', ')}); ` +
          'delegations.0.from: la fecha: no es una fecha válida',
      ),
    );
  });

  it('rejects a directory without units', () => {
    expect(() => parseDirectory({ units: [], people: [] }, 'vacío')).toThrow(
      new Error('Directorio inválido (vacío): units: debe tener al menos 1 elemento(s)'),
    );
  });

  it('says when the file is missing or is not JSON', () => {
    const missing = join(tmp, 'no-existe.json');
    expect(messageOf(() => loadDirectoryFile(missing))).toBe(
      `No se pudo leer el directorio (${missing}): el archivo no existe`,
    );
    const broken = writeJson('roto.json', '{ "units": [');
    const prefix = `Directorio inválido (${broken}): JSON mal formado: `;
    const message = messageOf(() => loadDirectoryFile(broken));
    expect(message.slice(0, prefix.length)).toBe(prefix);
    expect(message.length).toBeGreaterThan(prefix.length);
  });
});

describe('resolveActor with a subrogancia', () => {
  const dir = loadDirectoryFile(LOCAL_FILE);
  const adele = { personId: 'adele.vance', name: 'Adele Vance' };
  const patti = { personId: 'patti.fernandez', name: 'Patti Fernandez' };
  const own = [
    { role: 'funcionario', unitId: 'secplan', holder: adele, delegated: false },
    { role: 'secplan', holder: adele, delegated: false },
  ];
  const delegated = [
    { role: 'funcionario', unitId: 'administracion_municipal', holder: patti, delegated: true },
    { role: 'administrador_municipal', holder: patti, delegated: true },
  ];

  it.each([
    ['2026-12-27', own],
    ['2026-12-28', [...own, ...delegated]],
    ['2027-01-10', [...own, ...delegated]],
    ['2027-01-22', [...own, ...delegated]],
    ['2027-01-23', own],
  ])('on %s the subrogante holds exactly the expected grants', (today, grants) => {
    expect(resolveActor(dir, 'adele.vance', today)).toEqual({
      personId: 'adele.vance',
      name: 'Adele Vance',
      email: 'adele.vance@quillota.cl',
      unitId: 'secplan',
      grants,
    });
  });

  it('leaves the principal with only her own grants', () => {
    expect(resolveActor(dir, 'patti.fernandez', '2027-01-10')?.grants).toEqual([
      { role: 'funcionario', unitId: 'administracion_municipal', holder: patti, delegated: false },
      { role: 'administrador_municipal', holder: patti, delegated: false },
    ]);
  });

  it('restricts the delegated grants to the roles the decree names', () => {
    const restricted: Directory = {
      ...dir,
      delegations: [{ ...dir.delegations[0]!, roles: ['administrador_municipal'] }],
    };
    expect(resolveActor(restricted, 'adele.vance', '2027-01-10')?.grants).toEqual([
      ...own,
      { role: 'administrador_municipal', holder: patti, delegated: true },
    ]);
  });

  it('returns undefined for an unknown person', () => {
    expect(resolveActor(dir, 'nadie', '2027-01-10')).toBeUndefined();
  });
});

describe('Entra ID group mapping', () => {
  const G = {
    dideco: '11111111-1111-1111-1111-111111111111',
    rsh: '22222222-2222-2222-2222-222222222222',
    respRsh: '33333333-3333-3333-3333-333333333333',
    ugdt: '44444444-4444-4444-4444-444444444444',
    respDom: '55555555-5555-5555-5555-555555555555',
    daj: '66666666-6666-6666-6666-666666666666',
    todos: '77777777-7777-7777-7777-777777777777',
  };
  const units = [
    { id: 'alcaldia', name: 'Alcaldía', shortName: 'Alcaldía' },
    { id: 'dideco', name: 'Dirección de Desarrollo Comunitario', shortName: 'DIDECO', parentId: 'alcaldia' },
    { id: 'rsh', name: 'Registro Social de Hogares', shortName: 'RSH', parentId: 'dideco' },
    { id: 'dom', name: 'Dirección de Obras Municipales', shortName: 'DOM', parentId: 'alcaldia' },
    { id: 'ugdt', name: 'Unidad de Gestión de Datos Territoriales', shortName: 'UGDT', parentId: 'alcaldia' },
  ];
  const mapping = parseEntraMapping(
    {
      units,
      groups: {
        [G.dideco]: { role: 'funcionario', unitId: 'dideco' },
        [G.rsh]: { role: 'funcionario', unitId: 'rsh' },
        [G.respRsh]: { role: 'responsable_unidad', unitId: 'rsh' },
        [G.ugdt.toUpperCase()]: { role: 'ugdt' },
        [G.respDom]: { role: 'responsable_unidad', unitId: 'dom' },
        [G.daj]: { role: 'daj' },
        [G.todos]: { role: 'funcionario' },
      },
    },
    'entra.json',
  );
  const user: EntraUser = {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    displayName: 'Debra Berger',
    mail: 'debra.berger@quillota.cl',
    userPrincipalName: 'dberger@quillota.onmicrosoft.com',
    jobTitle: 'Encargada Comunal del Registro Social de Hogares',
  };

  it('maps groups to roles and takes the unit from the unit group', () => {
    expect(
      personFromEntra(user, [G.todos, G.ugdt, G.respRsh, G.rsh, '99999999-9999-9999-9999-999999999999'], mapping),
    ).toEqual({
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      name: 'Debra Berger',
      email: 'debra.berger@quillota.cl',
      aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001',
      unitId: 'rsh',
      position: 'Encargada Comunal del Registro Social de Hogares',
      roles: [{ role: 'responsable_unidad', unitId: 'rsh' }, { role: 'ugdt' }],
    });
  });

  it('uses the declaration order when a person is in two unit groups', () => {
    expect(personFromEntra(user, [G.rsh, G.dideco], mapping).unitId).toBe('dideco');
  });

  it('falls back to the responsable unit, then to the default unit', () => {
    expect(personFromEntra(user, [G.respDom, G.daj], mapping)).toMatchObject({
      unitId: 'dom',
      roles: [{ role: 'responsable_unidad', unitId: 'dom' }, { role: 'daj' }],
    });
    expect(personFromEntra(user, [G.daj], mapping, 'alcaldia')).toMatchObject({
      unitId: 'alcaldia',
      roles: [{ role: 'daj' }],
    });
  });

  it('uses the UPN when the user has no mail and no display name', () => {
    const bare = { ...user, displayName: null, mail: null, jobTitle: null };
    expect(personFromEntra(bare, [G.dideco], mapping)).toEqual({
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      name: 'dberger@quillota.onmicrosoft.com',
      email: 'dberger@quillota.onmicrosoft.com',
      aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001',
      unitId: 'dideco',
      roles: [],
    });
  });

  it('refuses a person with no unit and an unknown default unit', () => {
    expect(() => personFromEntra(user, [G.daj], mapping)).toThrow(
      new Error(
        'No se pudo determinar la unidad de dberger@quillota.onmicrosoft.com: no pertenece a ningún grupo de unidad y no hay unidad por defecto',
      ),
    );
    expect(() => personFromEntra(user, [G.dideco], mapping, 'finanzas')).toThrow(
      new Error('Unidad por defecto desconocida: finanzas'),
    );
  });

  it('validates the mapping in Spanish', () => {
    const bad = {
      units: [...units, { id: 'dom', name: 'Obras', shortName: 'DOM', parentId: 'nada' }],
      groups: {
        'grupo-daj': { role: 'daj' },
        [G.respDom]: { role: 'responsable_unidad' },
        [G.dideco]: { role: 'funcionario', unitId: 'finanzas' },
        [G.daj]: { role: 'jefe' },
      },
    };
    expect(() => parseEntraMapping(bad, 'entra.json')).toThrow(
      new Error(
        'Mapeo de grupos de Entra inválido (entra.json): ' +
          'groups.grupo-daj: identificador de grupo de Entra (GUID); ' +
          `groups.${G.daj}.role: valor no válido: jefe (se esperaba: ${ROLES.join(', ')})`,
      ),
    );
    const { 'grupo-daj': _skip, [G.daj]: _jefe, ...groups } = bad.groups;
    expect(() => parseEntraMapping({ ...bad, groups }, 'entra.json')).toThrow(
      new Error(
        'Mapeo de grupos de Entra inválido (entra.json): ' +
          'units.5.id: unidad repetida: dom; ' +
          'units.5.parentId: unidad superior desconocida: nada; ' +
          `groups.${G.respDom}.unitId: responsable_unidad necesita una unidad existente; ` +
          `groups.${G.dideco}.unitId: unidad desconocida: finanzas`,
      ),
    );
  });
});
