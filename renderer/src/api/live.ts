import { useEffect, useRef, useState } from 'react';
import type { LiveEvent, LiveTopic } from '../../../shared/live/events';
import { RESYNC } from '../../../shared/live/events';

/**
 * Live changes from the host (issue 13): an EventSource on /events, resumed by the browser with Last-Event-ID after a
 * drop, so no change is missed or shown twice. Screens subscribe to the topics they show and reload themselves; a
 * notice (a draft submitted to me…) is shown to the person concerned. The desktop window on this computer alone has
 * one user and no stream.
 */
const LIVE = 'vanphong:live';
let source: EventSource | null = null;

export function startLive(): void {
  if (source || window.vanphong || typeof EventSource === 'undefined') return;
  source = new EventSource('/events');
  source.onmessage = (m) => {
    window.dispatchEvent(new CustomEvent<LiveEvent>(LIVE, { detail: JSON.parse(m.data) as LiveEvent }));
  };
  source.addEventListener(RESYNC, () => window.dispatchEvent(new CustomEvent(LIVE, { detail: null })));
  source.onopen = () => window.dispatchEvent(new Event('vanphong:online'));
  source.onerror = () => {
    if (source?.readyState === EventSource.CLOSED) {
      // Refused (logged out): stop; the next login starts it again.
      source = null;
    } else window.dispatchEvent(new Event('vanphong:offline'));
  };
}

export function stopLive(): void {
  source?.close();
  source = null;
}

/** Calls `fn` when something of these topics changes (or everything must be reloaded after a long absence). */
export function useLive(topics: LiveTopic[], fn: (e: LiveEvent | null) => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  const key = topics.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    const on = (e: Event) => {
      const ev = (e as CustomEvent<LiveEvent | null>).detail;
      if (!ev || wanted.has(ev.topic)) ref.current(ev);
    };
    window.addEventListener(LIVE, on);
    return () => window.removeEventListener(LIVE, on);
  }, [key]);
}

/** Notices for me, as they arrive. */
export function useNotices(fn: (notice: NonNullable<LiveEvent['notice']>, e: LiveEvent) => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const on = (e: Event) => {
      const ev = (e as CustomEvent<LiveEvent | null>).detail;
      if (ev?.notice) ref.current(ev.notice, ev);
    };
    window.addEventListener(LIVE, on);
    return () => window.removeEventListener(LIVE, on);
  }, []);
}

/** false while the host cannot be reached (a call failed, or the live stream dropped and is retrying). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('vanphong:online', up);
    window.addEventListener('vanphong:offline', down);
    return () => {
      window.removeEventListener('vanphong:online', up);
      window.removeEventListener('vanphong:offline', down);
    };
  }, []);
  return online;
}
