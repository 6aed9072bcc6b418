/** A secret field of the profile form: write-only, never prefilled; editing leaves it empty to keep the stored one. */
import type { ReactNode } from 'react';
import { Field } from '../../components/Field';
import { SecretInput } from '../../components/SecretInput';
import type { SecretField } from '../../lib/profileForm';
import { useT } from '../../i18n/useT';
import type { FormParts } from './formContext';

export function SecretFieldInput({ form, field, label, hint }: { form: FormParts; field: SecretField; label: ReactNode; hint?: ReactNode }) {
  const tr = useT();
  const { error, warning } = form.messages(field);
  return (
    <Field label={label} hint={hint ?? (form.mode === 'edit' ? tr.t('form.secret.keep') : tr.t('form.secret.writeOnly'))} error={error} warning={warning} required={form.mode === 'add'}>
      {(control) => (
        <SecretInput
          {...control}
          name={field}
          value={form.secrets[field] ?? ''}
          placeholder={form.mode === 'edit' ? tr.t('form.secret.unchanged') : undefined}
          onChange={(v) => form.setSecret(field, v)}
          onLeave={() => form.touch(field)}
        />
      )}
    </Field>
  );
}
