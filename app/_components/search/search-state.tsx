'use client';

import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from 'react';
import { draftToQuery, type TSearchDraft } from './search-draft';

/** How long typing in a number field waits before searching, so each keystroke is not a search. */
const TYPING_DELAY_MS = 450;

type TSearchState = {
  draft: TSearchDraft;
  /** Changes the search. Typed fields pass `{ isTyping: true }` and search after a pause; the rest search at once. */
  update: (patch: Partial<TSearchDraft>, options?: { isTyping?: boolean }) => void;
  /** True from a change until the new results are on screen. */
  isPending: boolean;
  /**
   * The results on screen were found for exactly the search in the form: no change is waiting
   * to be sent or on its way. Links that carry the job (Choose this shop) work only then.
   */
  isCurrent: boolean;
};

const SearchStateContext = createContext<TSearchState | null>(null);

/**
 * Holds the search being edited and turns every change into a URL (router.push, so Back
 * undoes it). The URL is the truth: when it changes by other means (Back, Forward, a link),
 * the form follows it. A URL that one of our own pushes produced never resets the form, even
 * when it is an older push landing while a newer one is on its way: that would put a stale
 * job back in the form, and the next change would push it.
 */
export function SearchStateProvider({ initialDraft, urlKey, children }: { initialDraft: TSearchDraft; urlKey: string; children: ReactNode }) {
  const router = useRouter();
  const [draft, setDraft] = useState(initialDraft);
  const draftRef = useRef(initialDraft);
  const [isPending, startTransition] = useTransition();
  /** The last query we pushed or followed. */
  const lastPushed = useRef(urlKey);
  /** Our pushes whose page has not arrived yet, oldest first. */
  const inFlight = useRef<string[]>([]);
  const shownKey = useRef(urlKey);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [isTypingPending, setTypingPending] = useState(false);

  useEffect(() => {
    if (urlKey === shownKey.current) return;
    shownKey.current = urlKey;
    const ours = inFlight.current.indexOf(urlKey);
    if (ours >= 0) {
      inFlight.current = inFlight.current.slice(ours + 1);
      return;
    }
    inFlight.current = [];
    lastPushed.current = urlKey;
    draftRef.current = initialDraft;
    setDraft(initialDraft);
  }, [urlKey, initialDraft]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const update = useCallback(
    (patch: Partial<TSearchDraft>, options: { isTyping?: boolean } = {}) => {
      const next = { ...draftRef.current, ...patch };
      draftRef.current = next;
      setDraft(next);
      const push = () => {
        setTypingPending(false);
        const query = draftToQuery(next).toString();
        if (query === lastPushed.current) return;
        lastPushed.current = query;
        inFlight.current.push(query);
        startTransition(() => router.push(query ? `/?${query}` : '/', { scroll: false }));
      };
      clearTimeout(timer.current);
      if (options.isTyping) {
        setTypingPending(true);
        timer.current = setTimeout(push, TYPING_DELAY_MS);
      } else push();
    },
    [router],
  );

  const isCurrent = !isPending && !isTypingPending && draftToQuery(draft).toString() === urlKey;
  const value = useMemo(() => ({ draft, update, isPending: isPending || isTypingPending, isCurrent }), [draft, update, isPending, isTypingPending, isCurrent]);
  return <SearchStateContext.Provider value={value}>{children}</SearchStateContext.Provider>;
}

export function useSearchState(): TSearchState {
  const state = useContext(SearchStateContext);
  if (!state) throw new Error('useSearchState must be used inside SearchStateProvider');
  return state;
}
