import Link from 'next/link';
import type { ComponentProps, ReactNode } from 'react';

type TTone = 'primary' | 'secondary' | 'danger' | 'ghost';

const BUTTON_TONES: Record<TTone, string> = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-500/60',
  secondary: 'bg-white text-slate-800 border border-slate-300 hover:bg-slate-50 disabled:text-slate-400',
  danger: 'bg-red-600 text-white hover:bg-red-700 disabled:bg-red-400',
  ghost: 'text-slate-700 hover:bg-slate-100',
};

export function buttonClass(tone: TTone = 'primary', extra = ''): string {
  return `inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium shadow-sm transition disabled:cursor-not-allowed ${BUTTON_TONES[tone]} ${extra}`;
}

export function Button({ tone = 'primary', className = '', ...props }: ComponentProps<'button'> & { tone?: TTone }) {
  return <button {...props} className={buttonClass(tone, className)} />;
}

export function LinkButton({ tone = 'primary', className = '', ...props }: ComponentProps<typeof Link> & { tone?: TTone }) {
  return <Link {...props} className={buttonClass(tone, className)} />;
}

export function Card({ className = '', children, ...props }: ComponentProps<'section'>) {
  return (
    <section {...props} className={`rounded-xl border border-slate-200 bg-white p-5 shadow-sm ${className}`}>
      {children}
    </section>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

const BADGE_TONES = {
  neutral: 'bg-slate-100 text-slate-700',
  good: 'bg-emerald-100 text-emerald-800',
  warn: 'bg-amber-100 text-amber-800',
  bad: 'bg-red-100 text-red-800',
  info: 'bg-brand-100 text-brand-700',
} as const;

export function Badge({ tone = 'neutral', children, title }: { tone?: keyof typeof BADGE_TONES; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${BADGE_TONES[tone]}`}>
      {children}
    </span>
  );
}

export function Alert({ tone = 'bad', children }: { tone?: 'bad' | 'good' | 'info' | 'warn'; children: ReactNode }) {
  const tones = {
    bad: 'border-red-200 bg-red-50 text-red-800',
    good: 'border-emerald-200 bg-emerald-50 text-emerald-800',
    info: 'border-brand-100 bg-brand-50 text-brand-700',
    warn: 'border-amber-200 bg-amber-50 text-amber-900',
  };
  return (
    <div role={tone === 'bad' ? 'alert' : 'status'} className={`rounded-md border px-4 py-3 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-2 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}
