const STEPS = [
  { key: 'profile', label: 'Shop details' },
  { key: 'hours', label: 'Opening hours' },
  { key: 'prices', label: 'Prices' },
  { key: 'printers', label: 'Printers' },
] as const;

/** Where a new shop owner is in the four onboarding steps. */
export function OnboardingSteps({ current }: { current: (typeof STEPS)[number]['key'] }) {
  const index = STEPS.findIndex((s) => s.key === current);
  return (
    <ol className="mb-6 flex flex-wrap gap-2 text-sm" aria-label="Onboarding steps">
      {STEPS.map((step, i) => (
        <li
          key={step.key}
          aria-current={i === index ? 'step' : undefined}
          className={`rounded-full px-3 py-1 ${i < index ? 'bg-emerald-100 text-emerald-800' : i === index ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-600'}`}
        >
          {i + 1}. {step.label}
        </li>
      ))}
    </ol>
  );
}
