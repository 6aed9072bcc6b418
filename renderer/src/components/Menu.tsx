/**
 * A menu button (WAI-ARIA menu pattern): Enter, Space or ArrowDown opens it on the first item,
 * ArrowUp on the last; arrows, Home and End move; Escape closes and returns focus to the button;
 * Tab closes. The popup is positioned next to the button (fixed, so a scrolling list cannot clip it).
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface MenuItem {
  id: string;
  label: ReactNode;
  onSelect(): void;
  disabled?: boolean;
}

interface MenuProps {
  label: ReactNode;
  /** The button's accessible name when `label` alone is not enough ("Copy … for prod-admin"). */
  ariaLabel?: string;
  items: readonly MenuItem[];
  className?: string;
  testId?: string;
}

export function Menu({ label, ariaLabel, items, className, testId }: MenuProps) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const focusOnOpen = useRef<'first' | 'last'>('first');
  const id = useId();

  const itemsEls = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];

  const close = (returnFocus: boolean) => {
    setOpen(false);
    setPosition(null);
    if (returnFocus) button.current?.focus();
  };

  useLayoutEffect(() => {
    if (!open) return;
    const r = button.current!.getBoundingClientRect();
    const width = list.current?.offsetWidth ?? 200;
    const height = list.current?.offsetHeight ?? 200;
    const left = Math.max(4, Math.min(r.left, window.innerWidth - width - 4));
    const below = r.bottom + 4;
    const top = below + height > window.innerHeight && r.top - height - 4 > 0 ? r.top - height - 4 : below;
    setPosition({ top, left });
  }, [open]);

  // Focus moves in once the popup is placed (a hidden element cannot take focus).
  useEffect(() => {
    if (!open || !position) return;
    const els = itemsEls();
    (focusOnOpen.current === 'last' ? els[els.length - 1] : els[0])?.focus();
  }, [open, position]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) close(false);
    };
    const onScroll = (e: Event) => {
      if (!list.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', onPointer);
    window.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', onScroll);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', onScroll);
    };
  }, [open]);

  const onButtonKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusOnOpen.current = e.key === 'ArrowUp' ? 'last' : 'first';
      setOpen(true);
    }
  };

  const onListKey = (e: React.KeyboardEvent) => {
    const els = itemsEls();
    const at = els.indexOf(document.activeElement as HTMLButtonElement);
    const move = (i: number) => els[(i + els.length) % els.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        return move(at + 1);
      case 'ArrowUp':
        e.preventDefault();
        return move(at - 1);
      case 'Home':
        e.preventDefault();
        return move(0);
      case 'End':
        e.preventDefault();
        return move(els.length - 1);
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        return close(true);
      case 'Tab':
        return close(false);
    }
  };

  return (
    <div className={`menu ${className ?? ''}`}>
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={ariaLabel}
        data-testid={testId}
        onClick={() => {
          focusOnOpen.current = 'first';
          if (open) close(false);
          else setOpen(true);
        }}
        onKeyDown={onButtonKey}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <ul
          ref={list}
          id={id}
          role="menu"
          className="menu-popup"
          style={position ? { top: position.top, left: position.left } : { visibility: 'hidden' }}
          onKeyDown={onListKey}
        >
          {items.map((item) => (
            <li key={item.id} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                disabled={item.disabled}
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
