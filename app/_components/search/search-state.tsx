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
};

const SearchStateContext = createContext<TSearchState | null>(null);

/**
 * Holds the search being edited and turns every change into a URL (router.push, so Back
 * undoes it). The URL is the truth: when it changes by other means (Back, Forward, a link),
 * the form follows it; when it changes because of our own push, typing in progress is kept.
 */
export function SearchStateProvider({ initialDraft, urlKey, children }: { initialDraft: TSearchDraft; urlKey: string; children: ReactNode }) {
  const router = useRouter();
  const [draft, setDraft] = useState(initialDraft);
  const draftRef = useRef(initialDraft);
  const [isPending, startTransition] = useTransition();
  const lastPushed = useRef(urlKey);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (urlKey !== lastPushed.current) {
      lastPushed.current = urlKey;
      draftRef.current = initialDraft;
      setDraft(initialDraft);
    }
  }, [urlKey, initialDraft]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const update = useCallback(
    (patch: Partial<TSearchDraft>, options: { isTyping?: boolean } = {}) => {
      const next = { ...draftRef.current, ...patch };
      draftRef.current = next;
      setDraft(next);
      const push = () => {
        const query = draftToQuery(next).toString();
        if (query === lastPushed.current) return;
        lastPushed.current = query;
        startTransition(() => router.push(query ? `/?${query}` : '/', { scroll: false }));
      };
      clearTimeout(timer.current);
      if (options.isTyping) timer.current = setTimeout(push, TYPING_DELAY_MS);
      else push();
    },
    [router],
  );

  const value = useMemo(() => ({ draft, update, isPending }), [draft, update, isPending]);
  return <SearchStateContext.Provider value={value}>{children}</SearchStateContext.Provider>;
}

export function useSearchState(): TSearchState {
  const state = useContext(SearchStateContext);
  if (!state) throw new Error('useSearchState must be used inside SearchStateProvider');
  return state;
}
