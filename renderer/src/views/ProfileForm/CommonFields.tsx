/** Fields every kind has: name and description up front; account, region and endpoints in "More". */
import { useT } from '../../i18n/useT';
import type { FormParts } from './formContext';
import { TextInput } from './TextInput';

export function NameFields({ form }: { form: FormParts }) {
  const tr = useT();
  return (
    <>
      <TextInput form={form} field="name" label={tr.t('field.name')} hint={tr.t('form.hint.name')} required mono />
      <TextInput form={form} field="description" label={tr.t('field.description')} />
    </>
  );
}

/** Shared optional fields. The account kind asks for account and user up front (AccountFields), so they are left out here. */
export function MoreFields({ form }: { form: FormParts }) {
  const tr = useT();
  const account = form.values.kind === 'account';
  return (
    <details className="form-more">
      <summary>{tr.t('form.more')}</summary>
      <div className="form-grid">
        <TextInput form={form} field="region" label={tr.t('field.region')} placeholder={tr.t('form.placeholder.region')} mono />
        <TextInput form={form} field="projectId" label={tr.t('field.projectId')} mono />
        {account ? null : <TextInput form={form} field="domainName" label={tr.t('field.domainName')} />}
        <TextInput form={form} field="domainId" label={tr.t('field.domainId')} mono />
        {account ? null : <TextInput form={form} field="userName" label={tr.t('field.userName')} />}
        <TextInput form={form} field="userId" label={tr.t('field.userId')} mono />
        <TextInput form={form} field="iamEndpoint" label={tr.t('field.iamEndpoint')} placeholder={tr.t('form.placeholder.iamEndpoint')} type="url" mono />
        <TextInput form={form} field="refreshMarginSeconds" label={tr.t('field.refreshMargin')} hint={tr.t('form.hint.refreshMargin')} inputMode="numeric" />
      </div>
    </details>
  );
}

export function ToolFilesFields({ form }: { form: FormParts }) {
  const tr = useT();
  const set = (tool: 'sdkCredentials' | 'koocli' | 'obsutil', on: boolean) => form.set('toolFiles', { ...form.values.toolFiles, [tool]: on });
  return (
    <fieldset className="fieldset">
      <legend>{tr.t('form.toolFiles.legend')}</legend>
      <p className="field-hint">{tr.t('form.toolFiles.hint')}</p>
      <label className="check">
        <input type="checkbox" checked={form.values.toolFiles.sdkCredentials} onChange={(e) => set('sdkCredentials', e.target.checked)} />
        {tr.t('form.toolFiles.sdkCredentials')}
      </label>
      <label className="check">
        <input type="checkbox" checked={form.values.toolFiles.koocli} onChange={(e) => set('koocli', e.target.checked)} />
        {tr.t('form.toolFiles.koocli')}
      </label>
      <label className="check">
        <input type="checkbox" checked={form.values.toolFiles.obsutil} onChange={(e) => set('obsutil', e.target.checked)} />
        {tr.t('form.toolFiles.obsutil')}
      </label>
    </fieldset>
  );
}
