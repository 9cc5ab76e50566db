import { describe, expect, it } from 'vitest';
import { finishingCategory, finishingEnumValue, finishingKeyword, pickFinishingKeyword } from '@/lib/ipp/finishings';

describe('finishingCategory (PWG 5100.1 finishings enum)', () => {
  it.each([
    [3, 'none'],
    [4, 'staple'],
    [20, 'staple'],
    [23, 'staple'],
    [24, 'staple'],
    [31, 'staple'],
    [35, 'staple'],
    [5, 'punch'],
    [70, 'punch'],
    [83, 'punch'],
    [89, 'punch'],
    [7, 'bind'],
    [50, 'bind'],
    [53, 'bind'],
    [8, 'saddle-stitch'],
    [10, 'fold'],
    [101, 'fold'],
    [11, 'trim'],
    [63, 'trim'],
    [13, 'booklet-maker'],
    [14, 'jog-offset'],
    [0x40000046, 'punch'],
    ['staple-dual-left', 'staple'],
    ['punch-quad-top', 'punch'],
  ])('%s is %s', (value, category) => {
    expect(finishingCategory(value)).toBe(category);
  });

  it.each([0, 17, 40, 65, 102, 'stapled', null, 4.5])('%s is unknown', (value) => {
    expect(finishingCategory(value)).toBeNull();
  });
});

describe('finishing values and keywords', () => {
  it('converts both ways', () => {
    expect(finishingEnumValue('punch-dual-left')).toBe(74);
    expect(finishingEnumValue(0x40000046)).toBe(70);
    expect(finishingKeyword(74)).toBe('punch-dual-left');
    expect(finishingKeyword(17)).toBeNull();
  });
});

describe('pickFinishingKeyword', () => {
  it('prefers the generic value, then a positional variant the printer lists', () => {
    expect(pickFinishingKeyword('staple', ['none', 'staple', 'staple-top-left'])).toBe('staple');
    expect(pickFinishingKeyword('staple', ['none', 'staple-top-left', 'staple-dual-left'])).toBe('staple-top-left');
    expect(pickFinishingKeyword('punch', ['none', 'punch-dual-left'])).toBe('punch-dual-left');
    expect(pickFinishingKeyword('bind', ['none'])).toBe('bind');
  });
});
