import { readFileSync } from 'node:fs';
import { directorySchema, type Directory } from '../../../protocol/directory';
import { formatIssues, spanishErrorMap } from '../../../protocol/zod-spanish';

/**
 * Validates a directory (units, people, roles, subrogancias). `source` names where it came from in the error, so a
 * bad file stops the service at start-up with every problem listed instead of surfacing later as a wrong permission.
 */
export function parseDirectory(data: unknown, source: string): Directory {
  const result = directorySchema.safeParse(data, { errorMap: spanishErrorMap });
  if (!result.success) throw new Error(`Directorio inválido (${source}): ${formatIssues(result.error.issues)}`);
  return result.data;
}

/** Reads and validates the local-mode directory file (e.g. `config/directory.local.json`). */
export function loadDirectoryFile(path: string): Directory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'el archivo no existe' : String(error);
    throw new Error(`No se pudo leer el directorio (${path}): ${reason}`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`Directorio inválido (${path}): JSON mal formado: ${(error as Error).message}`, { cause: error });
  }
  return parseDirectory(data, path);
}
