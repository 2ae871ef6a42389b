import {
  canRead,
  DomainError,
  ownScopeOf,
  redactFor,
  isDomainError,
  isLocalDate,
  MAX_BULK_ITEMS,
  parseCreate,
  parseReference,
  readScopeOf,
  toLocalDate,
  type Actor,
  type LocalDate,
  type Item,
  type ItemKind,
} from '../../../protocol';
import {
  commandFromCard,
  convenioIntakeCard,
  createFromInvoke,
  errorCard,
  helpCard,
  intakeAgain,
  itemCard,
  listCard,
  refusalCard,
  solicitudIntakeCard,
} from '../cards';
import {
  DIALOG_FORMS,
  ITEM_DIALOGS,
  type ActionData,
  type AdaptiveCard,
  type DialogForm,
  type ItemDialog,
  type RefusedForm,
} from '../cards/contract';
import { DIGEST_REMIND_VERB, digestCard, type DigestOutcome, type DigestRow } from '../cards/digest-card';
import { executeMany } from '../api/bulk';
import type { Db } from '../store/db';
import type { ItemsRepo } from '../store/items-repo';
import type { Runtime } from '../runtime';
import { queryPending } from '../store/read/pending';
import { queryRegister } from '../store/read/register';
import { registerFilterSchema } from '../store/read/register-filter';
import { rowContext } from '../store/read/rows';
import { runCardCommand } from '../store/card-command';
import { cardContext } from '../cards/card-context';
import { refreshUserIds } from './people';
import { trace } from '@opentelemetry/api';
import { recordCardAction, verbLabel } from '../observability/metrics';
import type { Logger } from '../logger';
import type { ConversationsRepo } from '../store/conversations-repo';
import { BOT } from '../cards/textos/chat';

export interface ActionOutcome {
  card: AdaptiveCard;
  /** The item the card now shows (to track it for in-place updates). */
  itemId?: string;
  /** The item version the card shows; 0 when it shows something else (a refusal). */
  itemVersion?: number;
  /** The protocol refused the command and the card says why (counted as a refusal in the metrics). */
  refused?: true;
}

const KINDS: readonly ItemKind[] = ['solicitud', 'convenio'];

/**
 * What a card button or a text command does, independent of how it arrived (Action.Execute invoke, the
 * Action.Submit fallback, or a typed command). Every item action reloads the item, re-checks the role through the
 * protocol and writes through the store; the answer is always a card, never a stack trace.
 */
export class CardActions {
  constructor(
    private readonly deps: {
      db: Db;
      repo: ItemsRepo;
      rt: Runtime;
      publicUrl: string;
      /** With the Teams app id, "Ver detalle" opens the item in the app's tab instead of the browser. */
      teamsAppId?: string;
      log: Logger;
      conversations: ConversationsRepo;
    },
  ) {}

  /**
   * The tab's long forms a chat card opens as a Teams dialog (issue 14 §1): the title and address for `form`, or
   * undefined for anything else. ?dialogo=1 draws the form without the tab's header and hands its result back.
   */
  dialog(form: unknown, reference?: unknown): { title: string; url: string } | undefined {
    if (typeof form !== 'string') return undefined;
    if (Object.hasOwn(DIALOG_FORMS, form))
      return { title: DIALOG_FORMS[form as DialogForm], url: `${this.deps.publicUrl}/tab/${form}?dialogo=1` };
    // One step of a request (issue 15: «Subir archivos…»): its detail in dialog mode with the step's form open. The
    // tab asks the API, which applies the caller's own permissions; the address carries only the reference.
    const parsed = typeof reference === 'string' ? parseReference(reference) : undefined;
    if (!Object.hasOwn(ITEM_DIALOGS, form) || parsed?.kind !== 'solicitud') return undefined;
    const ref = (reference as string).trim().toUpperCase();
    return {
      title: ITEM_DIALOGS[form as ItemDialog](ref),
      url: `${this.deps.publicUrl}/detalle/solicitudes/${encodeURIComponent(ref)}?dialogo=1&paso=${form}`,
    };
  }

  /** The help card, with a link to the tab. */
  help(note?: string): AdaptiveCard {
    return helpCard(note, this.ctx().homeUrl);
  }

  private ctx() {
    return cardContext(this.deps.rt, this.deps.publicUrl, this.deps.teamsAppId);
  }

