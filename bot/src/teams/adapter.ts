import {
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type TurnContext,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';
import type { BotConfig } from '../config';
import type { Logger } from '../logger';
import { BOT } from '../cards/textos/chat';

/**
 * The Bot Framework adapter. With an app id, every request must carry a valid Bot Framework token (401 otherwise);
 * without one botbuilder accepts anonymous requests, which the configuration allows only in local mode.
 */
export class IntercambioAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly log: Logger,
  ) {
    super(auth);
    routeSdkConsole();
  }

  /** processActivity with the request's Authorization header, so the route decides the HTTP answer to a bad token. */
  processAuthenticated(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return withSdkConsole(this.log, () => this.processActivity(authorization, activity, logic));
  }
}

/**
 * botbuilder and botframework-connector report rejected tokens and bad activities with console.error/warn (the
 * SDK takes no logger). While the adapter handles a request those calls go to the service's logger instead, as
 * one structured line; anywhere else console behaves as usual.
 */
const sdkConsole = new AsyncLocalStorage<Logger>();
const routed = new WeakSet<Console>();

/** Installs the routing once per console (idempotent). */
export function routeSdkConsole(): void {
  if (routed.has(console)) return;
  routed.add(console);
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const log = sdkConsole.getStore();
      if (!log) return original(...args);
      log.warn('aviso de botframework', { detalle: args.map(describe).join(' ') });
    };
  }
}

/** Runs `fn` with the SDK's console output going to `log`. */
export function withSdkConsole<T>(log: Logger, fn: () => T): T {
  return sdkConsole.run(log, fn);
}

const describe = (arg: unknown): string =>
  arg instanceof Error
    ? `${arg.name}: ${arg.message}`
    : typeof arg === 'string'
      ? arg
      : inspect(arg, { depth: 2, breakLength: Infinity });

export function createAdapter(bot: BotConfig, log: Logger): IntercambioAdapter {
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {
    MicrosoftAppId: bot.appId ?? '',
    MicrosoftAppType: bot.appId ? bot.appType : undefined,
    MicrosoftAppTenantId: bot.tenantId,
    ...(bot.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl } : {}),
    ...(bot.tokenIssuer ? { ToBotFromChannelTokenIssuer: bot.tokenIssuer } : {}),
  };
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: bot.appId ?? '',
    MicrosoftAppPassword: bot.password ?? '',
    MicrosoftAppType: bot.appId ? bot.appType : undefined,
    MicrosoftAppTenantId: bot.tenantId,
    ...(bot.certificate
      ? { CertificateThumbprint: bot.certificate.thumbprint, CertificatePrivateKey: bot.certificate.privateKey }
      : {}),
  });
  const auth = new ConfigurationBotFrameworkAuthentication(
    options as ConfigurationBotFrameworkAuthenticationOptions,
    credentials,
  );
  const adapter = new IntercambioAdapter(auth, log);
  adapter.onTurnError = async (context, error) => {
    // The user gets a short Spanish message; the details stay in the log.
    log.error('error en el bot', {
      error: error instanceof Error ? error.stack : String(error),
      activity: context.activity.type,
    });
    if (context.activity.type === 'message') await context.sendActivity(BOT.turnError).catch(() => undefined);
  };
  return adapter;
}
