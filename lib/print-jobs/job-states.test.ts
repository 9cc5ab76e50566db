import { describe, expect, it } from 'vitest';
import { printJobState } from '@/db/schema/index';
import { ACTIVE_JOB_STATES, canTransition, FINAL_JOB_STATES, JOB_TRANSITIONS, jobStateLabel } from './job-states';

describe('the print job state machine', () => {
  it('covers every state, and final states are never left', () => {
    expect([...ACTIVE_JOB_STATES, ...FINAL_JOB_STATES].sort()).toEqual([...printJobState.enumValues].sort());
    for (const state of FINAL_JOB_STATES) expect(JOB_TRANSITIONS.filter((t) => t.from === state)).toEqual([]);
    for (const state of ACTIVE_JOB_STATES) expect(JOB_TRANSITIONS.some((t) => t.from === state)).toBe(true);
  });

  it('lets each actor make only its own moves', () => {
    expect(canTransition('awaiting_acceptance', 'queued', 'shop')).toBe(true);
    expect(canTransition('awaiting_acceptance', 'queued', 'converter')).toBe(false);
    expect(canTransition('queued', 'converting', 'converter')).toBe(true);
    expect(canTransition('queued', 'sending', 'dispatcher')).toBe(true);
    expect(canTransition('sending', 'printing', 'dispatcher')).toBe(true);
    expect(canTransition('printing', 'printed', 'dispatcher')).toBe(true);
    expect(canTransition('queued', 'printed')).toBe(false);
    expect(canTransition('printed', 'queued')).toBe(false);
    expect(canTransition('converting', 'sending')).toBe(false);
  });

  it('labels what `queued` hides', () => {
    const base = { state: 'queued' as const, convertedAt: null, waitingSince: null, outcomeUnknownAt: null };
    expect(jobStateLabel(base)).toBe('Queued');
    expect(jobStateLabel({ ...base, convertedAt: new Date() })).toBe('Next on its printer');
    expect(jobStateLabel({ ...base, waitingSince: new Date() })).toBe('Waiting for a printer');
    expect(jobStateLabel({ ...base, state: 'printing', outcomeUnknownAt: new Date() })).toBe('Check the printer');
  });
});
