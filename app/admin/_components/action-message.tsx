import type { TActionState } from '@/app/_lib/action';
import { Alert } from '@/app/_components/ui';

/** What the last submit of an admin form did: the error, or what changed. */
export function ActionMessage({ state }: { state: TActionState }) {
  if (state.error) return <Alert>{state.error}</Alert>;
  if (state.success) return <Alert tone="good">{state.success}</Alert>;
  return null;
}
