/**
 * Why the browser UI turned a request away. Fixed statuses and fixed English text: nothing the client
 * sent is echoed, so a refusal cannot reflect content into a page or confirm a guessed value.
 */
export type UiRefusalCode =
  | 'ui.foreign-host'
  | 'ui.cross-site'
  | 'ui.wrong-origin'
  | 'ui.signed-out'
  | 'ui.bad-ticket'
  | 'ui.not-json'
  | 'ui.bad-path'
  | 'ui.not-found'
  | 'ui.method-not-allowed'
  | 'ui.too-large';

export interface UiRefusal {
  status: number;
  code: UiRefusalCode;
  message: string;
}

const REFUSALS: Record<UiRefusalCode, { status: number; message: string }> = {
  'ui.foreign-host': { status: 403, message: 'The browser UI answers only at its own address (127.0.0.1 and its port).' },
  'ui.cross-site': { status: 403, message: 'Requests started by another site are refused.' },
  'ui.wrong-origin': { status: 403, message: 'Only the browser UI itself may call its API.' },
  'ui.signed-out': { status: 401, message: 'Not signed in: open the one-time link `akvault serve --ui` printed.' },
  'ui.bad-ticket': { status: 403, message: 'This sign-in link was already used or has expired. Restart `akvault serve --ui` for a new one.' },
  'ui.not-json': { status: 415, message: 'Send the arguments as a JSON array with Content-Type: application/json.' },
  'ui.bad-path': { status: 400, message: 'The request path is not valid percent-encoded text.' },
  'ui.not-found': { status: 404, message: 'No such page or operation.' },
  'ui.method-not-allowed': { status: 405, message: 'This address does not accept that method.' },
  'ui.too-large': { status: 413, message: 'The request body is larger than the browser UI accepts.' },
};

export function uiRefusal(code: UiRefusalCode): UiRefusal {
  const r = REFUSALS[code];
  return { status: r.status, code, message: r.message };
}
