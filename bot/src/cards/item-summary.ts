// What the item is about and what has happened so far, for anyone entitled to read it. A card posted to a shared
// conversation (no viewer) or shown to someone outside the item gets the neutral version: no fields, purpose or
// links, since a personal or reserved dataset must not spread beyond the people the protocol names (Ley 19.628).
import {
  canRead,
  convenioLegalFlags,
  formatDate,
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
import { PERIOD, SUMMARY as T } from './textos/comun';

export const mayReadDetail = (item: Item, viewer: Actor | null): viewer is Actor => !!viewer && canRead(viewer, item);

export function itemSummary(item: Item, ctx: CardContext, viewer: Actor | null): CardElement[] {
  const full = mayReadDetail(item, viewer);
  const parts = item.kind === 'solicitud' ? solicitudSummary(item, ctx, full) : convenioSummary(item, ctx, full);
  return full ? parts : [...parts, text(T.neutralHint(item.kind), { isSubtle: true, size: 'small' })];
}

function solicitudSummary(s: Solicitud, ctx: CardContext, full: boolean): CardElement[] {
  const d = ctx.directory;
  const tz = ctx.settings.timeZone;
  const owner = unitName(d, s.ownerUnitId) + (s.assignee ? T.assignedTo(s.assignee.name) : '');
  const requester = full
    ? `${s.requester.name} (${unitShortName(d, s.requester.unitId)})`
    : unitName(d, s.requester.unitId);
  const base = facts([
    [T.requester, requester],
    [T.ownerUnit, owner],
    ...(full
      ? ([
          [T.fields, s.dataset.fields.join(', ')],
          [T.period, s.dataset.period],
          [T.format, FORMAT_LABELS[s.dataset.format]],
          [T.purpose, s.purpose],
          [T.legalBasis, legalBasisText(s.legalBasis)],
          [T.warning, isLegacyLegalBasis(s.legalBasis) ? LEGAL_BASIS_REVIEW_LABEL : undefined],
          [T.neededBy, formatLocal(s.neededBy)],
          [T.sentOn, formatInstant(s.createdAt, tz)],
        ] as [string, string | undefined][])
      : []),
  ]);
  if (!full) return [container([base])];
  // The delivery link is user text: opened from a link line only when it is a URL the app allows, else shown as text.
  const link = allowedUrl(s.delivery?.link, urlPolicyOf(ctx.detailUrl(s)));
  const reassigned = s.reassignments.at(-1);
  const observed = s.observations.at(-1);
  const history = facts([
    [T.promisedDelivery, s.wait && T.promisedDeliveryValue(formatDate(s.wait.until), s.wait.note)],
    [T.deliveredOn, s.delivery && formatInstant(s.delivery.at, tz)],
    [T.deliveryNote, s.delivery?.note],
    [T.file, s.delivery?.fileName],
    [T.deliveredLinkAsText, link ? undefined : s.delivery?.link],
    [T.lastObservation, observed && `${observed.reason} (${formatInstant(observed.at, tz)})`],
    [
      T.reassigned,
      reassigned && T.reassignedFrom(unitShortName(d, reassigned.fromUnitId), formatInstant(reassigned.at, tz)),
    ],
    ...outcomeFacts(s),
  ]);
  return [
    container([base]),
    link ? linkLine(T.openDelivered, link) : undefined,
    history && container([heading(T.history, 'small'), history], { separator: true }),
  ].filter((x): x is CardElement => !!x);
}

function outcomeFacts(s: Solicitud): [string, string | undefined][] {
  const o = s.outcome;
  if (!o) return [];
  switch (s.state) {
    case 'cerrada':
      // «Cerrada por silencio del solicitante el dd-MM-yyyy» (rule 9a) is the outcome's own reason.
      if (s.closedBySilence) return [[T.closing, o.reason]];
      return [[o.byUgdt ? T.closedByUgdt : T.closing, o.byUgdt ? o.reason : T.requesterSatisfied]];
    case 'no_disponible':
      return [[T.reason, o.reason]];
    case 'rechazada':
      return [
        [T.ground, o.reason],
        [T.norm, o.legalGround],
      ];
    case 'cancelada':
      return [[T.cancellationReason, o.reason]];
    default:
      return [];
  }
}

function convenioSummary(c: Convenio, ctx: CardContext, full: boolean): CardElement[] {
  const d = ctx.directory;
  if (!full) return [container([facts([[T.counterpart, c.entity.name]])])];
  const v = c.validity;
  const main = facts([
    [T.counterpart, T.counterpartWithRut(c.entity.name, c.entity.rut)],
    [T.proposer, `${c.proposer.name} (${unitShortName(d, c.proposer.unitId)})`],
    [T.purpose, c.purpose],
    [T.legalBasis, legalBasisText(c.legalBasis)],
    [T.warning, convenioLegalFlags(c).join(' · ') || undefined],
    [T.data, c.datasets.map((x) => x.name).join(', ')],
    [T.transfer, c.transferMethod],
    [T.duration, T.durationValue(PERIOD.months(c.durationMonths), renewalPhrase(c.renewal))],
    [T.validity, v && T.validityValue(formatDate(v.start), formatDate(v.end))],
    [T.decree, c.decree && T.decreeValue(c.decree.number, formatDate(c.decree.date))],
    [T.renewals, c.renewals.length ? String(c.renewals.length) : undefined],
    [T.reason, c.outcome?.reason],
    [T.termination, c.termination?.reason],
    [
      T.dataAtTermination,
      c.termination && T.dataDisposition(c.termination.dataDisposition === 'eliminados', c.termination.evidence),
    ],
  ]);
  // Back in redacción, the last observation is what the next version must answer.
  const observed = c.state === 'redaccion' ? c.observations.at(-1) : undefined;
  return [
    container([
      main,
      observed &&
        text(T.observation(observed.side === 'municipal', c.entity.name, observed.version, observed.comments), {
          isSubtle: true,
        }),
    ]),
  ];
}
