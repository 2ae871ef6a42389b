// Which register a page shows, solicitudes internas or convenios, kept in the URL (?tipo=convenio) so a link
// reopens the same view; and the states of each in life-cycle order, for filters and the board.
import { Tab, TabList } from '@fluentui/react-components';
import {
  CONVENIO_OPEN_STATES,
  CONVENIO_STATES,
  CONVENIO_STATE_LABELS,
  SOLICITUD_OPEN_STATES,
  SOLICITUD_STATES,
  SOLICITUD_STATE_LABELS,
  type ItemKind,
} from '../../../protocol';
import { KIND_LABELS, KIND_SWITCH } from '../textos/registro';

/** The pages name each register as the switch does. */
export { KIND_LABELS } from '../textos/registro';

/** Spanish agreement: "solicitudes abiertas", "convenios abiertos" (protocol/labels.ts). */
export { byGender } from '../../../protocol';

export const kindFrom = (search: URLSearchParams): ItemKind =>
  search.get('tipo') === 'convenio' ? 'convenio' : 'solicitud';

/** The register's collection under /api/v1. */
export const registerApi = (kind: ItemKind): string =>
  kind === 'solicitud' ? '/api/v1/solicitudes' : '/api/v1/convenios';

export const STATES: Record<ItemKind, readonly string[]> = { solicitud: SOLICITUD_STATES, convenio: CONVENIO_STATES };

const LABELS: Record<ItemKind, Record<string, string>> = {
  solicitud: SOLICITUD_STATE_LABELS,
  convenio: CONVENIO_STATE_LABELS,
};
export const stateLabel = (kind: ItemKind, state: string): string => LABELS[kind][state] ?? state;

const OPEN: Record<ItemKind, ReadonlySet<string>> = {
  solicitud: new Set(SOLICITUD_OPEN_STATES),
  convenio: new Set(CONVENIO_OPEN_STATES),
};
export const isOpenState = (kind: ItemKind, state: string): boolean => OPEN[kind].has(state);

export function KindSwitch({ kind, onChange }: { kind: ItemKind; onChange: (k: ItemKind) => void }) {
  return (
    <TabList
      aria-label={KIND_SWITCH.label}
      selectedValue={kind}
      onTabSelect={(_, d) => onChange(d.value as ItemKind)}
      appearance="subtle"
    >
      <Tab value="solicitud">{KIND_LABELS.solicitud}</Tab>
      <Tab value="convenio">{KIND_LABELS.convenio}</Tab>
    </TabList>
  );
}
