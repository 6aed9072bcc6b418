/**
 * A labelled form field with its hint, error and warning wired for screen readers
 * (aria-describedby, aria-invalid). The control is passed as a render function given its props.
 */
import { useId, type ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  warning?: string;
  required?: boolean;
  className?: string;
  children(props: ControlProps): ReactNode;
}

export function Field({ label, hint, error, warning, required, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const warningId = `${id}-warning`;
  const described = [hint ? hintId : '', error ? errorId : '', warning && !error ? warningId : ''].filter(Boolean).join(' ');
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      {children({ id, ...(described ? { 'aria-describedby': described } : {}), ...(error ? { 'aria-invalid': true as const } : {}), ...(required ? { 'aria-required': true as const } : {}) })}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" data-testid="field-error">
          <span aria-hidden="true">✕ </span>
          {error}
        </p>
      ) : null}
      {warning && !error ? (
        <p id={warningId} className="field-warning" data-testid="field-warning">
          <span aria-hidden="true">⚠ </span>
          {warning}
        </p>
      ) : null}
    </div>
  );
}
