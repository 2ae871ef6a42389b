// The top of the detail: reference and title, where the item stands, who must act and by when, and what the caller
// can do right here: the one-click commands, a Teams chat with the people involved, a link to this page.
import {
  Badge,
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { concludedOn, currentDueAt, type AllowedAction, type ChatContact, type Item } from '../../../protocol';
import { fecha } from '../format';
import { HEADER, stateWords } from '../textos/detalle';
import { ClassificationBadges } from './detail-dataset';
import { DueBadge, StateBadge } from './status';

const useStyles = makeStyles({
  header: { display: 'grid', gap: '8px', marginBottom: '16px' },
  title: { margin: 0, overflowWrap: 'anywhere' },
  ref: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px' },
  must: { color: tokens.colorNeutralForeground1 },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', marginTop: '4px' },
});

export const chatLink = (emails: string[], topic: string): string =>
  `https://teams.microsoft.com/l/chat/0/0?users=${emails.map(encodeURIComponent).join(',')}` +
  `&topicName=${encodeURIComponent(topic)}`;

export function DetailHeader({
  item,
  waitingOn,
  workingDaysLeft,
  timeZone,
  pending,
  quick,
  onQuick,
  contacts,
  onChat,
  onCopyLink,
}: {
  item: Item;
  waitingOn: string | null;
  workingDaysLeft: number | null;
  timeZone: string;
  /** The label of a command sent and not yet confirmed. */
  pending: string | null;
  quick: AllowedAction[];
  onQuick: (a: AllowedAction) => void;
  contacts: ChatContact[];
  onChat: (emails: string[]) => void;
  onCopyLink: () => void;
}) {
  const s = useStyles();
  const title = item.kind === 'solicitud' ? item.dataset.name : item.title;
  const due = currentDueAt(item, timeZone);
  // A concluded item waits for nobody: say when it ended (issue 14 §5), as its card does.
  const concluded = concludedOn(item, timeZone);
  const overdue = (workingDaysLeft ?? 0) < 0 || (item.kind === 'solicitud' && !!item.overdue);
  return (
    <header className={s.header}>
      <Title2 as="h1" className={s.title}>
        <span className={s.ref}>{item.reference}</span> · {title}
      </Title2>
      <div className={s.row}>
        <StateBadge state={item.state} label={stateWords(item.kind, item.state)} />
        {pending ? (
          <Badge appearance="outline" color="brand" shape="rounded" role="status">
            {HEADER.sending(pending)}
          </Badge>
        ) : null}
        <DueBadge workingDaysLeft={workingDaysLeft} overdue={overdue} kind={item.kind} />
        <ClassificationBadges c={item.classification} eipd={item.impactAssessmentRequired} />
      </div>
      {waitingOn ? (
        <Text className={s.must}>
          <strong>{HEADER.mustAct}</strong> {waitingOn}
        </Text>
      ) : concluded ? (
        <Text className={s.must}>
          <strong>{HEADER.concluded(item.kind)}</strong> {concluded}
        </Text>
      ) : null}
      {due ? (
        <Text className={overdue ? s.overdue : undefined}>
          <strong>{HEADER.deadline}</strong> {fecha(due)}
          {overdue ? HEADER.overdue : ''}
        </Text>
      ) : null}
      <div className={s.actions}>
        {quick.map((a) => (
          <Button
            key={`${a.verb}-${a.signerId ?? ''}`}
            appearance="primary"
            disabled={pending !== null}
            onClick={() => onQuick(a)}
          >
            {a.label}
          </Button>
        ))}
        {contacts.length === 1 ? (
          <Button onClick={() => onChat([contacts[0]!.email])}>{HEADER.chatWith(contacts[0]!.name)}</Button>
        ) : contacts.length > 1 ? (
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button>{HEADER.chat}</Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                {contacts.map((c) => (
                  <MenuItem key={c.email} onClick={() => onChat([c.email])}>
                    {c.name} — {c.why}
                  </MenuItem>
                ))}
                <MenuItem onClick={() => onChat(contacts.map((c) => c.email))}>{HEADER.chatWithAll}</MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
        ) : null}
        <Button appearance="subtle" onClick={onCopyLink}>
          {HEADER.copyLink}
        </Button>
      </div>
    </header>
  );
}
