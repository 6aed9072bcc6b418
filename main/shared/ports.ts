/**
 * What the view state needs from its host but must not build itself, so it stays free of Electron and
 * of any one front end: the Electron app injects its clipboard guard, its allowlisted link opener and
 * its helper runner; the browser bridge of `akvault serve --ui` injects its own.
 */
import type { HelperStatusView, LocaleView } from '../../preload/contract';
import type { ShellFormat } from '../core/handoff';
import type { ConsoleLogin, ConsoleLoginOptions, TemporaryCredentials } from '../core/iam/types';
import type { Settings } from '../core/settings';
import type { DoctorReport } from '../core/doctor';

/**
 * Puts a secret on the clipboard and takes it off again later; never keeps the value. The desktop
 * app's guard writes the system clipboard and answers without the text. The browser UI has no
 * clipboard on this side: its port answers with `text`, the contract's one documented exception, for
 * the page to write (see CopyResultSchema in preload/contract.ts).
 */
export interface SecretClipboard {
  copySecret(text: string): Promise<{ clearsInSeconds: number; text?: string }>;
}

/** Opens a web page in the user's browser (after the host's own allowlist check). */
export type OpenExternal = (url: string) => Promise<void>;

export interface HelperStatusSource {
  status(): HelperStatusView;
}

export interface LocaleSource {
  current(): LocaleView;
}

/** The one IAM call the console link needs (injectable so tests never reach a network). */
export type ConsoleLoginClient = (iamEndpoint: string | undefined) => {
  consoleLoginUrl(keys: TemporaryCredentials, opts: ConsoleLoginOptions): Promise<ConsoleLogin>;
};

export interface ViewPorts {
  clipboard: SecretClipboard;
  openExternal: OpenExternal;
  helper: HelperStatusSource;
  locale: LocaleSource;
  /** Side effects of a settings change (helper on/off, launch at login, language). */
  onSettingsChanged?(next: Settings, previous: Settings): void | Promise<void>;
  /** How "Copy KooCLI arguments" quotes: PowerShell on Windows, POSIX elsewhere. */
  koocliShell?: ShellFormat;
  consoleLogin?: ConsoleLoginClient;
  /** Runs `akvault doctor`'s checks as this host (its fetch, its versions); see main/core/doctor/for-host.ts. */
  diagnostics?: () => Promise<DoctorReport>;
}
