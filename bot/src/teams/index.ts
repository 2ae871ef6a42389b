import express, { type Router } from 'express';
import type { Activity } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Db } from '../store/db';
import { ConversationsRepo } from '../store/conversations-repo';
import type { ItemsRepo, Runtime } from '../store/items-repo';
import type { EffectHandler } from '../jobs/outbox-worker';
import { createAdapter } from './adapter';
import { IntercambioBot } from './bot';
import { CardActions } from './card-actions';
import { notifyHandler, updateCardsHandler } from './notice-handlers';
import { ProactiveSender } from './proactive';

const JWT_ERRORS = ['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'];
const isTokenError = (err: unknown) =>
  err instanceof AuthenticationError || (err instanceof Error && JWT_ERRORS.includes(err.name));

export interface TeamsHost {
  router: Router;
  handlers: { notify: EffectHandler; update_cards: EffectHandler };
  actions: CardActions;
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
}): TeamsHost {
  const { config, db, repo, rt, log } = deps;
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
  const sender = new ProactiveSender(adapter, config.bot.appId ?? '');
  const noticeDeps = { rt, repo, conversations, actions, sender, log, ugdtChannelId: config.ugdtChannelId };

  const router = express.Router();
  router.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    const activity = req.body as Activity | undefined;
    if (!activity || typeof activity.type !== 'string') {
      res.status(400).json({ error: { code: 'DATOS_INVALIDOS', message: 'La actividad no es válida.', fields: {} } });
      return;
    }
    try {
      const answer = await adapter.processAuthenticated(req.get('authorization') ?? '', activity, (context) =>
        bot.run(context),
      );
      res.status(answer?.status ?? 200);
      if (answer?.body !== undefined) res.json(answer.body);
      else res.end();
    } catch (err) {
      // botbuilder answers 500 when jsonwebtoken rejects a signature; any token problem is a 401 here.
      if (isTokenError(err)) {
        log.warn('token del Bot Framework rechazado', { reason: (err as Error).message });
        res
          .status(401)
          .json({ error: { code: 'NO_AUTENTICADO', message: 'Token del Bot Framework inválido.', fields: {} } });
        return;
      }
      throw err;
    }
  });
  return {
    router,
    actions,
    handlers: { notify: notifyHandler(noticeDeps), update_cards: updateCardsHandler(noticeDeps) },
  };
}
