// Small pieces every page uses: the state badge, the deadline badge (red when overdue), loading and error blocks.
import { Badge, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Button } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ItemKind } from '../../../protocol';
import { plazo, vencida } from '../format';
import { STATUS } from '../textos/comun';

const CLOSED = new Set(['cerrada', 'no_disponible', 'rechazada', 'cancelada', 'terminado', 'desistido', 'rechazado']);

export function StateBadge({ state, label }: { state: string; label: string }) {
  const color = CLOSED.has(state)
    ? 'informative'
    : state === 'entregada' || state === 'vigente'
      ? 'success'
      : state === 'vencido'
        ? 'warning'
        : 'brand';
  return (
    <Badge appearance="tint" color={color} shape="rounded">
      {label}
    </Badge>
  );
}

export function DueBadge({
  workingDaysLeft,
  overdue,
  kind,
}: {
  workingDaysLeft: number | null;
  overdue: boolean;
  kind: ItemKind;
}) {
  const text = plazo(workingDaysLeft, kind);
  if (!text) return null;
  const color =
    overdue || (workingDaysLeft ?? 0) < 0 ? 'danger' : (workingDaysLeft ?? 99) <= 1 ? 'warning' : 'informative';
  return (
    <Badge appearance={color === 'informative' ? 'tint' : 'filled'} color={color} shape="rounded">
      {overdue && (workingDaysLeft ?? 0) >= 0 ? vencida(kind) : text}
    </Badge>
  );
}

export function Loading({ label = STATUS.loading }: { label?: string }) {
  return <Spinner label={label} labelPosition="below" style={{ padding: 32 }} />;
}

export function ErrorBox({
  title = STATUS.loadFailed,
  message,
  retry,
}: {
  title?: string;
  message: string;
  retry?: () => void;
}) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
      {retry ? (
        <Button size="small" onClick={retry}>
          {STATUS.retry}
        </Button>
      ) : null}
    </MessageBar>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p style={{ padding: '24px 0', opacity: 0.8 }}>{children}</p>;
}
