import { parseReference } from '../../../protocol';

/** A typed chat command, in Spanish, turned into the same action a card button would send. */
export type TextCommand =
  | { verb: 'ayuda' | 'nueva_solicitud' | 'nuevo_convenio' | 'mis_solicitudes' | 'pendientes' }
  | { verb: 'buscar'; reference: string }
  | { verb: 'desconocido'; text: string };

const fold = (s: string) =>
  s
    .replace(/<at>[^<]*<\/at>/gi, ' ') // the bot's own @mention in channels
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

const PHRASES: [RegExp, TextCommand['verb']][] = [
  [/^(ayuda|help|\?|menu|comandos)$/, 'ayuda'],
  [/^nueva solicitud( de datos)?$/, 'nueva_solicitud'],
  [/^nuevo convenio$/, 'nuevo_convenio'],
  [/^mis solicitudes$/, 'mis_solicitudes'],
  [/^(pendientes|mis pendientes)$/, 'pendientes'],
];

export function parseTextCommand(raw: string): TextCommand {
  const text = fold(raw);
  for (const [re, verb] of PHRASES) if (re.test(text)) return { verb } as TextCommand;
  const search = /^buscar\s+(.+)$/.exec(text);
  if (search) {
    const ref = parseReference(search[1]!.replace(/\s+/g, ''));
    if (ref) return { verb: 'buscar', reference: search[1]!.replace(/\s+/g, '').toUpperCase() };
  }
  // A bare reference is a search too.
  if (parseReference(text.replace(/\s+/g, '')))
    return { verb: 'buscar', reference: text.replace(/\s+/g, '').toUpperCase() };
  return { verb: 'desconocido', text: raw.trim().slice(0, 80) };
}
