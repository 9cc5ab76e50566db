import { describe, expect, it } from 'vitest';
import { childPrlimitArgs, exitError } from './process-pool';

describe('childPrlimitArgs', () => {
  it('limits written memory (not address space), CPU seconds with a SIGKILL a second later, open files, and no core files', () => {
    expect(childPrlimitArgs({ memoryBytes: 2 * 1024 ** 3, cpuSeconds: 600, openFiles: 256, heapLimitMb: 1536 })).toEqual(['--data=2147483648', '--cpu=600:601', '--nofile=256', '--core=0']);
  });
});

describe('exitError', () => {
  it('names the limit a child died of', () => {
    expect(exitError(null, 'SIGXCPU').reason).toBe('cpu_limit');
    expect(exitError(75, null).reason).toBe('out_of_memory');
    expect(exitError(null, 'SIGABRT', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory').reason).toBe('out_of_memory');
    expect(exitError(134, null, '# Fatal process out of memory: Zone').reason).toBe('out_of_memory');
  });

  it('calls anything else a crash', () => {
    expect(exitError(null, 'SIGSEGV').reason).toBe('crashed');
    expect(exitError(1, null, 'TypeError: x is undefined').reason).toBe('crashed');
  });
});
