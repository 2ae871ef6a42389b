// Rules 6 and 7 of issue 12: a real legal basis, sensitive data with their own basis, the EIPD before the decree,
// and data from another body authorized before the evaluation is approved. Real dates of 2026–2027.
import {
  allowedActions,
  isDomainError,
  type DomainError,
  isPlaceholder,
  legalBasisSchema,
  legalBasisText,
  parseCreate,
  PLACEHOLDER_MESSAGE,
  SENSITIVE_CATEGORIES,
  SENSITIVE_CATEGORY_LABELS,
  storedLegalBasis,
  withStoredLegalBasis,
  type Convenio,
  type Solicitud,
} from '../../../protocol';
import {
  actor,
  CHECKLIST_OK,
  CONVENIO_BUILDERS,
  CONVENIO_RAW,
  CONVENIO_STEPS,
  createConvenio,
  createSolicitudDecision,
  DATASET,
  fail,
  LEGAL_BASIS_OK,
  ok,
  run,
  SOLICITUD_RAW,
  step,
} from '../../support/protocol-fixtures';

const NORM = { law: 'Ley 18.695', article: 'art. 4 letra c' };

describe('a legal basis is a real one: placeholders are refused (case and accents aside)', () => {
  it.each([
    'N/A',
    'n/a',
    'NA',
    'n.a.',
    '---',
    '-',
    '  ',
    '',
    'Sin base legal',
    'SIN BASE LEGAL',
    'No aplica',
    'no aplica.',
    'Ninguna',
    'pendiente',
    'Pendiente…',
    'xxx',
    'XXXX',
    '???',
    'Por definir',
    'sin información',
    'Sin informacion',
  ])('«%s» is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
    const r = legalBasisSchema.safeParse({ basis: 'funciones_legales', norm: { law: value, article: 'art. 4' } });
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.issues.map((x) => x.message)).toEqual([
        value.trim() ? PLACEHOLDER_MESSAGE : 'falta la ley que otorga la competencia',
      ]);
  });

  it.each(['Ley 18.695', 'Ley N° 19.628', 'DFL 1 de 2006', 'Ley 20.285', 'Código Sanitario'])(
    '«%s» is a norm',
    (law) => {
      expect(isPlaceholder(law)).toBe(false);
      expect(legalBasisSchema.safeParse({ basis: 'funciones_legales', norm: { law, article: 'art. 4' } }).success).toBe(
        true,
      );
    },
  );

  it.each([
    ['free text, as before rule 6', 'Ley 18.695 art. 4', 'legalBasis'],
    ['no basis at all', undefined, 'legalBasis'],
    ['an unknown basis', { basis: 'interes_legitimo_privado', norm: NORM }, 'legalBasis.basis'],
    [
      'an article «N/A»',
      { basis: 'funciones_legales', norm: { law: 'Ley 18.695', article: 'N/A' } },
      'legalBasis.norm.article',
    ],
    ['a law «---»', { basis: 'funciones_legales', norm: { law: '---', article: 'art. 4' } }, 'legalBasis.norm.law'],
  ])('creating a request with %s is refused in Spanish', (_label, legalBasis, path) => {
    const e = failOf(() => parseCreate('solicitud', { ...SOLICITUD_RAW, legalBasis }));
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(e.fields[path]).toBe(PLACEHOLDER_MESSAGE);
  });
});

