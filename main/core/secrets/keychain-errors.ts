import { AkvaultError } from '../errors';

/**
 * Turns whatever the OS keychain threw into an AkvaultError a person can act on.
 *
 * keytar reports failures as plain Errors whose text comes from libsecret/GLib (Linux), Security.framework
 * (macOS) or the Credential Manager (Windows). We recognise the common cases by text because there are
 * no codes to go by. The backend's text is kept in `params.reason` (first line, shortened) for support,
 * after removing any value we were writing: a secret must never reach a message.
 */
export type KeychainOperation = 'read' | 'write' | 'delete' | 'list' | 'probe' | 'load';

// No session bus, no Secret Service on it, or a bus that is not a Secret Service at all (WSL, minimal images,
// SSH sessions without a desktop).
const UNAVAILABLE = [
  /cannot autolaunch d-?bus/i,
  /address is empty/i,
  /could not connect/i,
  /connection refused/i,
  /serviceunknown/i,
  /was not provided by any \.service files/i,
  /no such interface/i,
  /object does not exist at path/i, // no default collection and no way to create one
  /no such secret collection/i,
  /failed to execute child process/i,
  /cannot open shared object file/i, // libsecret-1.so.0 missing
  /no keychain (is available|could be found)/i, // macOS errSecNoSuchKeychain / errSecNotAvailable
  /-25291|-25294/,
];

// The keyring exists but is locked and could not be unlocked (prompt dismissed or impossible, e.g. over SSH).
const LOCKED = [
  /locked collection/i,
  /collection is locked/i,
  /keyring is locked/i,
  /prompt (was )?dismissed/i,
  /dismissed/i,
  /user interaction is not allowed/i, // macOS -25308
  /user (canceled|cancelled)/i, // macOS -128
  /-25308/,
];

export function keychainUnavailableHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Make sure your login keychain exists and is reachable (Keychain Access), then retry. akvault never stores secrets in plain text.';
    case 'win32':
      return 'Make sure the Windows Credential Manager service is running, then retry. akvault never stores secrets in plain text.';
    default:
      return (
        'akvault needs a Secret Service on the D-Bus session bus. Install and start GNOME Keyring or KWallet\'s Secret Service ' +
        '(e.g. `gnome-keyring-daemon --start --components=secrets`), or run akvault inside `dbus-run-session`; ' +
        'on WSL, start a D-Bus session first. Without a keychain, akvault can keep secrets in an encrypted vault file instead ' +
        '(`AKVAULT_SECRET_BACKEND=file`; move existing secrets with `akvault secrets migrate --to file` while the keychain answers). ' +
        'akvault never stores secrets in plain text.'
      );
  }
}

const LOCKED_HINT = 'Unlock your keyring and retry.';

/** The first line of the backend's message, with `redact` values removed and the length bounded. */
export function sanitizeReason(message: string, redact: readonly string[] = []): string {
  let text = message.split(/\r?\n/, 1)[0] ?? '';
  for (const value of redact) if (value.length > 0) text = text.split(value).join('[redacted]');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function classifyKeychainError(
  e: unknown,
  ctx: { operation: KeychainOperation; service: string; platform?: NodeJS.Platform; redact?: readonly string[] },
): AkvaultError {
  if (e instanceof AkvaultError) return e;
  const platform = ctx.platform ?? process.platform;
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const reason = sanitizeReason(raw, ctx.redact);
  const params = { operation: ctx.operation, service: ctx.service, reason };
  if (ctx.operation === 'load') {
    // The native module itself did not load: no keychain is reachable from this install.
    return new AkvaultError('keychain.unavailable', `The OS keychain module could not be loaded${reason ? ` (${reason})` : ''}.`, {
      params,
      hint:
        platform === 'linux'
          ? 'Install libsecret (Debian/Ubuntu: `apt-get install libsecret-1-0`) and reinstall akvault. akvault never stores secrets in plain text.'
          : 'Reinstall akvault. akvault never stores secrets in plain text.',
      cause: e,
    });
  }
  if (UNAVAILABLE.some((re) => re.test(raw))) {
    return new AkvaultError('keychain.unavailable', `The OS keychain is not available${reason ? ` (${reason})` : ''}.`, {
      params,
      hint: keychainUnavailableHint(platform),
      cause: e,
    });
  }
  if (LOCKED.some((re) => re.test(raw))) {
    return new AkvaultError('keychain.locked', `The OS keychain is locked${reason ? ` (${reason})` : ''}.`, {
      params,
      hint: LOCKED_HINT,
      cause: e,
    });
  }
  return new AkvaultError('keychain.failed', `The OS keychain failed to ${verb(ctx.operation)}${reason ? ` (${reason})` : ''}.`, {
    params,
    hint: 'Retry; if it keeps failing, check your keychain application for errors.',
    cause: e,
  });
}

function verb(op: KeychainOperation): string {
  switch (op) {
    case 'read':
      return 'read a secret';
    case 'write':
      return 'store a secret';
    case 'delete':
      return 'delete a secret';
    case 'list':
      return 'list its items';
    case 'probe':
      return 'answer';
    case 'load':
      return 'load';
  }
}
