/**
 * Why the helper turned a request away, before any credential was looked at. Each refusal has a fixed
 * status and a fixed message: nothing the client sent is ever echoed back, so a refusal cannot be used
 * to reflect content into a page or to confirm a guessed value.
 */
export type RefusalCode =
  | 'auth.missing-token'
  | 'auth.wrong-token'
  | 'pod-identity.wrong-token'
  | 'metadata.token-required'
  | 'metadata.wrong-token'
  | 'metadata.bad-ttl'
  | 'metadata.forwarded'
  | 'request.not-loopback'
  | 'request.foreign-host'
  | 'request.browser-origin'
  | 'request.bad-path'
  | 'request.not-found'
  | 'request.method-not-allowed'
  | 'request.too-large';

export interface Refusal {
  status: number;
  code: RefusalCode;
  message: string;
}

const REFUSALS: Record<RefusalCode, { status: number; message: string }> = {
  'auth.missing-token': {
    status: 401,
    message: 'The request carries no bearer token. Send "Authorization: Bearer <helper token>".',
  },
  'auth.wrong-token': { status: 401, message: 'The bearer token is not the one this helper issued.' },
  'pod-identity.wrong-token': {
    status: 403,
    message: 'The authorization token is missing or is not the one issued for this endpoint.',
  },
  'metadata.token-required': {
    status: 401,
    message: 'A metadata session token is required: PUT /meta-data/latest/api/token, then send it in X-Metadata-Token.',
  },
  'metadata.wrong-token': { status: 401, message: 'The metadata session token is unknown or has expired.' },
  'metadata.bad-ttl': {
    status: 400,
    message: 'X-Metadata-Token-Ttl-Seconds must be a whole number of seconds from 1 to 21600.',
  },
  'metadata.forwarded': { status: 403, message: 'Metadata session tokens are not issued through a proxy.' },
  'request.not-loopback': { status: 403, message: 'Only processes on this machine may call the helper.' },
  'request.foreign-host': {
    status: 403,
    message: 'The Host header does not name this helper; the request may come from a page using DNS rebinding.',
  },
  'request.browser-origin': { status: 403, message: 'Requests made by web pages are refused.' },
  'request.bad-path': { status: 400, message: 'The request path is not valid percent-encoded text.' },
  'request.not-found': { status: 404, message: 'No such endpoint.' },
  'request.method-not-allowed': { status: 405, message: 'This endpoint does not accept that method.' },
  'request.too-large': { status: 413, message: 'The request body is larger than the helper accepts.' },
};

export function refusal(code: RefusalCode): Refusal {
  const r = REFUSALS[code];
  return { status: r.status, code, message: r.message };
}
