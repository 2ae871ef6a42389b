// The Lista page (pages/lista.tsx): its title and the line counting what has been loaded. The filters, the table and
// the batch bar have their own texts (components).
import { byGender, type ItemKind } from '../../../protocol';
import { PAGE_NAMES } from './app';

export const LISTA = {
  title: PAGE_NAMES.lista,
  /** While the first page arrives: «Buscando solicitudes internas…». */
  searching: (kindLabel: string) => `Buscando ${kindLabel.toLowerCase()}…`,
  /** «100 cargadas (todas)», «40 cargados, cargando más…»: the words agree with the kind listed. */
  loaded: (kind: ItemKind, count: string, n: number, complete: boolean, loading: boolean) =>
    `${count} ${byGender(kind, n === 1 ? 'cargada' : 'cargadas', n === 1 ? 'cargado' : 'cargados')}` +
    (complete ? byGender(kind, ' (todas)', ' (todos)') : loading ? ', cargando más…' : ''),
} as const;
