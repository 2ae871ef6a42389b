import express, { type Router } from 'express';
import type { Activity } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { INTERNAL_ERROR, jsonBodyProblem } from '../api/http-errors';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Db } from '../store/db';
import { ConversationsRepo } from '../store/conversations-repo';
import type { ItemsRepo } from '../store/items-repo';
import type { Runtime } from '../runtime';
import type { EffectHandler } from '../jobs/outbox-worker';
import { createAdapter } from './adapter';
import { IntercambioBot } from './bot';
import { CardActions } from './card-actions';
import { notifyHandler, updateCardsHandler } from './notice-handlers';
import { ProactiveSender } from './proactive';
import { sendDailyDigests, type DigestDeps } from './digest';
import type { SendRateLimiter } from './rate-limiter';
import { answerRequestId } from '../observability/request-log';
import { acceptableRequestId, adoptRequestId } from '../request-context';
import { INVALID } from '../cards/textos/chat';

const JWT_ERRORS = ['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'];
const isTokenError = (err: unknown) =>
  err instanceof AuthenticationError || (err instanceof Error && JWT_ERRORS.includes(err.name));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalString = (v: unknown, max = 10_000) => v === undefined || (typeof v === 'string' && v.length <= max);
const optionalArray = (v: unknown) => v === undefined || (Array.isArray(v) && v.every(isObject));

/** Nesting an activity may have (Teams nests cards and entities, but never this deep). */
const MAX_ACTIVITY_DEPTH = 64;

/**
 * Why a body is no activity botbuilder and the bot can handle (a Spanish sentence), or undefined: the fields they
 * read without checking (type, from, recipient, conversation, serviceUrl) and the shapes of the lists they walk.
 */
export function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return INVALID.notObject;
  const deep = jsonBodyProblem(body, MAX_ACTIVITY_DEPTH);
  if (deep) return deep.message;
  if (typeof body.type !== 'string' || body.type.length === 0 || body.type.length > 64) return INVALID.noType;
  if (!isObject(body.from) || typeof body.from.id !== 'string' || body.from.id.length === 0) return INVALID.noFrom;
  if (!optionalString(body.from.aadObjectId, 100) || !optionalString(body.from.name, 500)) return INVALID.badFrom;
  if (!isObject(body.recipient) || typeof body.recipient.id !== 'string') return INVALID.noRecipient;
  if (!isObject(body.conversation) || typeof body.conversation.id !== 'string' || body.conversation.id.length === 0)
    return INVALID.noConversation;
  if (!optionalString(body.conversation.conversationType, 50) || !optionalString(body.conversation.tenantId, 100))
    return INVALID.badConversation;
  if (
    typeof body.serviceUrl !== 'string' ||
    !/^https?:\/\/[^\s]+$/.test(body.serviceUrl) ||
    !URL.canParse(body.serviceUrl)
  )
    return INVALID.badServiceUrl;
  if (body.type === 'invoke' && (typeof body.name !== 'string' || body.name.length === 0)) return INVALID.noInvokeName;
  if (!optionalString(body.name, 200) || !optionalString(body.text, 100_000) || !optionalString(body.id, 500))
    return INVALID.badStrings;
  if (!optionalString(body.replyToId, 500) || !optionalString(body.channelId, 100) || !optionalString(body.locale, 50))
    return INVALID.badTextFields;
  if (body.channelData !== undefined && !isObject(body.channelData)) return INVALID.badChannelData;
  for (const list of ['membersAdded', 'membersRemoved', 'attachments', 'entities'] as const)
    if (!optionalArray(body[list])) return INVALID.badList(list);
  return undefined;
}

export interface TeamsHost {
  router: Router;
  handlers: { notify: EffectHandler; update_cards: EffectHandler };
  actions: CardActions;
  /** One pass of the UGDT's daily digest (issue 14 §4): the cards sent. */
  digests(): Promise<number>;
}

/**
 * The Teams side of the service, the only place that knows botbuilder: POST /api/messages, and the outbox
 * handlers that carry notices and in-place card updates to Teams.
 */
