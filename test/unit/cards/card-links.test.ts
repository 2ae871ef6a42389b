// Links on cards open through Action.OpenUrl with app text for a title, and only for a URL the app allows: the
// delivery link a unit typed, the stored address of a document version, the detail link. Never Markdown links.
// Besides the header's "Ver detalle", they are link lines (a container's selectAction), not buttons: the buttons
// of a card are the protocol's actions.
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
/** Every Action.OpenUrl as [title, url], buttons and link lines alike. */
const buttons = (card: unknown) =>
  allActions(card)
    .filter((a) => a.type === 'Action.OpenUrl')
    .map((a) => [a.title, a.url]);

describe('el enlace de la entrega', () => {
  test('una dirección https se abre con Action.OpenUrl y texto de la aplicación', () => {
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

  test('es una línea con aspecto de enlace, no un botón más junto a las acciones del protocolo', () => {
    const card = itemCard(delivered('https://quillota.sharepoint.com/x.xlsx'), cardContext(), {
      viewer: VIEWERS['solicitante (Ana)']!,
      refreshUserIds: [],
    });
    const inActionSets = JSON.stringify(card.actions ?? []) + JSON.stringify(card.body);
    const pushButtons = [...inActionSets.matchAll(/"type":"ActionSet","actions":\[(.*?)\]\}/g)].map((m) => m[1]);
    expect(pushButtons.join()).not.toContain('Abrir los datos entregados');
    expect(JSON.stringify(card.body)).toContain(
      JSON.stringify({
        type: 'Action.OpenUrl',
        title: 'Abrir los datos entregados',
        url: 'https://quillota.sharepoint.com/x.xlsx',
      }),
    );
    expect(JSON.stringify(card.body)).toContain('"selectAction"');
  });

  test.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    ') **…** [aquí](https://evil.example',
    'http://intranet.quillota.cl/datos.xlsx',
    'https://quillota.cl@evil.example/x',
  ])('%j no se ofrece para abrir: se muestra como texto', (link) => {
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

  test('firma: «Abrir documento» se abre desde el formulario, no desde un enlace en el texto', () => {
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
