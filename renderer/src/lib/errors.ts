/**
 * Errors from main arrive as `{code, message, params}` (thrown in the page as a ContractError that
 * carries them as `view`). The page shows them translated by code (`errors.<code>`), with the params,
 * and falls back to main's English message for a code the catalogue does not know.
 */
import type { ErrorView } from '../../../preload/contract';

export function errorViewOf(e: unknown): ErrorView {
  if (e && typeof e === 'object' && 'view' in e) {
    const view = (e as { view: unknown }).view;
    if (view && typeof view === 'object' && typeof (view as ErrorView).code === 'string') {
      const v = view as ErrorView;
      return { code: v.code, message: String(v.message ?? ''), ...(v.hint ? { hint: v.hint } : {}), params: v.params ?? {} };
    }
  }
  return { code: 'unexpected', message: e instanceof Error ? e.message : String(e), params: {} };
}

/** Catalogue params from an error's params (null and booleans as text). */
export function errorParams(view: ErrorView): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(view.params ?? {})) out[k] = typeof v === 'number' ? v : v === null ? '' : String(v);
  return out;
}

/**
 * Which form fields a server error is about, with main's English detail per field:
 * `params.field` when present; `validation` errors list theirs in `params.fields` and say
 * "Invalid profile: field: problem; field: problem." (parsed for the detail); and the codes that are
 * always about one field (a taken name, a source chain) are mapped by code.
 */
export function fieldsOfError(view: ErrorView): Array<{ field: string; detail?: string }> {
  const p = view.params ?? {};
  if (typeof p.field === 'string' && p.field) return [{ field: p.field, detail: view.message }];
  if (view.code === 'validation') {
    const details = new Map<string, string>();
    const body = view.message.replace(/^Invalid profile:\s*/, '').replace(/\.$/, '');
    for (const part of body.split('; ')) {
      const m = /^([A-Za-z]+): (.+)$/.exec(part);
      if (m && !details.has(m[1]!)) details.set(m[1]!, m[2]!);
    }
    const listed = typeof p.fields === 'string' && p.fields ? p.fields.split(',') : [...details.keys()];
    return listed.map((field) => ({ field, ...(details.has(field) ? { detail: details.get(field)! } : {}) }));
  }
  if (view.code === 'profile.exists') return [{ field: p.reason === 'access-key' ? 'accessKeyId' : 'name' }];
  if (view.code === 'profile.cycle' || view.code === 'profile.chain-too-long' || (view.code === 'profile.not-found' && 'sourceId' in p)) return [{ field: 'sourceId' }];
  return [];
}
