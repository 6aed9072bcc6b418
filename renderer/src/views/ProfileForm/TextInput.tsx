/** A text field of the profile form, wired to the form's values and messages. */
import type { ReactNode } from 'react';
import { Field } from '../../components/Field';
import type { TextField } from '../../lib/profileForm';
import type { FormParts } from './formContext';

interface TextInputProps {
  form: FormParts;
  field: TextField;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  placeholder?: string;
  type?: 'text' | 'url' | 'number' | 'datetime-local';
  mono?: boolean;
  multiline?: boolean;
  inputMode?: 'numeric' | 'text' | 'url';
}

export function TextInput({ form, field, label, hint, required, placeholder, type = 'text', mono, multiline, inputMode }: TextInputProps) {
  const { error, warning } = form.messages(field);
  const common = {
    name: field,
    value: form.values[field],
    placeholder,
    className: `input ${mono ? 'mono' : ''}`,
    spellCheck: false,
    onBlur: () => form.touch(field),
  };
  return (
    <Field label={label} hint={hint} error={error} warning={warning} required={required}>
      {(control) =>
        multiline ? (
          <textarea {...control} {...common} rows={6} onChange={(e) => form.set(field, e.target.value)} />
        ) : (
          <input {...control} {...common} type={type} inputMode={inputMode} autoComplete="off" onChange={(e) => form.set(field, e.target.value)} />
        )
      }
    </Field>
  );
}
