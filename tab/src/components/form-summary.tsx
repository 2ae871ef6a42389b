// What a refused submit says on top of the form: how many fields to fix and, word for word, any complaint of the
// API that names no input on screen (e.g. "(cuerpo)" or a rule on several values).
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { RefObject } from 'react';
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
        <MessageBarTitle>No se pudo enviar</MessageBarTitle>
        {count ? `Revise ${count === 1 ? 'el campo marcado' : `los ${count} campos marcados`}. ` : ''}
        {loose.map(([path, m]) => (
          <span key={path}>{m}. </span>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}
