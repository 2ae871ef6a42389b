// The running deadline of an item in words: "vence el 30-09-2026 · quedan 3 días hábiles". Which deadline runs is
// the protocol's (currentDueAt); the counting is the calendar's (workingDaysLeft); this file only words it.
import {
  currentDueAt,
  earliestStepDue,
  formatDate,
  STEP_LABELS,
  toLocalDate,
  workingDaysLeft,
  type Item,
  type LocalDate,
} from '../../../protocol';
import type { TextColor } from './card-elements';
import type { CardContext } from './contract';
import { workingDays } from './format';
import { DEADLINE } from './textos/comun';

export interface DueView {
  dueDate: LocalDate;
  /** Working days left; 0 = due today; negative = working days overdue. */
  daysLeft: number;
  text: string;
  color: TextColor;
}

type Clock = Pick<CardContext, 'calendar' | 'settings' | 'now'>;

/** A due instant (ISO) as the person reads it today. */
export function dueView(dueAt: string, ctx: Clock, overdueWord: string = DEADLINE.overdueFeminine): DueView {
  const tz = ctx.settings.timeZone;
  const dueDate = toLocalDate(new Date(dueAt), tz);
  const daysLeft = workingDaysLeft(ctx.calendar, ctx.now, dueDate, tz);
  const date = formatDate(dueDate);
  if (daysLeft < 0)
    return {
      dueDate,
      daysLeft,
      text: DEADLINE.overdue(overdueWord, workingDays(-daysLeft), date),
      color: 'attention',
    };
  if (daysLeft === 0) return { dueDate, daysLeft, text: DEADLINE.today(date), color: 'warning' };
  return { dueDate, daysLeft, text: DEADLINE.due(date, DEADLINE.left(daysLeft)), color: 'default' };
}

/** The deadline that runs now with its name, or undefined when none runs (closed items, convenios in drafting). */
export function runningDeadline(item: Item, ctx: Clock): (DueView & { label: string }) | undefined {
  const dueAt = currentDueAt(item, ctx.settings.timeZone);
  if (!dueAt) return undefined;
  // Rule 3: a convenio step's own deadline ("Plazo de visación de la DAJ: vencido hace 2 días hábiles").
  const step = item.kind === 'convenio' ? earliestStepDue(item) : undefined;
  if (step) return { ...dueView(dueAt, ctx, DEADLINE.overdueMasculine), label: STEP_LABELS[step.step.kind] };
  const label =
    item.kind === 'convenio'
      ? DEADLINE.periodicEvaluation
      : item.state === 'enviada'
        ? DEADLINE.acknowledge
        : DEADLINE.answer;
  // «Plazo de respuesta: vencido hace…» (el plazo); «Evaluación periódica: vencida hace…» (la evaluación).
  const word = item.kind === 'convenio' ? DEADLINE.overdueFeminine : DEADLINE.overdueMasculine;
  return { ...dueView(dueAt, ctx, word), label };
}
