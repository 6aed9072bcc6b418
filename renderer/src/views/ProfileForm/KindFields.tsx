/** The fields of the key, token, account and ECS kinds (the agency has its own file). */
import { useT } from '../../i18n/useT';
import type { FormParts } from './formContext';
import { SecretFieldInput } from './SecretFieldInput';
import { TextInput } from './TextInput';

export function AccessKeyFields({ form }: { form: FormParts }) {
  const tr = useT();
  const temporary = form.values.kind === 'temporary-key';
  return (
    <>
      <TextInput form={form} field="accessKeyId" label={tr.t('field.accessKeyId')} required mono />
      <SecretFieldInput form={form} field="secretAccessKey" label={tr.t('field.secretAccessKey')} />
      {temporary ? (
        <>
          <SecretFieldInput form={form} field="securityToken" label={tr.t('field.securityToken')} />
          <TextInput form={form} field="expiresAt" label={tr.t('field.expiresAt')} hint={tr.t('form.hint.expiresAt')} type="datetime-local" required />
        </>
      ) : null}
    </>
  );
}

export function TokenFields({ form }: { form: FormParts }) {
  const tr = useT();
  return (
    <>
      <SecretFieldInput form={form} field="authToken" label={tr.t('field.authToken')} />
      <TextInput form={form} field="expiresAt" label={tr.t('field.tokenExpiresAt')} hint={tr.t('form.hint.expiresAt')} type="datetime-local" required />
      <TextInput form={form} field="durationSeconds" label={tr.t('field.durationSeconds')} hint={tr.t('form.hint.duration')} inputMode="numeric" />
    </>
  );
}

export function AccountFields({ form }: { form: FormParts }) {
  const tr = useT();
  return (
    <>
      <TextInput form={form} field="domainName" label={tr.t('field.domainName')} required />
      <TextInput form={form} field="userName" label={tr.t('field.userName')} required />
      <SecretFieldInput form={form} field="password" label={tr.t('field.password')} />
      <label className="check">
        <input type="checkbox" checked={form.values.mfa} onChange={(e) => form.set('mfa', e.target.checked)} />
        {tr.t('form.mfa.toggle')}
      </label>
      {form.values.mfa ? <TextInput form={form} field="mfaUserId" label={tr.t('field.mfaUserId')} hint={tr.t('form.hint.mfaUserId')} required mono /> : null}
      <TextInput form={form} field="durationSeconds" label={tr.t('field.durationSeconds')} hint={tr.t('form.hint.duration')} inputMode="numeric" />
    </>
  );
}

export function EcsAgencyFields({ form }: { form: FormParts }) {
  const tr = useT();
  return <TextInput form={form} field="metadataUrl" label={tr.t('field.metadataUrl')} hint={tr.t('form.hint.metadataUrl')} placeholder={tr.t('form.placeholder.metadataUrl')} type="url" mono />;
}
