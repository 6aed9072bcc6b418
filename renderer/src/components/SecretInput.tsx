/**
 * A write-only secret field: masked, never prefilled, with a show/hide toggle for checking what was
 * just typed that hides again as soon as focus leaves the field (or the value is cleared). The value
 * lives in the form's local state only.
 */
import { useState } from 'react';
import type { ControlProps } from './Field';
import { useT } from '../i18n/useT';

interface SecretInputProps extends ControlProps {
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  name: string;
  /** Focus left the field and its toggle. */
  onLeave?(): void;
}

export function SecretInput({ value, onChange, placeholder, name, onLeave, ...control }: SecretInputProps) {
  const tr = useT();
  const [shown, setShown] = useState(false);
  const visible = shown && value !== '';
  return (
    <div
      className="secret-input"
      onBlur={(e) => {
        // Hide again once focus leaves both the field and its toggle.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) {
          setShown(false);
          onLeave?.();
        }
      }}
    >
      <input
        {...control}
        type={visible ? 'text' : 'password'}
        name={name}
        value={value}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        placeholder={placeholder}
        data-secret="true"
        onChange={(e) => onChange(e.target.value)}
      />
      <button
        type="button"
        className="button button-small"
        aria-pressed={visible}
        aria-controls={control.id}
        disabled={value === ''}
        onClick={() => setShown((s) => !s)}
      >
        {visible ? tr.t('form.secret.hide') : tr.t('form.secret.show')}
      </button>
    </div>
  );
}
