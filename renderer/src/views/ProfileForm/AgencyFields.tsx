/** An agency: its source (with the chain), the delegating account (by name or by ID: exactly one), the agency, and the session options. */
import { useT } from '../../i18n/useT';
import type { FormParts } from './formContext';
import { SourcePicker } from './SourcePicker';
import { TextInput } from './TextInput';

export function AgencyFields({ form }: { form: FormParts }) {
  const tr = useT();
  const v = form.values;
  return (
    <>
      <SourcePicker form={form} />
      <fieldset className="fieldset">
        <legend>{tr.t('form.delegating.legend')}</legend>
        <div className="radio-row">
          <label className="check">
            <input type="radio" name="agencyDomainBy" checked={v.agencyDomainBy === 'name'} onChange={() => form.set('agencyDomainBy', 'name')} />
            {tr.t('form.delegating.byName')}
          </label>
          <label className="check">
            <input type="radio" name="agencyDomainBy" checked={v.agencyDomainBy === 'id'} onChange={() => form.set('agencyDomainBy', 'id')} />
            {tr.t('form.delegating.byId')}
          </label>
        </div>
        <TextInput
          form={form}
          field="agencyDomain"
          label={v.agencyDomainBy === 'id' ? tr.t('field.agencyDomainId') : tr.t('field.agencyDomainName')}
          required
          mono={v.agencyDomainBy === 'id'}
        />
      </fieldset>
      <TextInput form={form} field="agencyName" label={tr.t('field.agencyName')} hint={tr.t('form.hint.agencyName')} required />
      <TextInput form={form} field="durationSeconds" label={tr.t('field.durationSeconds')} hint={tr.t('form.hint.agencyDuration')} inputMode="numeric" />
      <details className="form-more">
        <summary>{tr.t('form.agency.advanced')}</summary>
        <TextInput form={form} field="sessionUserName" label={tr.t('field.sessionUserName')} hint={tr.t('form.hint.sessionUserName')} />
        <fieldset className="fieldset">
          <legend>{tr.t('field.api')}</legend>
          <div className="radio-row">
            <label className="check">
              <input type="radio" name="api" checked={v.api === 'v3'} onChange={() => form.set('api', 'v3')} />
              {tr.t('form.api.v3')}
            </label>
            <label className="check">
              <input type="radio" name="api" checked={v.api === 'v5'} onChange={() => form.set('api', 'v5')} />
              {tr.t('form.api.v5')}
            </label>
          </div>
        </fieldset>
        {v.api === 'v5' ? (
          <TextInput form={form} field="stsEndpoint" label={tr.t('field.stsEndpoint')} placeholder={tr.t('form.placeholder.stsEndpoint')} type="url" required mono />
        ) : null}
        <TextInput form={form} field="policy" label={tr.t('field.policy')} hint={tr.t('form.hint.policy')} multiline mono />
      </details>
    </>
  );
}
