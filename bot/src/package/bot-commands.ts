import { parseTextCommand } from '../teams/text-commands';

/** A reference the bot would find, to try commands that take one (`buscar SOL-2026-0001`). */
const SAMPLE_REFERENCE = 'SOL-2026-0001';

/**
 * Whether the bot answers a command of its manifest menu. Teams types the command's title into the compose box when
 * someone picks it, so a title the bot does not parse (say, a translation) would only get «No entendí».
 */
export function botUnderstands(title: string): boolean {
  if (parseTextCommand(title).verb !== 'desconocido') return true;
  return parseTextCommand(`${title} ${SAMPLE_REFERENCE}`).verb === 'buscar';
}
