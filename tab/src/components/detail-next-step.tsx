// «Su próximo paso» (issue 14 §6): every action the reader may take now, on top of the detail and kept in view
// while scrolling, in the order of their chat card (the next step first and highlighted, the rest in «Más
// acciones»). A step with a form opens it in a dialog: the form is the card's own, so what it asks and sends is
// exactly what the chat sends. «Abrir documento» opens the convenio's current version where the reader may.
import {
  Button,
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { NEXT_STEP } from '../textos/detalle';
import { AdaptiveCardView, type CardActionEvent } from './detail-adaptive-card';

const useStyles = makeStyles({
  bar: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '8px',
    padding: '8px 12px',
    margin: '0 0 16px',
    backgroundColor: tokens.colorNeutralBackground2,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  title: { fontWeight: tokens.fontWeightSemibold, marginRight: '4px' },
  surface: { maxWidth: 'min(640px, calc(100vw - 24px))' },
});

type Json = Record<string, unknown>;

interface Step {
  title: string;
  primary: boolean;
  inMenu: boolean;
  /** Action.Execute: sent at once. */
  send?: CardActionEvent;
  /** Action.ShowCard: its form, shown in a dialog. */
  form?: Json;
}

/** The Action.Execute verbs inside a form (its confirm buttons). */
function formVerbs(form: Json): string[] {
  return ((form.actions as Json[] | undefined) ?? []).flatMap((a) => (typeof a.verb === 'string' ? [a.verb] : []));
}

/** A form the tab draws itself for a step (bare verb → form), in place of the card's: Entregar with its files. */
export type OwnForms = Record<string, (title: string, close: () => void) => ReactNode>;

/** The tab's own form for a card form, when it has one for the form's verb. */
function ownFormFor(form: Json, forms: OwnForms | undefined) {
  const verb = formVerbs(form)
    .map((v) => v.split('.').pop()!)
    .find((v) => forms?.[v]);
  return verb ? forms![verb] : undefined;
}

/** The chat card's bar as steps, in its order. */
export function stepsOf(card: Json | undefined): Step[] {
  const actions = (card?.actions as Json[] | undefined) ?? [];
  return actions.flatMap((a): Step[] => {
    const base = { title: String(a.title ?? ''), primary: a.style === 'positive', inMenu: a.mode === 'secondary' };
    if (a.type === 'Action.ShowCard' && a.card && typeof a.card === 'object')
      return [{ ...base, form: { type: 'AdaptiveCard', version: '1.5', ...(a.card as Json) } }];
    if (a.type === 'Action.Execute' && typeof a.verb === 'string')
      return [{ ...base, send: { verb: a.verb, data: { ...((a.data as Json | undefined) ?? {}) } } }];
    return [];
  });
}

export function NextStepBar({
  card,
  busy,
  onAction,
  onOpenUrl,
  document,
  openVerb,
  forms,
}: {
  /** The reader's own chat card (GET …/vistas, `mine`). */
  card: Json | undefined;
  busy: boolean;
  onAction: (e: CardActionEvent) => void;
  onOpenUrl: (url: string) => void;
  /** The current version of the convenio's document, when the reader may open it: «Abrir documento» (§6). */
  document?: { name: string; open: () => void };
  /**
   * A step whose form opens as soon as the card is known: «Mis pendientes» links here with ?paso=entregar when its
   * inline step needs something typed (issue 14 §7). Only a form opens; a one-click step still waits for its click.
   */
  openVerb?: string;
  /** Steps whose form the tab draws itself (issue 15: Entregar uploads files, which a card cannot). */
  forms?: OwnForms;
}) {
  const s = useStyles();
  const [open, setOpen] = useState<Step | null>(null);
  const steps = stepsOf(card);
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !openVerb || steps.length === 0) return;
    opened.current = true;
    const step = steps.find((x) => x.form && formVerbs(x.form).some((v) => v.split('.').pop() === openVerb));
    if (step) setOpen(step);
  }, [openVerb, steps]);
  if (steps.length === 0 && !document) return null;
  const choose = (step: Step) => (step.send ? onAction(step.send) : setOpen(step));
  const shown = steps.filter((x) => !x.inMenu);
  const menu = steps.filter((x) => x.inMenu);

  return (
    <nav className={s.bar} aria-label={NEXT_STEP.title} data-testid="proximo-paso">
      <Text className={s.title}>{NEXT_STEP.title}</Text>
      {shown.map((step) => (
        <Button
          key={step.title}
          appearance={step.primary ? 'primary' : 'secondary'}
          disabled={busy}
          onClick={() => choose(step)}
        >
          {step.title}
        </Button>
      ))}
      {menu.length ? (
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button disabled={busy}>{NEXT_STEP.more}</Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {menu.map((step) => (
                <MenuItem key={step.title} onClick={() => choose(step)}>
                  {step.title}
                </MenuItem>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
      ) : null}
      {document ? (
        <Button appearance="subtle" onClick={document.open} title={document.name}>
          {NEXT_STEP.openDocument}
        </Button>
      ) : null}
      <Dialog open={open !== null} onOpenChange={(_e, d) => (d.open ? undefined : setOpen(null))}>
        <DialogSurface className={s.surface}>
          <DialogBody>
            <DialogTitle
              action={
                <Button appearance="subtle" aria-label={NEXT_STEP.close} onClick={() => setOpen(null)}>
                  ✕
                </Button>
              }
            >
              {open?.title}
            </DialogTitle>
            <DialogContent>
              {open?.form && ownFormFor(open.form, forms) ? (
                ownFormFor(open.form, forms)!(open.title, () => setOpen(null))
              ) : open?.form ? (
                <AdaptiveCardView
                  card={open.form}
                  interactive
                  label={NEXT_STEP.form(open.title)}
                  onOpenUrl={onOpenUrl}
                  onAction={(e) => {
                    setOpen(null);
                    onAction(e);
                  }}
                />
              ) : null}
            </DialogContent>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </nav>
  );
}