export function createTeamsHost(deps: {
  config: Config;
  db: Db;
  repo: ItemsRepo;
  rt: Runtime;
  log: Logger;
  sendLimiter?: SendRateLimiter;
}): TeamsHost {
  const { config, db, repo, rt } = deps;
  const log = deps.log.child({ module: 'teams' });
  const adapter = createAdapter(config.bot, log);
  const conversations = new ConversationsRepo(db);
  const actions = new CardActions({
    db,
    repo,
    rt,
    publicUrl: config.publicUrl,
    teamsAppId: config.tab.teamsAppId,
    log,
    conversations,
  });
  const bot = new IntercambioBot({ rt, repo, conversations, actions });
  const sender = new ProactiveSender(adapter, config.bot.appId ?? '', deps.sendLimiter);
  const noticeDeps = {
    rt,
    repo,
    conversations,
    actions,
    sender,
    log,
    ugdtChannelId: config.ugdtChannelId,
    digestOn: !!config.ugdtDigestAt,
  };
  const digestDeps: DigestDeps | undefined = config.ugdtDigestAt
    ? { db, rt, conversations, actions, sender, log, at: config.ugdtDigestAt, settled: { day: '', people: new Set() } }
    : undefined;

  const router = express.Router();
  const unauthenticated = (res: import('express').Response) =>
    res.status(401).json({ error: { code: 'NO_AUTENTICADO', message: INVALID.token, fields: {} } });
  router.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    // With credentials, a request without a bearer token is refused before anything in its body is looked at.
    if (config.bot.appId && !/^Bearer\s+\S+$/i.test(req.get('authorization') ?? '')) {
      unauthenticated(res);
      return;
    }
    const problem = activityProblem(req.body);
    if (problem) {
      res.status(400).json({ error: { code: 'DATOS_INVALIDOS', message: problem, fields: {} } });
      return;
    }
    const activity = req.body as Activity;
    // The Teams activity id is this request's id: every line logged while the bot handles it, and its access line,
    // carry it.
    await adoptRequestId(acceptableRequestId(activity.id), (requestId) => {
      answerRequestId(res, requestId);
      return handleActivity(req, res, activity);
    });
  });

  const handleActivity = async (
    req: import('express').Request,
    res: import('express').Response,
    activity: Activity,
  ) => {
    log.debug('actividad de Teams', { type: activity.type, ...(activity.name ? { name: activity.name } : {}) });
    // Whether botbuilder got as far as the bot's logic: anything it throws before that is about the request's
    // credentials (a token that is no Bot Framework token, a key it cannot find), never the service's fault.
    let started = false;
    // Whether the bot's own logic failed (a database outage, a bug): botbuilder then answers an invoke with 501.
    let failed = false;
    try {
      const answer = await adapter.processAuthenticated(req.get('authorization') ?? '', activity, async (context) => {
        started = true;
        try {
          await bot.run(context);
        } catch (e) {
          failed = true;
          throw e;
        }
      });
      const status = answer?.status ?? 200;
      if (status === 501 && failed) {
        res.status(500).json(INTERNAL_ERROR);
        return;
      }
      // Otherwise 501 is botbuilder's "no handler for this activity": one this bot does not take is the caller's error.
      if (status === 501) {
        res.status(400).json({
          error: { code: 'DATOS_INVALIDOS', message: INVALID.unsupportedActivity, fields: {} },
        });
        return;
      }
      res.status(status);
      if (answer?.body !== undefined) res.json(answer.body);
      else res.end();
    } catch (err) {
      // botbuilder answers 500 when jsonwebtoken rejects a signature; any token problem is a 401 here.
      if (isTokenError(err) || !started) {
        log.warn('token del Bot Framework rechazado', { reason: err instanceof Error ? err.message : String(err) });
        unauthenticated(res);
        return;
      }
      throw err;
    }
  };
  return {
    router,
    actions,
    digests: () => (digestDeps ? sendDailyDigests(digestDeps) : Promise.resolve(0)),
    handlers: { notify: notifyHandler(noticeDeps), update_cards: updateCardsHandler(noticeDeps) },
  };
}
