import express, { type Router } from 'express';
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
  const actions = new CardActions({ db, repo, rt, publicUrl: config.publicUrl, log, conversations });
  const bot = new IntercambioBot({ rt, repo, conversations, actions });
  const sender = new ProactiveSender(adapter, config.bot.appId ?? '');
  const noticeDeps = { rt, repo, conversations, actions, sender, log, ugdtChannelId: config.ugdtChannelId };

  const router = express.Router();
  router.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return {
    router,
    actions,
    handlers: { notify: notifyHandler(noticeDeps), update_cards: updateCardsHandler(noticeDeps) },
  };
}
