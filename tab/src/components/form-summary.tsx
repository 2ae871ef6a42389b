// What a refused submit says on top of the form: how many fields to fix and, word for word, any complaint of the
// API that names no input on screen (e.g. "(cuerpo)" or a rule on several values).
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { RefObject } from 'react';
import { SUMMARY } from '../textos/formularios';
import type { FormCheck } from './form-kit';

export function ServerSummary({ check, form }: { check: FormCheck; form: RefObject<HTMLFormElement | null> }) {
  const loose = Object.entries(check.server).filter(
    ([path]) => !form.current?.querySelector(`[data-campo="${CSS.escape(path)}"]`),
  );
  const count = check.submitted ? check.count : 0;
  if (!count && !loose.length) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{SUMMARY.title}</MessageBarTitle>
        {count ? SUMMARY.fix(count) : ''}
        {loose.map(([path, m]) => (
          <span key={path}>{m}. </span>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}
