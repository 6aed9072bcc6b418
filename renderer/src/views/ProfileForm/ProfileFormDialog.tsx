/**
 * Add or edit a profile of any kind. Checks mirror the core's rules and show inline as the person
 * goes (after a field is left, or on submit); main's own verdict is mapped back onto the fields.
 * Secrets live in this component's state only: masked, never prefilled, sent in the add/update call
 * and cleared as soon as that call returns, whatever its outcome.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AdvisoryView, ProfileKind, ProfileView } from '../../../../preload/contract';
import { Modal } from '../../components/Modal';
import { Field } from '../../components/Field';
import { api } from '../../api';
import { errorViewOf, fieldsOfError } from '../../lib/errors';
import {
  checkProfileForm,
  emptyValues,
  formFieldOf,
  secretsToSend,
  toProfileInput,
  toProfilePatch,
  valuesFromProfile,
  type FormField,
  type Issue,
  type ProfileFormValues,
  type SecretField,
  type SecretValues,
} from '../../lib/profileForm';
import { PROFILE_KINDS } from '../../lib/profiles';
import { KIND_HINT_KEYS, KIND_KEYS } from '../../i18n/labels';
import { hasKey, translateError } from '../../i18n/translate';
import { useT } from '../../i18n/useT';
import { appStore, useApp } from '../../store';
import type { FieldMessages, FormParts } from './formContext';
import { MoreFields, NameFields, ToolFilesFields } from './CommonFields';
import { AccessKeyFields, AccountFields, EcsAgencyFields, TokenFields } from './KindFields';
import { AgencyFields } from './AgencyFields';

const NONE: never[] = [];
type ServerIssues = Partial<Record<FormField, string>>;

function KindFieldsFor({ form }: { form: FormParts }) {
  switch (form.values.kind) {
    case 'access-key':
    case 'temporary-key':
      return <AccessKeyFields form={form} />;
    case 'token':
      return <TokenFields form={form} />;
    case 'account':
      return <AccountFields form={form} />;
    case 'ecs-agency':
      return <EcsAgencyFields form={form} />;
    case 'agency':
      return <AgencyFields form={form} />;
  }
}

/** Opens the <details> around the first invalid field and focuses it. */
function focusFirstInvalid(root: HTMLElement | null) {
  const el = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!el) return;
  for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
  el.focus();
}

function advisoryText(tr: ReturnType<typeof useT>, a: AdvisoryView): string {
  const key = `advisory.${a.code}`;
  return hasKey(key) ? tr.t(key) : a.message;
}

