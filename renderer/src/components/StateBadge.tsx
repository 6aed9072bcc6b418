/** A session state as a word with a colour and a shape (never colour alone). */
import type { DisplayState } from '../lib/profiles';
import { STATE_KEYS } from '../i18n/labels';
import { useT } from '../i18n/useT';

const SHAPES: Record<DisplayState, string> = { idle: '○', active: '●', refreshing: '◐', failing: '▲', expired: '✕' };

export function StateBadge({ state }: { state: DisplayState }) {
  const tr = useT();
  return (
    <span className={`state state-${state}`} data-state={state}>
      <span aria-hidden="true">{SHAPES[state]} </span>
      {tr.t(STATE_KEYS[state])}
    </span>
  );
}
