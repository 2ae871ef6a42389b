import {
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type TurnContext,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { BotConfig } from '../config';
import type { Logger } from '../logger';

/**
 * The Bot Framework adapter. With an app id, every request must carry a valid Bot Framework token (401 otherwise);
 * without one botbuilder accepts anonymous requests, which the configuration allows only in local mode.
 */
export class IntercambioAdapter extends CloudAdapter {
  /** processActivity with the request's Authorization header, so the route decides the HTTP answer to a bad token. */
  processAuthenticated(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

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
  const adapter = new IntercambioAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // The user gets a short Spanish message; the details stay in the log.
    log.error('error en el bot', {
      error: error instanceof Error ? error.stack : String(error),
      activity: context.activity.type,
    });
    if (context.activity.type === 'message')
      await context
        .sendActivity('Ocurrió un error al procesar su mensaje. Intente nuevamente en unos minutos.')
        .catch(() => undefined);
  };
  return adapter;
}
