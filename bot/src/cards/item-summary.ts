// What the item is about and what has happened so far, for anyone entitled to read it. A card posted to a shared
// conversation (no viewer) or shown to someone outside the item gets the neutral version: no fields, purpose or
// links, since a personal or reserved dataset must not spread beyond the people the protocol names (Ley 19.628).
import {
  canRead,
  convenioLegalFlags,
  isLegacyLegalBasis,
  LEGAL_BASIS_REVIEW_LABEL,
  legalBasisText,
  type Actor,
  type Convenio,
  type Item,
  type Solicitud,
} from '../../../protocol';
import { container, facts, heading, linkLine, text, type CardElement } from './card-elements';
import type { CardContext } from './contract';
import { allowedUrl, urlPolicyOf } from './markdown';
import { FORMAT_LABELS, formatInstant, formatLocal, renewalPhrase, unitName, unitShortName } from './format';

const NEUTRAL_HINT = 'Abra el detalle para ver los datos pedidos, su propósito y el historial.';

export const mayReadDetail = (item: Item, viewer: Actor | null): viewer is Actor => !!viewer && canRead(viewer, item);

export function itemSummary(item: Item, ctx: CardContext, viewer: Actor | null): CardElement[] {
  const full = mayReadDetail(item, viewer);
  const parts = item.kind === 'solicitud' ? solicitudSummary(item, ctx, full) : convenioSummary(item, ctx, full);
  return full ? parts : [...parts, text(NEUTRAL_HINT, { isSubtle: true, size: 'small' })];
}

function solicitudSummary(s: Solicitud, ctx: CardContext, full: boolean): CardElement[] {
  const d = ctx.directory;
  const tz = ctx.settings.timeZone;
  const owner = unitName(d, s.ownerUnitId) + (s.assignee ? ` · asignada a ${s.assignee.name}` : '');
  const requester = full
    ? `${s.requester.name} (${unitShortName(d, s.requester.unitId)})`
    : unitName(d, s.requester.unitId);
  const base = facts([
    ['Solicita', requester],
    ['Unidad dueña', owner],
    ...(full
      ? ([
          ['Campos', s.dataset.fields.join(', ')],
          ['Período', s.dataset.period],
          ['Formato', FORMAT_LABELS[s.dataset.format]],
          ['Propósito', s.purpose],
          ['Base legal', legalBasisText(s.legalBasis)],
          ['Aviso', isLegacyLegalBasis(s.legalBasis) ? LEGAL_BASIS_REVIEW_LABEL : undefined],
          ['Se necesita para', formatLocal(s.neededBy)],
          ['Enviada el', formatInstant(s.createdAt, tz)],
        ] as [string, string | undefined][])
      : []),
  ]);
  if (!full) return [container([base])];
  // The delivery link is user text: opened from a link line only when it is a URL the app allows, else shown as text.
  const link = allowedUrl(s.delivery?.link, urlPolicyOf(ctx.detailUrl(s)));
  const reassigned = s.reassignments.at(-1);
  const observed = s.observations.at(-1);
  const history = facts([
    ['Entrega comprometida', s.wait && `${formatLocal(s.wait.until)}: ${s.wait.note}`],
    ['Entregada el', s.delivery && formatInstant(s.delivery.at, tz)],
    ['Nota de entrega', s.delivery?.note],
    ['Archivo', s.delivery?.fileName],
    ['Enlace entregado (no se abre desde la tarjeta)', link ? undefined : s.delivery?.link],
    ['Última observación', observed && `${observed.reason} (${formatInstant(observed.at, tz)})`],
    [
      'Reasignada',
      reassigned && `desde ${unitShortName(d, reassigned.fromUnitId)} el ${formatInstant(reassigned.at, tz)}`,
    ],
    ...outcomeFacts(s),
  ]);
  return [
    container([base]),
    link ? linkLine('Abrir los datos entregados', link) : undefined,
    history && container([heading('Historial', 'small'), history], { separator: true }),
  ].filter((x): x is CardElement => !!x);
}

function outcomeFacts(s: Solicitud): [string, string | undefined][] {
  const o = s.outcome;
  if (!o) return [];
  switch (s.state) {
    case 'cerrada':
      // «Cerrada por silencio del solicitante el dd-MM-yyyy» (rule 9a) is the outcome's own reason.
      if (s.closedBySilence) return [['Cierre', o.reason]];
      return [[o.byUgdt ? 'Cerrada por la UGDT' : 'Cierre', o.byUgdt ? o.reason : 'Conforme del solicitante']];
    case 'no_disponible':
      return [['Motivo', o.reason]];
    case 'rechazada':
      return [
        ['Fundamento', o.reason],
        ['Norma', o.legalGround],
      ];
    case 'cancelada':
      return [['Motivo de la cancelación', o.reason]];
    default:
      return [];
  }
}

function convenioSummary(c: Convenio, ctx: CardContext, full: boolean): CardElement[] {
  const d = ctx.directory;
  if (!full) return [container([facts([['Contraparte', c.entity.name]])])];
  const v = c.validity;
  const main = facts([
    ['Contraparte', `${c.entity.name} (RUT ${c.entity.rut})`],
    ['Propone', `${c.proposer.name} (${unitShortName(d, c.proposer.unitId)})`],
    ['Propósito', c.purpose],
    ['Base legal', legalBasisText(c.legalBasis)],
    ['Aviso', convenioLegalFlags(c).join(' · ') || undefined],
    ['Datos', c.datasets.map((x) => x.name).join(', ')],
    ['Transferencia', c.transferMethod],
    ['Duración', `${c.durationMonths} meses, ${renewalPhrase(c.renewal)}`],
    ['Vigencia', v && `${formatLocal(v.start)} al ${formatLocal(v.end)}`],
    ['Decreto', c.decree && `N° ${c.decree.number} del ${formatLocal(c.decree.date)}`],
    ['Renovaciones', c.renewals.length ? String(c.renewals.length) : undefined],
    ['Motivo', c.outcome?.reason],
    ['Término', c.termination?.reason],
    [
      'Datos al término',
      c.termination &&
        `${c.termination.dataDisposition === 'eliminados' ? 'Eliminados' : 'Devueltos'}: ${c.termination.evidence}`,
    ],
  ]);
  // Back in redacción, the last observation is what the next version must answer.
  const observed = c.state === 'redaccion' ? c.observations.at(-1) : undefined;
  const by = observed?.side === 'municipal' ? 'de la DAJ' : `de ${c.entity.name}`;
  return [
    container([
      main,
      observed && text(`Observación ${by} (versión ${observed.version}): ${observed.comments}`, { isSubtle: true }),
    ]),
  ];
}
