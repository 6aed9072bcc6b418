/**
 * The profiles last used from the tray, most recent first. Past MAX_INLINE_PROFILES the menu lists
 * only a short list inline; these keep their place on it. Memory only: a restart starts afresh.
 */
export const MAX_RECENT = 10;

export function noteRecent(recent: readonly string[], profile: string, max = MAX_RECENT): string[] {
  return [profile, ...recent.filter((x) => x !== profile)].slice(0, max);
}
