import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App } from 'antd';
import { useAuth } from '../auth/AuthGate';

/**
 * Unsaved input is never lost without asking (issue 15).
 *
 * `useUnsavedGuard` guards one form. While the form is `open` (a page form: always) and `dirty`:
 * - closing it through `requestClose()` (wire the Drawer's `onClose` / the Modal's `onCancel`: Esc, the ×, a click on
 *   the mask, and the form's own "Hủy bỏ") asks «Bỏ những gì đã nhập?» — «Tiếp tục nhập» keeps everything, «Bỏ» closes;
 * - leaving the screen (any change of the #/ address: menu, back button, a link) asks the same, and stays put unless
 *   the user chooses «Bỏ»;
 * - closing or reloading the window asks through the browser's own prompt.
 * Meanwhile `values()` is saved as a draft in localStorage, per form `key` and per account, about once a second and
 * when the page goes away. When the form opens again (or the page is reloaded) with a draft left, the hook asks
 * «Khôi phục bản nháp chưa lưu?» and hands the draft to `restore`.
 *
 * The caller keeps `dirty` true while there is input worth keeping, and sets it false after a successful save (the
 * draft is then forgotten); `clear()` forgets the draft at once. `values()` must return JSON-safe data (dates as
 * strings, no File objects).
 *
 * @example
 * const [dirty, setDirty] = useState(false);
 * const guard = useUnsavedGuard({ key: 'incoming.register', open, dirty, values: () => toDraft(form.getFieldsValue(true)),
 *   restore: (d) => (form.setFieldsValue(fromDraft(d)), setDirty(true)), onClose });
 * <Drawer open={open} {...guard.drawerProps}> … <Form onValuesChange={() => setDirty(true)}> … (a Modal: {...guard.modalProps})
 * after saving: guard.clear(); setDirty(false); onClose();
 */
export interface UnsavedGuardOptions<T> {
  /** Names the form, e.g. 'incoming.register': the draft is kept per key and per account. */
  key: string;
  /** Whether the form holds input not saved yet. */
  dirty: boolean;
  /** The form's input as JSON-safe data, for the draft. */
  values(): T;
  /** Puts a draft back into the form (the user chose «Khôi phục»). */
  restore(draft: T): void;
  /** For a Drawer or Modal: whether it is open. A page form leaves it out (always open). */
  open?: boolean;
  /** Closes the Drawer or Modal, called once the user agreed (or nothing was typed). */
  onClose?(): void;
  /**
   * False: the prompts still protect the input, but nothing is written to the browser's storage — for a form holding
   * a secret document (độ mật), whose text must not be left on a networked machine. Default true.
   */
  persist?: boolean;
  /**
   * Whether a change of the #/ address to `hash` takes the user away from this form. Default: any change does. A form
   * that stays mounted on its whole screen (a drawer over a register, whose rows are #/incoming/N) passes a test of
   * the screen, so that closing a row's drawer or the app's own shortcuts moving within the screen ask nothing.
   */
  leaves?(hash: string): boolean;
}

export interface UnsavedGuard {
  /** Closes through the guard: asks first when there is unsaved input, then calls `close` (default: `onClose`). */
  requestClose(close?: () => void): void;
  /** Forgets the draft now (after a successful save). */
  clear(): void;
  /** Spread on an antd Drawer: its Esc, × and mask click close through the guard. */
  drawerProps: { onClose(): void };
  /** Spread on an antd Modal: its Esc, × and mask click (and the Cancel button) close through the guard. */
  modalProps: { onCancel(): void };
}

interface StoredDraft {
  savedAt: string;
  values: unknown;
}

/**
 * The forms guarding the #/ address now. One listener, added when this module loads (before the router adds its
 * own when the app mounts), so it runs first: a guard that takes the event stops it before the router sees it (the
 * router's update would otherwise unmount the form within the same event).
 */
const hashGuards = new Set<(e: HashChangeEvent) => boolean>();
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', (e) => {
    for (const g of hashGuards) {
      if (g(e)) {
        e.stopImmediatePropagation();
        return;
      }
    }
  });
}

const storageKey = (key: string, userId: number) => `vanphong.draft.${userId}.${key}`;

function readDraft(k: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(k);
    const d = raw ? (JSON.parse(raw) as StoredDraft) : null;
    return d && typeof d.savedAt === 'string' && 'values' in d ? d : null;
  } catch {
    return null;
  }
}

function writeDraft(k: string, values: unknown): string | null {
  try {
    const json = JSON.stringify(values);
    localStorage.setItem(k, JSON.stringify({ savedAt: new Date().toISOString(), values: JSON.parse(json) as unknown }));
    return json;
  } catch {
    return null; // storage full or values not serialisable: the prompts still protect the input
  }
}

const removeDraft = (k: string) => {
  try {
    localStorage.removeItem(k);
  } catch {
    // storage unavailable: nothing kept, nothing to remove
  }
};

/** Forgets every form draft kept in this browser (an explicit logout: the next person at this machine sees none). */
export function forgetUnsavedDrafts(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith('vanphong.draft.')) localStorage.removeItem(key);
  } catch {
    // storage unavailable: nothing was kept
  }
}

