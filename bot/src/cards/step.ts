// The shape every step renderer shares. A step owns some protocol verbs: for each it draws the button (and its
// inputs), and it may add a short body. Which verbs a viewer gets is never decided here: item-card.ts asks the
// protocol (allowedActions) and only then looks up the step that draws each one.
import type { Actor, AllowedAction, Item } from '../../../protocol';
import { execute, linkLine, showCard, text, textInput, type CardAction, type CardElement } from './card-elements';
import type { ActionData, CardContext } from './contract';
import { inputId } from './inputs';
import { FORM } from './textos/comun';

export interface StepView<I extends Item = Item> {
  item: I;
  ctx: CardContext;
  viewer: Actor;
  /** Everything the viewer may do on the item now (not only this step's verbs). */
  allowed: AllowedAction[];
}

export type ActionRenderer<I extends Item> = (a: AllowedAction, v: StepView<I>) => CardAction;

export interface Step<I extends Item, V extends string> {
  actions: Record<V, ActionRenderer<I>>;
  /**
   * Shown once to a viewer who holds any of this step's verbs, and to every reader of a convenio waiting in this
   * step (who is to sign, what the DAJ saw); never on the neutral card of a shared conversation.
   */
  body?: (v: StepView<I>) => (CardElement | undefined)[];
}

/** `{ verb, id, version }` plus what a command binds to (document version and hash, signer). */
export function actionData(item: Item, command: string, extra: Omit<ActionData, 'verb'> = {}): ActionData {
  return { verb: `${item.kind}.${command}`, id: item.id, version: item.version, ...extra };
}

/** A one-click command: no inputs. Colours and the menu are action-bar.ts's to decide. */
export const direct = (item: Item, command: string, title: string): CardAction =>
  execute(title, actionData(item, command));

export interface FormOptions {
  /** Confirm button text; FORM.confirm («Confirmar») when absent. */
  submit?: string;
  /** A line above the inputs saying what the command does or binds to. */
  intro?: string;
  /** A link line under the intro to open what the command is about (an allowed URL, see markdown.ts). */
  open?: { title: string; url: string };
  extra?: Omit<ActionData, 'verb'>;
  /** Actions after the confirm button (e.g. one that opens the tab's fuller form as a dialog). */
  more?: CardAction[];
}

/** A command with inputs: a ShowCard with the inputs and the Action.Execute that sends them (styled by action-bar.ts). */
export function form(
  item: Item,
  command: string,
  title: string,
  inputs: CardElement[],
  opts: FormOptions = {},
): CardAction {
  const body = [
    ...(opts.intro ? [text(opts.intro, { isSubtle: true })] : []),
    ...(opts.open ? [linkLine(opts.open.title, opts.open.url)] : []),
    ...inputs,
  ];
  const submit = execute(opts.submit ?? FORM.confirm, actionData(item, command, opts.extra));
  return showCard(title, body, submit, 'default', opts.more);
}

/** The protocol's free-text fields take at most 2000 characters unless they say otherwise. */
export const TEXT_MAX = 2000;

/** A required multi-line text (a reason, a note, a comment) for `command`. */
export function longText(command: string, name: string, label: string, required: string, max = TEXT_MAX) {
  return textInput({ id: inputId(command, name), label, required, multiline: true, maxLength: max });
}
