// Small builders for Adaptive Card 1.5 JSON. They only shape data: no text of their own (every user-visible word
// comes from the caller, in Spanish) and no knowledge of the protocol.
//
// The safe path is the default: text(), heading(), facts(), badge() and banner() escape every plain string for
// Teams' Markdown (markdown.ts), so a name, purpose or reason shows as typed and never becomes a link, bold text
// or a list. Formatting on purpose takes a `Markdown` value built with cardMd`…`. Inputs (labels, placeholders,
// values, compact choice titles) and button titles are not Markdown in Teams, so they are left as they are.
import type { ActionData, AdaptiveCard, DialogForm, ItemDialog } from './contract';
import { cardText, type Markdown } from './markdown';

export type CardElement = { type: string; [k: string]: unknown };
export type CardAction = { type: string; title: string; [k: string]: unknown };
export type TextColor = 'default' | 'accent' | 'good' | 'warning' | 'attention';
export type BoxStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large';

export interface TextOptions {
  size?: 'small' | 'default' | 'medium' | 'large';
  weight?: 'default' | 'bolder';
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: Spacing;
  separator?: boolean;
  style?: 'heading';
}

/** Everything we show wraps: Teams on a phone is narrow and a clipped deadline or reason is worse than a tall card. */
export function text(value: string | Markdown, opts: TextOptions = {}): CardElement {
  return { type: 'TextBlock', text: cardText(value), wrap: true, ...opts };
}

/** A section title inside a card (the card's own title uses `style: 'heading'` at a larger size). */
export const heading = (value: string | Markdown, spacing: Spacing = 'medium'): CardElement =>
  text(value, { weight: 'bolder', spacing });

type FactText = string | Markdown;

/** Facts with an empty value are left out, so optional data never shows as a blank row. Both sides are escaped. */
export function facts(pairs: [FactText, FactText | undefined][], spacing?: Spacing): CardElement | undefined {
  const list = pairs
    .filter((p): p is [FactText, FactText] => !!p[1] && cardText(p[1]) !== '')
    .map(([title, value]) => ({ title: cardText(title), value: cardText(value) }));
  return list.length ? { type: 'FactSet', facts: list, ...(spacing ? { spacing } : {}) } : undefined;
}

export function container(items: (CardElement | undefined | false)[], opts: Record<string, unknown> = {}): CardElement {
  return { type: 'Container', items: compact(items), ...opts };
}

export function column(items: (CardElement | undefined | false)[], width: string = 'stretch', opts = {}): CardElement {
  return { type: 'Column', width, items: compact(items), ...opts };
}

export const columns = (cols: CardElement[], opts: Record<string, unknown> = {}): CardElement => ({
  type: 'ColumnSet',
  columns: cols,
  ...opts,
});

/** A small coloured label; Adaptive Cards 1.5 has no badge element, so a styled auto-width column stands in. */
export const badge = (label: string, style: BoxStyle): CardElement =>
  column([text(label, { size: 'small', weight: 'bolder' })], 'auto', { style });

export const badges = (list: CardElement[]): CardElement => columns(list, { spacing: 'small' });

export const compact = <T>(list: (T | undefined | false)[]): T[] => list.filter((x): x is T => !!x);

// ---------------------------------------------------------------------------------------------------------------
// Inputs. A required input always carries a label and a Spanish error message: the client blocks the submit and
// says what is missing before the server has to.

interface InputBase {
  id: string;
  label: string;
  /** Makes the input required; the text is the error message the client shows. */
  required?: string;
  value?: string;
  placeholder?: string;
}

function input(type: string, o: InputBase, extra: Record<string, unknown>): CardElement {
  return {
    type,
    id: o.id,
    ...(o.label ? { label: o.label } : {}),
    ...(o.required ? { isRequired: true, errorMessage: o.required } : {}),
    ...(o.placeholder ? { placeholder: o.placeholder } : {}),
    ...(o.value !== undefined && o.value !== '' ? { value: o.value } : {}),
    ...extra,
  };
}

export const textInput = (
  o: InputBase & { multiline?: boolean; maxLength?: number; style?: 'text' | 'url' | 'email' },
): CardElement =>
  input('Input.Text', o, {
    ...(o.multiline ? { isMultiline: true } : {}),
    ...(o.maxLength ? { maxLength: o.maxLength } : {}),
    ...(o.style && o.style !== 'text' ? { style: o.style } : {}),
  });

/** Input.Date submits YYYY-MM-DD, the protocol's LocalDate; Teams shows it in the user's locale. */
export const dateInput = (o: InputBase & { min?: string; max?: string }): CardElement =>
  input('Input.Date', o, { ...(o.min ? { min: o.min } : {}), ...(o.max ? { max: o.max } : {}) });

