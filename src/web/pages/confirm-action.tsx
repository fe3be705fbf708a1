import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';

/** The field a destructive form sends once the visitor has confirmed it. */
export const CONFIRM_FIELD = 'confirm';

/** True when a posted form carries the confirmation (the second button was pressed). */
export function isConfirmed(form: Record<string, unknown>): boolean {
  return form[CONFIRM_FIELD] === '1';
}

export interface ConfirmProps {
  /** Where the confirmed POST goes. */
  action: string;
  /** The button that opens the question, e.g. "Delete". */
  label: string;
  /** The question, e.g. "Delete this comment? This cannot be undone." */
  question: string;
  /** The button that does it, e.g. "Yes, delete it". */
  confirmLabel: string;
  /** An accessible name for the opening button when its label alone is ambiguous. */
  ariaLabel?: string;
}

/**
 * A destructive action in two steps without script: the first button opens a disclosure with
 * the question and a second, CSRF-protected submit that carries the confirmation.
 */
export function ConfirmButton(props: ConfirmProps) {
  return (
    <details class="confirm">
      <summary aria-label={props.ariaLabel}>{props.label}</summary>
      <form method="post" action={props.action} class="confirm-form">
        <CsrfField />
        <input type="hidden" name={CONFIRM_FIELD} value="1" />
        <span>{props.question}</span>{' '}
        <button type="submit" class="danger">
          {props.confirmLabel}
        </button>
      </form>
    </details>
  );
}

/**
 * The page a POST without the confirmation answers with (an old form, a script, a disclosure
 * that could not open): the same question, the confirming button and a way back. Nothing changes.
 */
export function ConfirmPage(
  props: ConfirmProps & { title: string; detail?: string; back: string },
) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.question}</p>
      {props.detail ? <blockquote class="confirm-detail">{props.detail}</blockquote> : null}
      <form method="post" action={props.action} class="confirm-form">
        <CsrfField />
        <input type="hidden" name={CONFIRM_FIELD} value="1" />
        <button type="submit" class="danger">
          {props.confirmLabel}
        </button>{' '}
        <a href={props.back}>Cancel</a>
      </form>
    </Layout>
  );
}
