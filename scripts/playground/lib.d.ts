// Types of lib.js for the TypeScript test harness (test/e2e/support/playground.ts).

export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export interface PlaygroundConfig {
  version: '0.1.1';
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

export interface PlaygroundHandle {
  personId: string;
  user: PlaygroundUser;
  port: number;
  /** The web client. */
  url: string;
  /** The mock Bot Connector the bot answers to (activity.serviceUrl). */
  serviceUrl: string;
  configFile: string;
  logFile: string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface Directory {
  people: { id: string; name: string; email: string; aadObjectId: string; roles: { role: string }[] }[];
}

export const ROOT: string;
export const TENANT_ID: string;
export const BOT: PlaygroundConfig['bot'];
export const TEAM: PlaygroundConfig['team'];
export const GROUP_CHAT: PlaygroundConfig['groupChat'];
export const BASE_PORT: number;
export const DEFAULT_ENDPOINT: string;
export const DEFAULT_PERSONAS: string[];
export function loadDirectory(file?: string): Directory;
export function buildConfig(directory: Directory, personId: string): PlaygroundConfig;
export function toYaml(value: unknown): string;
export function writeConfigs(personIds: string[], dir?: string, directory?: Directory): Record<string, string>;
export function startPlaygrounds(
  personIds: string[],
  opts?: { botEndpoint?: string; basePort?: number; dir?: string; directory?: Directory },
): Promise<PlaygroundHandle[]>;

/** <DATA_DIR>/playground (DATA_DIR relative to the working folder; ./data by default). */
export function playgroundDir(env?: Record<string, string | undefined>): string;