export function ProfileFormDialog({ profile, onClose }: { profile?: ProfileView; onClose(): void }) {
  const tr = useT();
  const mode = profile ? 'edit' : 'add';
  const { profiles, byId } = useApp(useShallow((s) => ({ profiles: s.snapshot?.profiles ?? NONE, byId: s.index.byId })));
  const [values, setValues] = useState<ProfileFormValues>(() => (profile ? valuesFromProfile(profile) : emptyValues('access-key')));
  const [secrets, setSecrets] = useState<SecretValues>({});
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<ServerIssues>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [secretsCleared, setSecretsCleared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const checked = useMemo(
    () => checkProfileForm(values, secrets, { mode, profiles, byId, ...(profile ? { original: profile } : {}), now: Date.now() }),
    [values, secrets, mode, profiles, byId, profile],
  );
  const errorCount = Object.keys(checked.errors).length;

  useEffect(() => {
    if (focusTick > 0) focusFirstInvalid(formRef.current);
  }, [focusTick]);

  // Secrets never outlive the dialog.
  useEffect(() => () => setSecrets({}), []);

  const text = (i: Issue | undefined) => (i ? tr.t(i.key, i.params) : undefined);
  const form: FormParts = {
    mode,
    values,
    set(field, value) {
      setValues((v) => ({ ...v, [field]: value }));
      const f = (field === 'agencyDomainBy' ? 'agencyDomain' : field) as FormField;
      setServerIssues((s) => (s[f] ? { ...s, [f]: undefined } : s));
    },
    secrets,
    setSecret(field: SecretField, value: string) {
      setSecrets((s) => ({ ...s, [field]: value }));
      setSecretsCleared(false);
      setServerIssues((s) => (s[field] ? { ...s, [field]: undefined } : s));
    },
    messages(field): FieldMessages {
      const server = serverIssues[field];
      const show = submitted || touched.has(field);
      const error = server ?? (show ? text(checked.errors[field]) : undefined);
      const warning = text(checked.warnings[field]);
      return { ...(error ? { error } : {}), ...(warning ? { warning } : {}) };
    },
    touch(field) {
      setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
    },
    ...(profile ? { selfId: profile.id } : {}),
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setFormError(null);
    if (errorCount > 0) {
      setFocusTick((n) => n + 1);
      return;
    }
    setBusy(true);
    const typed = secretsToSend(values.kind, secrets);
    try {
      const result = profile
        ? await api().updateProfile(profile.name, toProfilePatch(values, profile), typed)
        : await api().addProfile(toProfileInput(values), typed ?? {});
      const store = appStore.getState();
      store.pushToast({ tone: 'success', message: { key: profile ? 'toast.profileSaved' : 'toast.profileAdded', params: { profile: result.profile.name } } });
      for (const w of result.warnings) store.pushToast({ tone: 'info', message: { key: 'toast.advisory', params: { profile: result.profile.name, message: advisoryText(tr, w) } } });
      store.select(result.profile.id);
      onClose();
    } catch (err) {
      const view = errorViewOf(err);
      const mapped: ServerIssues = {};
      for (const { field, detail } of fieldsOfError(view)) {
        const f = formFieldOf(field);
        if (f) mapped[f] = detail && tr.locale === 'en' ? detail : translateError(tr, view);
      }
      setServerIssues(mapped);
      setFormError(translateError(tr, view));
      setFocusTick((n) => n + 1);
      if (typed) setSecretsCleared(true);
    } finally {
      // Whatever happened, the typed secrets are gone from the page now.
      setSecrets({});
      setBusy(false);
    }
  };

  const chooseKind = (kind: ProfileKind) => {
    setValues((v) => ({ ...emptyValues(kind), name: v.name, description: v.description }));
    setSecrets({});
    setTouched(new Set());
    setSubmitted(false);
    setServerIssues({});
  };

  const title = profile ? tr.t('form.editTitle', { profile: profile.name }) : tr.t('form.addTitle');
  return (
    <Modal title={title} onClose={onClose} busy={busy} size="large" testId="profile-form">
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-busy={busy || undefined}>
        {submitted && errorCount > 0 ? (
          <p className="banner banner-error" role="alert" data-testid="form-summary">
            {tr.t('form.fixErrors', { count: errorCount })}
          </p>
        ) : null}
        {formError ? (
          <p className="banner banner-error" role="alert" data-testid="form-error">
            {formError}
            {secretsCleared ? ` ${tr.t('form.secret.cleared')}` : ''}
          </p>
        ) : null}
        {profile ? (
          <p className="muted">
            {tr.t('field.kind')}: <strong>{tr.t(KIND_KEYS[profile.kind])}</strong>
          </p>
        ) : (
          <Field label={tr.t('field.kind')} hint={tr.t(KIND_HINT_KEYS[values.kind])}>
            {(control) => (
              <select {...control} className="input" value={values.kind} onChange={(e) => chooseKind(e.target.value as ProfileKind)} data-testid="kind-select">
                {PROFILE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {tr.t(KIND_KEYS[k])}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <NameFields form={form} />
        <KindFieldsFor form={form} />
        <MoreFields form={form} />
        <ToolFilesFields form={form} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {tr.t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? tr.t('common.saving') : profile ? tr.t('common.save') : tr.t('form.addSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
