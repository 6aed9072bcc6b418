/**
 * A modal dialog on the native <dialog> (top layer, the rest of the page inert), with the keyboard
 * contract spelled out: focus moves into the dialog on open (its first field, or `initialFocus`),
 * Tab and Shift+Tab cycle inside it, Escape closes it (unless `busy`), and focus returns to whatever
 * opened it — or to the main region when that control is gone (a row scrolled out of the list).
 */
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
}

interface ModalProps {
  title: ReactNode;
  /** Short text under the title, read with it (aria-describedby). */
  description?: ReactNode;
  onClose(): void;
  children: ReactNode;
  /** While an operation runs, Escape does not close. */
  busy?: boolean;
  initialFocus?: RefObject<HTMLElement | null>;
  size?: 'small' | 'medium' | 'large';
  testId?: string;
  /** Alert dialogs (confirmations) are announced as such. */
  role?: 'dialog' | 'alertdialog';
}

export function Modal({ title, description, onClose, children, busy = false, initialFocus, size = 'medium', testId, role = 'dialog' }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const opener = useRef<Element | null>(typeof document === 'undefined' ? null : document.activeElement);
  const closeRef = useRef(onClose);
  const busyRef = useRef(busy);
  closeRef.current = onClose;
  busyRef.current = busy;

  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    const first = initialFocus?.current ?? focusables(dialog).find((el) => el.matches('input, select, textarea')) ?? focusables(dialog)[0];
    first?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      if (!busyRef.current) closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    const from = opener.current;
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      // Back to the control that opened the dialog, else to the main region.
      const target = from instanceof HTMLElement && from.isConnected ? from : document.getElementById('main');
      target?.focus();
    };
    // Opening is once per mount; initialFocus is read then.
  }, []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      // Handled here too: some platforms send no `cancel` for a second Escape.
      e.preventDefault();
      if (!busyRef.current) closeRef.current();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = focusables(e.currentTarget);
    if (items.length === 0) return e.preventDefault();
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = document.activeElement;
    if (e.shiftKey && (active === first || !e.currentTarget.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !e.currentTarget.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`modal modal-${size}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      aria-busy={busy || undefined}
      data-testid={testId}
      onKeyDown={onKeyDown}
    >
      <div className="modal-body">
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        {description ? (
          <p id={descId} className="modal-description">
            {description}
          </p>
        ) : null}
        {children}
      </div>
    </dialog>
  );
}
