/**
 * Where `akvault serve --ui` asks for an MFA passcode: in the browser UI's dialog while a page is
 * connected (someone is looking at it), else where `serve` alone would ask (its terminal). Installed
 * with SessionBroker.wrapMfaPrompt, since the broker got the terminal prompt before the UI existed.
 */
import type { MfaPrompt } from '../core/sessions/broker';

export interface PagePrompt {
  prompt: MfaPrompt;
  /** True while at least one page listens for events. */
  connected(): boolean;
}

export function pageFirst(page: PagePrompt, otherwise: MfaPrompt | undefined): MfaPrompt {
  return (req) => {
    if (page.connected()) return page.prompt(req);
    return otherwise ? otherwise(req) : Promise.resolve(null);
  };
}
