import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  CloudAdapter,
  type ConversationReference,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';

/**
 * A tiny Teams bot to develop and regress the Playground harness without the real bot: it answers every message
 * with an Adaptive Card 1.5 (Input.Text `nota`, Input.ChoiceSet `prioridad`, Action.Execute "Confirmar" and an
 * Action.ShowCard "Observar"), answers `adaptiveCard/action` with a replacement card (verbs `error` and
 * `mensaje`: an error and a text answer), keeps every activity it received and the last conversation reference
 * per conversation, and can post or update cards proactively.
 * No credentials: CloudAdapter without an app id neither checks nor sends tokens, like the Playground.
 */
export interface EchoBot {
  endpoint: string;
  /** Every activity received, oldest first. */
  activities: Partial<Activity>[];
  /** Latest reference per conversation id (serviceUrl = the Playground instance that last wrote in it). */
  references: Map<string, Partial<ConversationReference>>;
  /** Sends a text to a stored conversation: by conversation id, or the personal chat of an aadObjectId. */
  sendProactive(text: string, to: { conversationId?: string; aadObjectId?: string }): Promise<string | undefined>;
  /** Sends an Adaptive Card proactively; returns the activity id the Playground gave it. */
  sendCard(card: object, to: { conversationId?: string; aadObjectId?: string }): Promise<string | undefined>;
  /** updateActivity on a message the bot posted earlier. */
  updateCard(activityId: string, card: object, to: { conversationId?: string; aadObjectId?: string }): Promise<void>;
  stop(): Promise<void>;
}

export const echoCard = (text: string, from: string) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: `Eco para ${from}: ${text}`, wrap: true, weight: 'Bolder' },
    { type: 'Input.Text', id: 'nota', label: 'Nota', placeholder: 'Escriba una nota' },
    {
      type: 'Input.ChoiceSet',
      id: 'prioridad',
      label: 'Prioridad',
      value: 'normal',
      choices: [
        { title: 'Normal', value: 'normal' },
        { title: 'Urgente', value: 'urgente' },
      ],
    },
  ],
  actions: [
    { type: 'Action.Execute', title: 'Confirmar', verb: 'confirmar', data: { texto: text } },
    {
      type: 'Action.ShowCard',
      title: 'Observar',
      card: {
        type: 'AdaptiveCard',
        body: [
          { type: 'Input.Text', id: 'observacion', label: 'Observación', isMultiline: true },
          {
            type: 'Input.ChoiceSet',
            id: 'motivo',
            label: 'Motivo',
            style: 'expanded',
            choices: [
              { title: 'Falta información', value: 'falta_informacion' },
              { title: 'Formato incorrecto', value: 'formato' },
            ],
          },
        ],
        actions: [{ type: 'Action.Execute', title: 'Enviar observación', verb: 'observar' }],
      },
    },
    // In the overflow menu ("…"), as the item cards put what is not the next step.
    {
      type: 'Action.ShowCard',
      title: 'Archivar',
      mode: 'secondary',
      card: {
        type: 'AdaptiveCard',
        body: [{ type: 'Input.Text', id: 'motivoArchivo', label: 'Motivo del archivo' }],
        actions: [{ type: 'Action.Execute', title: 'Confirmar archivo', verb: 'archivar' }],
      },
    },
    { type: 'Action.Execute', title: 'Marcar leído', verb: 'leido', mode: 'secondary' },
  ],
});

const resultCard = (text: string) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text, wrap: true }],
});

class Bot extends TeamsActivityHandler {
  constructor(private readonly seen: (ctx: TurnContext) => void) {
    super();
    this.onMessage(async (ctx, next) => {
      const text = (TurnContext.removeRecipientMention(ctx.activity) ?? ctx.activity.text ?? '').trim();
      await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(echoCard(text, ctx.activity.from.name))] });
      await next();
    });
  }

  override async run(ctx: TurnContext): Promise<void> {
    this.seen(ctx);
    await super.run(ctx);
  }

  protected override async onAdaptiveCardInvoke(
    ctx: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = value.action.data as Record<string, string | undefined>;
    const who = ctx.activity.from.name;
    // botbuilder's AdaptiveCardInvokeValue drops `trigger`; Teams sends it next to `action`.
    const trigger = (ctx.activity.value as { trigger?: string }).trigger ?? 'manual';
    const texts: Record<string, () => string> = {
      confirmar: () => `Confirmado por ${who}: ${data.nota ?? ''} (${data.prioridad ?? ''})`,
      observar: () => `Observación de ${who}: ${data.observacion ?? ''} (${data.motivo ?? ''})`,
    };
    if (value.action.verb === 'error')
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'Rechazado por el bot' },
      };
    // A text answer, which botbuilder's type for `value` (an object) does not foresee.
    if (value.action.verb === 'mensaje')
      return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Hecho' as never };
    const text = texts[value.action.verb]?.() ?? `Acción ${value.action.verb} (${trigger}) de ${who}`;
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: resultCard(text) };
  }
}

export async function startEchoBot(): Promise<EchoBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const activities: Partial<Activity>[] = [];
  const references = new Map<string, Partial<ConversationReference>>();
  const bot = new Bot((ctx) => {
    activities.push(JSON.parse(JSON.stringify(ctx.activity)));
    references.set(ctx.activity.conversation.id, TurnContext.getConversationReference(ctx.activity));
  });
  const app = express();
  app.use(express.json());
  app.post('/api/messages', (req, res) => adapter.process(req, res, (ctx) => bot.run(ctx)));
  const server: Server = await new Promise((res) => {
    const s = app.listen(0, '127.0.0.1', () => res(s));
  });

  const find = ({ conversationId, aadObjectId }: { conversationId?: string; aadObjectId?: string }) => {
    const ref = conversationId
      ? references.get(conversationId)
      : [...references.values()].find(
          (r) => r.conversation?.conversationType === 'personal' && r.user?.aadObjectId === aadObjectId,
        );
    if (!ref) throw new Error(`sin referencia de conversación para ${conversationId ?? aadObjectId}`);
    return ref;
  };
  const post = async (activity: Partial<Activity>, to: Parameters<typeof find>[0]) => {
    let id: string | undefined;
    await adapter.continueConversationAsync('', find(to), async (ctx) => {
      id = (await ctx.sendActivity(activity))?.id;
    });
    return id;
  };

  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
    activities,
    references,
    sendProactive: (text, to) => post({ type: 'message', text }, to),
    sendCard: (card, to) => post({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] }, to),
    updateCard: async (activityId, card, to) => {
      await adapter.continueConversationAsync('', find(to), async (ctx) => {
        await ctx.updateActivity({ type: 'message', id: activityId, attachments: [CardFactory.adaptiveCard(card)] });
      });
    },
    stop: () => new Promise<void>((res) => server.close(() => res())),
  };
}
