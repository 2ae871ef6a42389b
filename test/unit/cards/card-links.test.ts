// Links on cards are buttons (Action.OpenUrl) with app text for a title, and only for a URL the app allows: the
// delivery link a unit typed, the stored address of a document version, the detail link. Never Markdown links.
import { itemCard, type CardContext } from '../../../bot/src/cards';
import type { Convenio, Solicitud } from '../../../protocol';
import { allActions, visibleText } from './card-checks';
import { cardContext, convenioCases, solicitudCases, VIEWERS } from './card-fixtures';

const S = solicitudCases();
const C = convenioCases();
const UGDT = VIEWERS['UGDT (Úrsula)']!;
const LOCAL: CardContext = {
  ...cardContext(),
  detailUrl: (item) => `http://localhost:3978/detalle/${item.kind}/${item.reference}`,
  documentUrl: undefined,
};

const delivered = (link: string): Solicitud => {
  const s = S.entregada!.item;
  return { ...s, delivery: { ...s.delivery!, link } };
};
const buttons = (card: unknown) =>
  allActions(card)
    .filter((a) => a.type === 'Action.OpenUrl')
    .map((a) => [a.title, a.url]);

describe('el enlace de la entrega', () => {
  test('una dirección https es un botón con texto de la aplicación', () => {
    const card = itemCard(delivered('https://quillota.sharepoint.com/datos/entrega.xlsx'), cardContext(), {
      viewer: UGDT,
      refreshUserIds: [],
    });
    expect(buttons(card)).toContainEqual([
      'Abrir los datos entregados',
      'https://quillota.sharepoint.com/datos/entrega.xlsx',
    ]);
    expect(JSON.stringify(card)).not.toContain('](');
  });

  test.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    ') **…** [aquí](https://evil.example',
    'http://intranet.quillota.cl/datos.xlsx',
    'https://quillota.cl@evil.example/x',
  ])('%j no es un botón: se muestra como texto', (link) => {
    const card = itemCard(delivered(link), cardContext(), { viewer: UGDT, refreshUserIds: [] });
    expect(buttons(card).map(([title]) => title)).not.toContain('Abrir los datos entregados');
    expect(visibleText(card)).toContain(link);
    expect(visibleText(card)).toContain('Enlace entregado (no se abre desde la tarjeta)');
  });

  test('http solo cuando la aplicación misma corre en http (modo local)', () => {
    const card = itemCard(delivered('http://localhost:3978/datos.xlsx'), LOCAL, { viewer: UGDT, refreshUserIds: [] });
    expect(buttons(card)).toContainEqual(['Abrir los datos entregados', 'http://localhost:3978/datos.xlsx']);
  });

  test('la tarjeta neutral (conversación compartida) no lleva el enlace', () => {
    const card = itemCard(delivered('https://quillota.sharepoint.com/x.xlsx'), cardContext(), {
      viewer: null,
      refreshUserIds: [],
    });
    expect(JSON.stringify(card)).not.toContain('sharepoint');
  });
});

describe('el documento del convenio', () => {
  const withDocUrl = (c: Convenio, url: string): Convenio => ({
    ...c,
    documents: c.documents.map((d) => ({ ...d, url })),
  });

  test('firma: «Abrir documento» es un botón dentro del formulario, no un enlace en el texto', () => {
    const card = itemCard(C.firma!.item, cardContext(), {
      viewer: VIEWERS['Alcalde firmante (Alberto)']!,
      refreshUserIds: [],
    });
    const titles = buttons(card).map(([title]) => title);
    expect(titles).toContain('Abrir documento');
    expect(titles).toContain('Abrir la versión 1 del documento');
    expect(JSON.stringify(card)).not.toMatch(/\]\(https/);
  });

  test.each(['javascript:alert(1)', 'file:///C:/convenio.docx', 'no es url'])(
    'una dirección guardada %j no se ofrece',
    (url) => {
      const ctx: CardContext = { ...cardContext(), documentUrl: undefined };
      const card = itemCard(withDocUrl(C.firma!.item, url), ctx, {
        viewer: VIEWERS['Alcalde firmante (Alberto)']!,
        refreshUserIds: [],
      });
      expect(buttons(card).map(([, u]) => u)).not.toContain(url);
      expect(buttons(card).every(([, u]) => String(u).startsWith('https://'))).toBe(true);
    },
  );
});
