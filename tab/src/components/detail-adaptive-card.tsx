// Draws an Adaptive Card JSON as Teams would, with the `adaptivecards` renderer loaded only when a detail needs it
// (it is not part of the initial bundle). Colours come from the Fluent theme's CSS variables, so a card follows the
// light, dark and high-contrast themes like the rest of the tab. An interactive card reports Action.Execute /
// Action.Submit with the action's data merged with the card's inputs, as Teams sends them to the bot.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { cardMarkdown, safeHref } from '../card-markdown';
import { CARD_VIEW } from '../textos/detalle';
import { ErrorBox, Loading } from './status';

type AC = typeof import('adaptivecards');
let loading: Promise<AC> | undefined;

export function loadAdaptiveCards(): Promise<AC> {
  loading ??= import('adaptivecards').then((ac) => {
    // Teams reads Markdown only in TextBlock and FactSet; radio button and checkbox titles are plain text there.
    ac.GlobalSettings.useMarkdownInRadioButtonAndCheckbox = false;
    // Backslash escapes, the Teams subset and http(s) links only; every other character is escaped HTML.
    ac.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = cardMarkdown(text);
      result.didProcess = true;
    };
    return ac;
  });
  return loading;
}

const fg = (d: string, subtle: string) => ({ default: d, subtle });
const foregrounds = {
  default: fg(tokens.colorNeutralForeground1, tokens.colorNeutralForeground2),
  dark: fg(tokens.colorNeutralForeground1, tokens.colorNeutralForeground2),
  light: fg(tokens.colorNeutralForeground1, tokens.colorNeutralForeground2),
  accent: fg(tokens.colorBrandForeground1, tokens.colorBrandForeground2),
  good: fg(tokens.colorPaletteGreenForeground1, tokens.colorPaletteGreenForeground1),
  warning: fg(tokens.colorPaletteDarkOrangeForeground1, tokens.colorPaletteDarkOrangeForeground1),
  attention: fg(tokens.colorPaletteRedForeground1, tokens.colorPaletteRedForeground1),
};
const box = (backgroundColor: string) => ({ backgroundColor, foregroundColors: foregrounds });

/** Teams-like metrics; every colour is a Fluent token (a CSS variable the theme sets). */
export const HOST_CONFIG = {
  supportsInteractivity: true,
  fontFamily: tokens.fontFamilyBase,
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 12 },
  separator: { lineThickness: 1, lineColor: tokens.colorNeutralStroke2 },
  containerStyles: {
    default: box(tokens.colorNeutralBackground1),
    emphasis: box(tokens.colorNeutralBackground3),
    accent: box(tokens.colorBrandBackground2),
    good: box(tokens.colorPaletteGreenBackground1),
    attention: box(tokens.colorPaletteRedBackground1),
    warning: box(tokens.colorPaletteYellowBackground1),
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 8 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  inputs: { label: { requiredInputs: { suffix: ' *' } }, errorMessage: { size: 'small', color: 'attention' } },
  factSet: {
    title: { weight: 'bolder', wrap: true, maxWidth: 180 },
    value: { wrap: true },
    spacing: 8,
  },
};

const control = {
  fontFamily: tokens.fontFamilyBase,
  fontSize: tokens.fontSizeBase300,
  color: tokens.colorNeutralForeground1,
  backgroundColor: tokens.colorNeutralBackground1,
  border: `1px solid ${tokens.colorNeutralStroke1}`,
  borderRadius: tokens.borderRadiusMedium,
  padding: '5px 8px',
  boxSizing: 'border-box',
} as const;

