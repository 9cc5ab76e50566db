'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * The header's links and account controls: in a row on wider screens; on a phone behind a
 * "Menu" button, so the header is one line and the page starts at once. Closes on navigation.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  const pathname = usePathname();
  const [openedAt, setOpenedAt] = useState(pathname);
  if (openedAt !== pathname) {
    setOpenedAt(pathname);
    setIsOpen(false);
  }
  useEffect(() => {
    if (!isOpen) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setIsOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isOpen]);
  return (
    <>
      <button
        type="button"
        className="ml-auto rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 md:hidden"
        aria-expanded={isOpen}
        aria-controls="header-menu"
        onClick={() => setIsOpen((open) => !open)}
      >
        {isOpen ? 'Close' : 'Menu'}
      </button>
      <div id="header-menu" className={`${isOpen ? 'flex' : 'hidden'} w-full flex-col gap-2 md:flex md:w-auto md:flex-1 md:flex-row md:items-center md:gap-6`}>
        {children}
      </div>
    </>
  );
}