/** Whether the logged-in account has a draft of this form left from before (e.g. to reopen the form after a reload). */
export function useHasUnsavedDraft(key: string): boolean {
  const { me } = useAuth();
  const [has] = useState(() => readDraft(storageKey(key, me.id)) !== null);
  return has;
}

const timeOf = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });

export function useUnsavedGuard<T>(opts: UnsavedGuardOptions<T>): UnsavedGuard {
  const { modal: modalApi } = App.useApp();
  const modal = useRef(modalApi);
  modal.current = modalApi;
  const { me } = useAuth();
  const k = storageKey(opts.key, me.id);
  const active = opts.open ?? true;
  const live = useRef(opts);
  live.current = opts;
  const asking = useRef(false);
  const discarded = useRef(false);
  const lastWritten = useRef<string | null>(null);
  const bypass = useRef<string | null>(null);

  const guarding = active && opts.dirty && !discarded.current;
  const guardingRef = useRef(guarding);
  guardingRef.current = guarding;

  const save = useCallback(() => {
    if (!guardingRef.current) return;
    if (live.current.persist === false) {
      lastWritten.current = null;
      removeDraft(k);
      return;
    }
    let json: string;
    try {
      json = JSON.stringify(live.current.values());
    } catch {
      return;
    }
    if (json === lastWritten.current) return;
    lastWritten.current = writeDraft(k, JSON.parse(json));
  }, [k]);

  const clear = useCallback(() => {
    discarded.current = true;
    guardingRef.current = false;
    lastWritten.current = null;
    removeDraft(k);
  }, [k]);

  /** Asks «Bỏ những gì đã nhập?»; runs `discard` only on «Bỏ». One question at a time. */
  const ask = useCallback(
    (discard: () => void) => {
      if (asking.current) return;
      asking.current = true;
      modal.current.confirm({
        title: 'Bỏ những gì đã nhập?',
        content: 'Những gì bạn đã nhập vào biểu mẫu này chưa được lưu. Bỏ đi thì không lấy lại được.',
        okText: 'Bỏ',
        okButtonProps: { danger: true },
        cancelText: 'Tiếp tục nhập',
        autoFocusButton: 'cancel',
        onOk: () => {
          asking.current = false;
          clear();
          discard();
        },
        onCancel: () => {
          asking.current = false;
        },
      });
    },
    [clear],
  );

  const requestClose = useCallback(
    (close?: () => void) => {
      const run = close ?? live.current.onClose ?? (() => undefined);
      if (!guardingRef.current) {
        if (!asking.current) run();
        return;
      }
      ask(run);
    },
    [ask],
  );

  // A new edit after a save or «Bỏ» is guarded again; a save (dirty → false) forgets the draft.
  const wasDirty = useRef(opts.dirty);
  useEffect(() => {
    if (opts.dirty && !wasDirty.current) discarded.current = false;
    if (!opts.dirty && wasDirty.current) {
      lastWritten.current = null;
      removeDraft(k);
    }
    wasDirty.current = opts.dirty;
  }, [opts.dirty, k]);

  // Offer the draft left from before, each time the form opens.
  useEffect(() => {
    if (!active) return;
    discarded.current = false;
    const d = readDraft(k);
    if (!d || asking.current) return;
    asking.current = true;
    modal.current.confirm({
      title: 'Khôi phục bản nháp chưa lưu?',
      content: `Lúc ${timeOf(d.savedAt)} bạn đang nhập dở biểu mẫu này và chưa lưu.`,
      okText: 'Khôi phục',
      cancelText: 'Bỏ bản nháp',
      // Only the buttons answer: Esc or a stray click must not throw the draft away.
      keyboard: false,
      maskClosable: false,
      onOk: () => {
        asking.current = false;
        live.current.restore(d.values as T);
      },
      onCancel: () => {
        asking.current = false;
        removeDraft(k);
      },
    });
  }, [active, k]);

  // The draft, about once a second while there is input, and when the page goes away.
  useEffect(() => {
    if (!guarding) return;
    const t = window.setInterval(save, 1000);
    const flush = () => save();
    const onUnload = (e: BeforeUnloadEvent) => {
      save();
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onUnload);
    document.addEventListener('visibilitychange', flush);
    return () => {
      save();
      window.clearInterval(t);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onUnload);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [guarding, save]);

  // Leaving the screen: the address is put back and the user asked (see hashGuards).
  useEffect(() => {
    if (!guarding) return;
    const guard = (e: HashChangeEvent): boolean => {
      const target = new URL(e.newURL).hash;
      if (bypass.current === target) {
        bypass.current = null;
        return false;
      }
      if (!guardingRef.current) return false;
      if (live.current.leaves && !live.current.leaves(target)) return false;
      history.replaceState(history.state, '', e.oldURL);
      ask(() => {
        live.current.onClose?.();
        bypass.current = target;
        location.hash = target;
      });
      return true;
    };
    hashGuards.add(guard);
    return () => void hashGuards.delete(guard);
  }, [guarding, ask]);

  return useMemo(
    () => ({ requestClose, clear, drawerProps: { onClose: () => requestClose() }, modalProps: { onCancel: () => requestClose() } }),
    [requestClose, clear],
  );
}