/** The Spanish DomainError a parse throws. */
function failOf(thunk: () => unknown): DomainError {
  try {
    thunk();
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  throw new Error('se esperaba un rechazo');
}

describe('sensitive data (Ley 19.628 arts. 2 and 16): one list of categories, and their own basis', () => {
  it('lists the twelve categories of the definition, each with a Spanish label', () => {
    expect(SENSITIVE_CATEGORIES).toHaveLength(12);
    for (const c of SENSITIVE_CATEGORIES) expect(SENSITIVE_CATEGORY_LABELS[c]).toMatch(/^[A-ZÁÉÍÓÚ]/);
    expect(SENSITIVE_CATEGORY_LABELS.situacion_socioeconomica).toBe('Situación socioeconómica');
  });

  const sensible = { ...DATASET, classification: { access: 'uso_interno', privacy: 'sensible' } };
  const nna = { ...DATASET, classification: { access: 'uso_interno', privacy: 'nna' } };
  it.each<[string, Record<string, unknown>, unknown, string | undefined]>([
    ['sensitive data without a sensitive basis', sensible, LEGAL_BASIS_OK, 'legalBasis.sensitive.basis'],
    [
      'sensitive data without categories',
      sensible,
      { ...LEGAL_BASIS_OK, sensitive: { basis: 'ley_expresa', categories: [] } },
      'legalBasis.sensitive.categories',
    ],
    ["children's data without a sensitive basis", nna, LEGAL_BASIS_OK, 'legalBasis.sensitive.basis'],
    [
      'an unknown category',
      sensible,
      { ...LEGAL_BASIS_OK, sensitive: { basis: 'ley_expresa', categories: ['gustos_musicales'] } },
      'legalBasis.sensitive.categories.0',
    ],
    [
      'sensitive data with basis and categories',
      sensible,
      { ...LEGAL_BASIS_OK, sensitive: { basis: 'consentimiento_expreso', categories: ['salud'] } },
      undefined,
    ],
    [
      "children's data with their basis",
      nna,
      { ...LEGAL_BASIS_OK, sensitive: { basis: 'ley_expresa', categories: [] } },
      undefined,
    ],
    ['personal data with the general basis', DATASET, LEGAL_BASIS_OK, undefined],
  ])('%s', (_label, dataset, legalBasis, refusedAt) => {
    const raw = { ...SOLICITUD_RAW, dataset, legalBasis };
    if (!refusedAt) {
      expect(createSolicitudDecision(raw).next.legalBasis).toEqual(
        expect.objectContaining({ basis: 'funciones_legales' }),
      );
      return;
    }
    const e = failOf(() => parseCreate('solicitud', raw));
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(Object.keys(e.fields)).toContain(refusedAt);
  });
});

describe('legalBasisText: one Spanish line for any basis', () => {
  it.each<[unknown, string]>([
    [
      { basis: 'funciones_legales', norm: NORM },
      'Cumplimiento de funciones legales del órgano público — Ley 18.695, art. 4 letra c',
    ],
    [
      { basis: 'obligacion_legal', norm: { law: 'Ley 20.285', article: '7' } },
      'Cumplimiento de una obligación legal — Ley 20.285, art. 7',
    ],
    [
      {
        basis: 'funciones_legales',
        norm: NORM,
        sensitive: { basis: 'ley_expresa', categories: ['salud', 'biometricos'] },
      },
      'Cumplimiento de funciones legales del órgano público — Ley 18.695, art. 4 letra c; datos sensibles: Una ley autoriza expresamente el tratamiento de estos datos (datos relativos a la salud, datos biométricos)',
    ],
    [{ legacyText: 'Ley 18.695 art. 4' }, 'Ley 18.695 art. 4 (base legal por revisar)'],
    ['Ley 19.628 art. 20', 'Ley 19.628 art. 20 (base legal por revisar)'],
  ])('%j', (basis, text) => {
    expect(legalBasisText(basis as never)).toBe(text);
  });

  it('reads an old row tolerantly: its text kept as typed, flagged for review', () => {
    expect(storedLegalBasis('N/A')).toEqual({ legacyText: 'N/A' });
    const old = { kind: 'solicitud', legalBasis: 'Ley 18.695 art. 4; Ley 19.880 art. 37 bis' };
    expect(withStoredLegalBasis(old).legalBasis).toEqual({ legacyText: 'Ley 18.695 art. 4; Ley 19.880 art. 37 bis' });
    const fresh = { kind: 'solicitud', legalBasis: { basis: 'funciones_legales', norm: NORM } };
    expect(withStoredLegalBasis(fresh)).toBe(fresh);
  });
});

describe('actualizar_base_legal replaces a legacy basis, audited, only by who may', () => {
  const legacy = (): Solicitud => ({ ...createSolicitudDecision().next, legalBasis: { legacyText: 'Ley 18.695' } });
  it.each([
    ['ana', true], // requester
    ['ursula', true], // UGDT
    ['sofia', false], // owner unit
    ['claudio', false], // Control
  ])('%s → %s', (who, allowed) => {
    const s = legacy();
    const r = run(s, { type: 'actualizar_base_legal', legalBasis: LEGAL_BASIS_OK }, who);
    if (allowed) {
      const d = ok<Solicitud>(r);
      expect(d.next.legalBasis).toEqual(LEGAL_BASIS_OK);
      expect(d.audit).toMatchObject({ command: 'actualizar_base_legal', payload: { legalBasis: LEGAL_BASIS_OK } });
    } else {
      expect(fail(r).code).toBe('NO_AUTORIZADO');
      expect(s.legalBasis).toEqual({ legacyText: 'Ley 18.695' });
    }
  });

  it('refuses a placeholder and keeps the old text', () => {
    const s = legacy();
    const e = failOf(() =>
      run(
        s,
        {
          type: 'actualizar_base_legal',
          legalBasis: { basis: 'funciones_legales', norm: { law: 'sin base legal', article: '-' } },
        },
        'ana',
      ),
    );
    expect(e.message).toMatch(/Indique una base legal real/);
    expect(s.legalBasis).toEqual({ legacyText: 'Ley 18.695' });
  });
});

describe('EIPD: a convenio that needs one is not approved by decree until it is recorded', () => {
  const sensitiveRaw = {
    datasets: [
      {
        ...DATASET,
        name: 'Atenciones de salud mental',
        classification: { access: 'reservada', legalGround: 'art21_n2_derechos_personas', privacy: 'sensible' },
      },
    ],
  };
  const aprobacion = () => CONVENIO_BUILDERS.aprobacion(sensitiveRaw);

  it.each<[string, Record<string, unknown>, boolean]>([
    ['sensitive data', sensitiveRaw, true],
    [
      "children's data",
      { datasets: [{ ...DATASET, classification: { access: 'uso_interno', privacy: 'nna' } }] },
      true,
    ],
    [
      'large-scale personal data',
      { datasets: [{ ...DATASET, classification: { access: 'uso_interno', privacy: 'personal', largeScale: true } }] },
      true,
    ],
    [
      'personal data, small scale',
      { datasets: [{ ...DATASET, classification: { access: 'uso_interno', privacy: 'personal' } }] },
      false,
    ],
    ['anonymised data', {}, false],
  ])('%s → EIPD required: %s', (_l, raw, required) => {
    expect(createConvenio(raw).impactAssessmentRequired).toBe(required);
  });

  it('refuses the decree of 15-09-2026 with «EIPD pendiente», nothing changes, and the button is not offered', () => {
    const c = aprobacion();
    expect(c.state).toBe('aprobacion');
    const e = fail(run(c, { type: 'registrar_decreto', number: '4567', date: '2026-09-15' }, 'marta'));
    expect(e.code).toBe('TRANSICION_INVALIDA');
    expect(e.message).toMatch(/^EIPD pendiente/);
    expect(c.decree).toBeUndefined();
    expect(allowedActions(c, actor('marta')).map((a) => a.verb)).not.toContain('registrar_decreto');
  });

  it('after SECPLAN records it (date, author, document), the decree goes through', () => {
    const c = step(
      aprobacion(),
      {
        type: 'registrar_eipd',
        date: '2026-09-14',
        author: 'Sergio Pérez',
        documentName: 'EIPD salud mental.pdf',
        url: 'https://quillota.sharepoint.com/eipd.pdf',
      },
      'sergio',
    );
    expect(c.eipd).toMatchObject({ date: '2026-09-14', author: 'Sergio Pérez', documentName: 'EIPD salud mental.pdf' });
    expect(step(c, { type: 'registrar_decreto', number: '4567', date: '2026-09-15' }, 'marta').state).toBe('vigente');
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a future date', { date: '2026-09-16' }, 'sergio', /no puede ser futura/],
    ['no author', { author: 'N/A' }, 'sergio', /Indique una base legal real|quién realizó/],
    ['by the DAJ', {}, 'daniela', /SECPLAN/],
  ])('registrar_eipd with %s is refused', (_l, over, who, message) => {
    const c = aprobacion();
    const raw = {
      type: 'registrar_eipd',
      date: '2026-09-14',
      author: 'Sergio Pérez',
      documentName: 'EIPD.pdf',
      ...over,
    };
    let e;
    try {
      e = fail(run(c, raw, who));
    } catch (thrown) {
      e = thrown as ReturnType<typeof fail>;
    }
    expect(e.message).toMatch(message);
    expect(c.eipd).toBeUndefined();
  });

  it('a convenio without sensitive data needs no EIPD: the decree is not blocked', () => {
    expect(CONVENIO_STEPS.decreto(CONVENIO_BUILDERS.aprobacion()).state).toBe('vigente');
  });
});

describe('rule 7: data obtained from another body need its authorization before the evaluation is approved', () => {
  const borrowed = {
    datasets: [
      {
        ...DATASET,
        name: 'Siniestros CONASET',
        origin: { kind: 'convenio', body: 'CONASET', agreement: 'Convenio 2025 CONASET–Municipalidad' },
      },
      { ...DATASET, name: 'Conteos propios' },
    ],
  };
  const evaluated = () =>
    step(createConvenio(borrowed), { type: 'registrar_evaluacion', checklist: CHECKLIST_OK }, 'sergio');

  it('an old dataset without origin is the municipality’s own', () => {
    expect(createConvenio().datasets[0]!.origin).toBeUndefined();
    expect(CONVENIO_STEPS.aprobar(CONVENIO_BUILDERS.evaluacion()).state).toBe('redaccion');
  });

  it('refuses the approval naming the dataset, nothing changes, and the button is not offered', () => {
    const c = evaluated();
    const e = fail(run(c, { type: 'aprobar_evaluacion', note: 'Aprobado' }, 'adriana'));
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(e.message).toBe(
      'Falta la autorización del organismo de origen para compartir: «Siniestros CONASET». SECPLAN debe registrarla antes de aprobar la evaluación.',
    );
    expect(c.state).toBe('evaluacion');
    expect(allowedActions(c, actor('adriana')).map((a) => a.verb)).not.toContain('aprobar_evaluacion');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a dataset the convenio does not cover', { dataset: 'Padrón electoral' }, /no incluye ese conjunto/],
    ['the municipality’s own dataset', { dataset: 'Conteos propios' }, /dato propio/],
    ['another body', { body: 'Carabineros' }, /proviene de CONASET/],
    ['a future date', { date: '2027-01-04' }, /no puede ser futura/],
  ])('registrar_autorizacion_origen for %s is refused', (_l, over, message) => {
    const c = evaluated();
    const raw = {
      type: 'registrar_autorizacion_origen',
      dataset: 'Siniestros CONASET',
      body: 'CONASET',
      evidence: 'Oficio N° 345',
      date: '2026-09-10',
      ...over,
    };
    expect(fail(run(c, raw, 'sergio')).message).toMatch(message);
    expect(c.originAuthorizations).toBeUndefined();
  });

  it('once SECPLAN records CONASET’s authorization, the Administración approves', () => {
    const c = step(
      evaluated(),
      {
        type: 'registrar_autorizacion_origen',
        dataset: 'siniestros conaset',
        body: 'conaset',
        evidence: 'Oficio N° 345 de CONASET',
        date: '2026-09-10',
      },
      'sergio',
    );
    expect(c.originAuthorizations).toHaveLength(1);
    expect(step(c, { type: 'aprobar_evaluacion', note: 'Aprobado' }, 'adriana').state).toBe('redaccion');
  });

  it('a card submit with the origin inputs left blank is an own dataset', () => {
    const raw = { ...CONVENIO_RAW, datasets: [{ ...DATASET, origin: { kind: 'propio', body: '', agreement: '' } }] };
    expect((parseCreate('convenio', raw).input as { datasets: Convenio['datasets'] }).datasets[0]!.origin).toEqual({
      kind: 'propio',
    });
  });
});
