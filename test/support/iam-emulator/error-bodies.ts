/**
 * The error shapes IAM, STS and the API gateway answer with (reference §11). Messages follow the
 * documented ones where they are known; the STS v5 error codes are the emulator's own (unconfirmed).
 */

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Gateway rejection before IAM sees the request: `{error_msg, error_code: "APIGW.0301", request_id}`. */
export function gatewayAuthError(message: string, requestId: string): Reply {
  return { status: 401, body: { error_msg: `Incorrect IAM authentication information: ${message}`, error_code: 'APIGW.0301', request_id: requestId } };
}

/** Keystone style: `{error: {code, message, title}}`. */
export function keystoneError(status: number, message: string): Reply {
  const titles: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };
  return { status, body: { error: { code: status, message, title: titles[status] ?? 'Error' } } };
}

/** The hybrid create-key answer over the two-key limit. */
export function keyLimitError(): Reply {
  return { status: 400, body: { error: { message: 'akSkNumExceed', code: 400, title: 'Bad Request', error_msg: null, error_code: null } } };
}

/** IAM style: `{error_code, error_msg}`. */
export function iamError(status: number, code: string, message: string): Reply {
  return { status, body: { error_msg: message, error_code: code } };
}

/** IAM v5 / STS: adds request_id and, on authorisation failures, an encoded explanation. */
export function v5Error(status: number, code: string, message: string, requestId: string, encoded?: string): Reply {
  return { status, body: { error_code: code, error_msg: message, request_id: requestId, ...(encoded ? { encoded_authorization_message: encoded } : {}) } };
}

export const invalidParameter = (name: string): Reply => iamError(400, 'IAM.0007', `Request parameter ${name} is invalid.`);