  /** The item card as `viewer` sees it, refreshing to each participant's own view. */
  async view(
    item: Item,
    viewer: Actor | null,
    note?: string,
    noteStyle: 'good' | 'attention' = 'attention',
    refused?: RefusedForm,
  ): Promise<ActionOutcome> {
    // The read policy: a card shows the item as its viewer may see it; a shared card (no viewer) as a reader who is
    // not entitled to sensitive fields, since whoever is in the conversation reads it.
    const card = itemCard(redactFor(viewer, item).item, this.ctx(), {
      viewer,
      // Only a shared card (no viewer) needs clients to refresh it to their own view; a personal view already is
      // one, and a refresh would only drop the notice's banner.
      refreshUserIds: viewer ? [] : await refreshUserIds(this.deps.rt, this.deps.conversations, item),
      ...(note ? { note, noteStyle } : {}),
      ...(refused ? { refused } : {}),
    });
    return { card, itemId: item.id, itemVersion: item.version };
  }

  async handle(data: ActionData, actor: Actor | undefined): Promise<ActionOutcome> {
    if (!actor) return { card: errorCard(BOT.unknownUser, 'NO_AUTENTICADO') };
    const started = performance.now();
    // Application Insights: card actions' requests by verb (customDimensions["app.card_verb"]).
    trace.getActiveSpan()?.setAttribute('app.card_verb', verbLabel(data.verb));
    try {
      const outcome = await this.route(data, actor);
      recordCardAction(data.verb, performance.now() - started, outcome.refused ? 'rechazo' : 'ok');
      return outcome;
    } catch (e) {
      recordCardAction(data.verb, performance.now() - started, isDomainError(e) ? 'rechazo' : 'error');
      if (isDomainError(e)) return { card: errorCard(e.message, e.code) };
      this.deps.log.error('error al procesar una acción de tarjeta', {
        verb: data.verb,
        error: e instanceof Error ? e.stack : String(e),
      });
      return { card: errorCard(BOT.internalError, 'ERROR_INTERNO') };
    }
  }

  private async route(data: ActionData, actor: Actor): Promise<ActionOutcome> {
    const verb = String(data.verb ?? '');
    switch (verb) {
      case 'ayuda':
        return { card: this.help() };
      case 'nueva_solicitud':
        return { card: solicitudIntakeCard(this.ctx(), { viewer: actor }) };
      case 'nuevo_convenio':
        return { card: convenioIntakeCard(this.ctx(), { viewer: actor }) };
      case 'mis_solicitudes':
        return { card: await this.mine(actor) };
      case 'pendientes':
        return { card: await this.pending(actor) };
      case 'refresh':
      case 'abrir':
        return this.open(data, actor);
      case DIGEST_REMIND_VERB:
        return this.remindOverdue(data, actor);
    }
    const [kindText, command] = verb.split('.', 2) as [string, string | undefined];
    const kind = KINDS.find((k) => k === kindText);
    if (!kind || !command) return { card: this.help(BOT.unknownAction(verb)) };
    if (command === 'crear') return this.create(kind, data, actor);
    return this.command(kind, command, data, actor);
  }

  /** A refused intake form comes back as it was filled, with the reasons under their fields (issue 14 §1). */
  private async create(kind: ItemKind, data: ActionData, actor: Actor): Promise<ActionOutcome> {
    try {
      const input = parseCreate(kind, createFromInvoke(kind, data, this.deps.rt.directory));
      return this.view(await this.deps.repo.create(input, actor), actor);
    } catch (e) {
      if (!isDomainError(e) || e.code === 'NO_AUTORIZADO') throw e;
      return { card: intakeAgain(kind, this.ctx(), actor, data, e), refused: true };
    }
  }

  private async load(data: ActionData, kind?: ItemKind): Promise<Item> {
    const id = typeof data.id === 'string' ? data.id : '';
    const item = /^[0-9a-f-]{36}$/i.test(id) ? await this.deps.repo.get(id) : undefined;
    if (!item || (kind && item.kind !== kind)) throw new DomainError('NO_ENCONTRADO', BOT.gone);
    return item;
  }

  private async open(data: ActionData, actor: Actor): Promise<ActionOutcome> {
    const item = await this.load(data);
    if (!canRead(actor, item)) return { card: refusalCard(BOT.noAccess) };
    return this.view(item, actor);
  }