const useStyles = makeStyles({
  host: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    overflow: 'hidden',
    '& a': { color: tokens.colorBrandForegroundLink },
    // Teams wraps a long action bar instead of squeezing every button to an ellipsis.
    '& .ac-actionSet': { flexWrap: 'wrap', rowGap: '8px' },
    '& .ac-pushButton, & .ac-pushButton-disabled': {
      ...control,
      minHeight: '32px',
      fontWeight: tokens.fontWeightSemibold,
      cursor: 'pointer',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    },
    '& .ac-pushButton:hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    '& .ac-pushButton.style-positive, & .ac-pushButton.primary': {
      backgroundColor: tokens.colorBrandBackground,
      color: tokens.colorNeutralForegroundOnBrand,
      border: '1px solid transparent',
    },
    '& .ac-pushButton.style-positive:hover': { backgroundColor: tokens.colorBrandBackgroundHover },
    '& .ac-pushButton.style-destructive': {
      color: tokens.colorPaletteRedForeground1,
      border: `1px solid ${tokens.colorPaletteRedBorder2}`,
    },
    '& .ac-pushButton.expanded': { backgroundColor: tokens.colorNeutralBackground1Selected },
    '& .ac-pushButton-disabled, & .ac-pushButton:disabled': { cursor: 'not-allowed', opacity: 0.75 },
    '& .ac-pushButton:focus-visible, & .ac-input:focus-visible': {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '1px',
    },
    '& .ac-input': { ...control, width: '100%' },
    '& .ac-input.ac-toggleInput': { width: 'auto', padding: 0 },
    '& .ac-input-validation-failed': { border: `1px solid ${tokens.colorPaletteRedBorder2}` },
    '& .ac-multiline': { minHeight: '64px' },
  },
  readOnly: { '& .ac-pushButton, & .ac-input': { cursor: 'default' } },
});

export interface CardActionEvent {
  verb: string;
  data: Record<string, unknown>;
}

export function AdaptiveCardView({
  card,
  interactive,
  onAction,
  onOpenUrl,
  label,
}: {
  card: Record<string, unknown>;
  interactive: boolean;
  onAction?: (e: CardActionEvent) => void;
  onOpenUrl: (url: string) => void;
  /** Names the card for assistive technology. */
  label: string;
}) {
  const s = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'cargando' | 'listo' | 'error'>('cargando');
  const handlers = useRef({ onAction, onOpenUrl });
  handlers.current = { onAction, onOpenUrl };

  useEffect(() => {
    let live = true;
    loadAdaptiveCards()
      .then((ac) => {
        if (!live || !ref.current) return;
        const view = new ac.AdaptiveCard();
        view.hostConfig = new ac.HostConfig(HOST_CONFIG);
        // Only http(s) leaves the card, whatever a stored card says (a javascript: URL is never opened).
        view.onAnchorClicked = (_el, anchor, ev) => {
          ev?.preventDefault();
          const href = safeHref(anchor.href);
          if (href) handlers.current.onOpenUrl(href);
          return true;
        };
        view.onExecuteAction = (action) => {
          // Opening a document or the delivered data reads, it does not act: the link lines of a read-only card
          // (another role's view) open too, as the inline links they replace did.
          if (action instanceof ac.OpenUrlAction) {
            const href = action.url ? safeHref(action.url) : undefined;
            if (href) handlers.current.onOpenUrl(href);
            return;
          }
          if (!interactive) return;
          if (action instanceof ac.SubmitActionBase) {
            const data = { ...((action.data as Record<string, unknown> | undefined) ?? {}) };
            const verb = action instanceof ac.ExecuteAction ? action.verb : data.verb;
            if (typeof verb === 'string') handlers.current.onAction?.({ verb, data });
          }
        };
        view.parse(card);
        const el = view.render();
        if (!el) throw new Error('sin contenido');
        if (!interactive)
          for (const c of el.querySelectorAll<HTMLElement>('button, input, textarea, select')) {
            c.setAttribute('disabled', '');
            c.setAttribute('aria-disabled', 'true');
          }
        ref.current.replaceChildren(el);
        setState('listo');
      })
      .catch(() => live && setState('error'));
    return () => {
      live = false;
    };
  }, [card, interactive]);

  return (
    <div role="group" aria-label={label}>
      {state === 'cargando' ? <Loading label={CARD_VIEW.drawing} /> : null}
      {state === 'error' ? <ErrorBox title={CARD_VIEW.drawFailed} message={CARD_VIEW.reload} /> : null}
      <div ref={ref} className={`${s.host} ${interactive ? '' : s.readOnly}`} hidden={state !== 'listo'} />
    </div>
  );
}
