import type { TActionState } from '@/app/_lib/action';
import { Alert } from '@/app/_components/ui';

/** The banner above a form: what failed, or that it saved. */
export function FormMessage({ state }: { state: TActionState }) {
  if (state.error) return <Alert>{state.error}</Alert>;
  if (state.success) return <Alert tone="good">{state.success}</Alert>;
  return null;
}