  private async command(kind: ItemKind, command: string, data: ActionData, actor: Actor): Promise<ActionOutcome> {
    const item = await this.load(data, kind);
    // Nothing of an item the person may not read: not its stale card, not an error naming it. The attempt is kept
    // for Control, as the API keeps it.
    if (!canRead(actor, item)) {
      const refusal = new DomainError('NO_AUTORIZADO', BOT.noAccess);
      await this.deps.repo.recordDenied(actor, item.id, `${kind}.${command}`, refusal);
      return { card: refusalCard(BOT.noAccess) };
    }
    // A click on an old card changes nothing: the person first sees what happened since.
    if (data.version !== item.version) return this.view(item, actor, BOT.stale);
    try {
      const next = await runCardCommand(this.deps.repo, item, commandFromCard(item.kind, command, data), actor);
      return this.view(next, actor);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      // runCardCommand has already kept the refusal for Control.
      if (e.code === 'NO_AUTORIZADO') return { card: refusalCard(e.message), itemId: item.id, itemVersion: 0 };
      // Someone else acted first, or the step no longer applies: show the current state with the reason.
      const current = (await this.deps.repo.get(item.id)) ?? item;
      if (e.code === 'CONFLICTO_VERSION') return this.view(current, actor, BOT.stale);
      // Wrong input: the same form, open, with what was typed and the reason under each field (issue 14 §1).
      if (e.code === 'DATOS_INVALIDOS' && current.version === item.version) {
        const signerId = typeof data.signerId === 'string' ? data.signerId : undefined;
        const refused: RefusedForm = { command, values: data, message: e.message, fields: e.fields };
        const outcome = await this.view(
          current,
          actor,
          e.message,
          'attention',
          signerId ? { ...refused, signerId } : refused,
        );
        return { ...outcome, refused: true };
      }
      return { ...(await this.view(current, actor, e.message)), refused: true };
    }
  }

  private async mine(actor: Actor): Promise<AdaptiveCard> {
    const rows = [];
    const ctx = rowContext(this.deps.rt);
    for (const kind of KINDS) {
      const f = registerFilterSchema(kind).parse({ limite: '25' });
      const page = await queryRegister(this.deps.db, kind, f, ownScopeOf(actor, kind), ctx);
      rows.push(...page.items);
    }
    return listCard(BOT.mine, rows, this.ctx());
  }

  /**
   * For someone who opens the chat for the first time (the app installed in their personal scope): one card with
   * everything already waiting for them, «Tiene 3 trámites pendientes», or nothing when nothing waits (issue 14 §4).
   * Without it, a person added after the work started would see only the welcome.
   */
  async arrival(actor: Actor): Promise<AdaptiveCard | undefined> {
    const rows = await queryPending(this.deps.db, actor, rowContext(this.deps.rt));
    if (rows.length === 0) return undefined;
    return listCard(BOT.waiting(rows.length), rows, this.ctx());
  }

  /**
   * The requests past their deadline that `actor` may read, soonest deadline first: what the UGDT's daily digest
   * lists (the same rows as the tab's Lista with «vencidas»).
   */
  async overdue(actor: Actor): Promise<DigestRow[]> {
    const f = registerFilterSchema('solicitud').parse({ vencidas: 'true', orden: 'vencimiento', limite: '200' });
    const page = await queryRegister(
      this.deps.db,
      'solicitud',
      f,
      readScopeOf(actor, 'solicitud'),
      rowContext(this.deps.rt),
    );
    return page.items;
  }

  /** The daily digest card for `day`, or undefined when nothing is overdue (issue 14 §4). */
  async digest(
    actor: Actor,
    day: LocalDate,
    outcome?: DigestOutcome,
  ): Promise<{ card: AdaptiveCard; overdue: number } | undefined> {
    const rows = await this.overdue(actor);
    if (rows.length === 0 && !outcome) return undefined;
    const ctx = this.ctx();
    const listUrl = ctx.tabPageUrl?.('lista', 'vencidas=true&orden=vencimiento') ?? `${this.deps.publicUrl}/tab/lista`;
    return { card: digestCard(day, rows, ctx, listUrl, outcome), overdue: rows.length };
  }

  /**
   * «Recordar a todas» on the digest: a reminder on each request the card listed, each its own audited transition
   * through the same bulk path as the tab's Lista; the card comes back with what was done and what was refused.
   */
  private async remindOverdue(data: ActionData, actor: Actor): Promise<ActionOutcome> {
    const listed = Array.isArray(data.references) ? data.references : [];
    const references = [
      ...new Set(listed.filter((r): r is string => typeof r === 'string' && parseReference(r)?.kind === 'solicitud')),
    ].slice(0, MAX_BULK_ITEMS);
    const day = isLocalDate(data.day) ? data.day : toLocalDate(this.deps.rt.now(), this.deps.rt.settings.timeZone);
    const { resultados } = await executeMany(this.deps.repo, actor, references, { type: 'recordar' });
    const outcome: DigestOutcome = {
      done: resultados.filter((r) => r.ok).map((r) => r.referencia),
      failed: resultados.flatMap((r) => (r.ok ? [] : [{ reference: r.referencia, message: r.mensaje }])),
    };
    return { card: (await this.digest(actor, day, outcome))!.card };
  }

  /** Items where the person is expected to act now: the same list as the tab's "Mis pendientes". */
  private async pending(actor: Actor): Promise<AdaptiveCard> {
    const rows = await queryPending(this.deps.db, actor, rowContext(this.deps.rt));
    return listCard(BOT.pending, rows, this.ctx());
  }
}