export function numberInput(o: Omit<InputBase, 'value'> & { value?: number; min?: number; max?: number }) {
  const { value, ...rest } = o;
  return input('Input.Number', rest, {
    ...(value !== undefined ? { value } : {}),
    ...(o.min !== undefined ? { min: o.min } : {}),
    ...(o.max !== undefined ? { max: o.max } : {}),
  });
}

/**
 * Always the compact style: Teams shows it as a drop-down whose titles are plain text (Markdown is only read in
 * TextBlock and FactSet), so titles such as a counterpart's name are not escaped. The expanded style (radio buttons)
 * would need escaped titles; the tab's renderer is told not to read Markdown there either.
 */
export const choiceSet = (o: InputBase & { choices: [value: string, title: string][] }): CardElement =>
  input('Input.ChoiceSet', o, {
    style: 'compact',
    choices: o.choices.map(([value, title]) => ({ title, value })),
  });

/** Submits "true" / "false"; inputs.ts turns them back into booleans. */
export const toggle = (o: Omit<InputBase, 'required' | 'placeholder'> & { title: string; on?: boolean }) =>
  input('Input.Toggle', { id: o.id, label: o.label }, { title: o.title, wrap: true, value: o.on ? 'true' : 'false' });

// ---------------------------------------------------------------------------------------------------------------
// Actions

export type ActionStyle = 'default' | 'positive' | 'destructive';

/**
 * Action.Execute (Universal Actions) with an Action.Submit fallback carrying the same data, for clients without
 * Universal Actions; the router reads `data.verb` in both cases.
 */
export function execute(title: string, data: ActionData, style: ActionStyle = 'default'): CardAction {
  const styled = style === 'default' ? {} : { style };
  return {
    type: 'Action.Execute',
    title,
    verb: data.verb,
    data,
    ...styled,
    fallback: { type: 'Action.Submit', title, data, ...styled },
  };
}

/** A button that unfolds the inputs of one command and its confirm button. */
export function showCard(
  title: string,
  body: CardElement[],
  submit: CardAction,
  style: ActionStyle = 'default',
  more: CardAction[] = [],
) {
  return {
    type: 'Action.ShowCard',
    title,
    ...(style === 'default' ? {} : { style }),
    card: { type: 'AdaptiveCard', body, actions: [submit, ...more] },
  } satisfies CardAction;
}

/**
 * Opens one of the tab's forms as a Teams dialog over the chat (issue 14 §1): an Action.Submit that Teams turns into
 * a task/fetch invoke (the only way a card opens a dialog); the bot answers with the form's address.
 */
export const dialogAction = (title: string, form: DialogForm): CardAction => ({
  type: 'Action.Submit',
  title,
  data: { msteams: { type: 'task/fetch' }, dialogo: form },
});

/**
 * Opens the tab's form for one step of an item as a Teams dialog (issue 15: «Subir archivos…» on «Entregar»). The bot
 * answers task/fetch with the item's detail in dialog mode, the step's form open.
 */
export const itemDialogAction = (title: string, step: ItemDialog, reference: string): CardAction => ({
  type: 'Action.Submit',
  title,
  data: { msteams: { type: 'task/fetch' }, dialogo: step, referencia: reference },
});

/** `url` must come from the app or have passed allowedUrl() (markdown.ts); the title is app text. */
export const openUrl = (title: string, url: string): CardAction => ({ type: 'Action.OpenUrl', title, url });

/**
 * A line that reads as a link (app text in the accent colour) and opens `url` through an Action.OpenUrl as its
 * selectAction: how a card offers the delivered data or a document without adding a button to the bar, which
 * holds the protocol's actions. `url` must come from the app or have passed allowedUrl() (markdown.ts).
 */
export const linkLine = (title: string, url: string, spacing?: Spacing): CardElement =>
  container([text(title, { color: 'accent' })], { selectAction: openUrl(title, url), ...(spacing ? { spacing } : {}) });

export const actionSet = (actions: CardAction[], opts: Record<string, unknown> = {}): CardElement => ({
  type: 'ActionSet',
  actions,
  ...opts,
});

export function card(body: (CardElement | undefined | false)[], actions: CardAction[] = [], extra = {}): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: compact(body),
    ...(actions.length ? { actions } : {}),
    ...extra,
  };
}

/** A banner on top of a card: a note, an error, a refusal. */
export const banner = (lines: (string | Markdown)[], style: BoxStyle): CardElement =>
  container(
    lines.map((l, i) => text(l, i === 0 ? { weight: 'bolder' } : { spacing: 'small' })),
    { style, bleed: true },
  );
