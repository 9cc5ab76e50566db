import type { TIppAttributes } from '@/lib/ipp/ipp-codec';

/**
 * Readers for attribute values as the `ipp` package decodes them: one value is a
 * scalar, several are an array; a rangeOfInteger is `[lower, upper]` and a resolution
 * `[x, y, 'dpi' | 'dpcm']`, so a single range looks like two integers and each reader
 * has to know the syntax it expects. text/nameWithLanguage come as `lang\u001etext`.
 */

const LANGUAGE_SEPARATOR = '\u001e';

function valuesOf(attributes: TIppAttributes, name: string): unknown[] {
  const value = attributes[name];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function withoutLanguage(value: string): string {
  const at = value.indexOf(LANGUAGE_SEPARATOR);
  return at === -1 ? value : value.slice(at + 1);
}

export function getStrings(attributes: TIppAttributes, name: string): string[] {
  return valuesOf(attributes, name)
    .filter((value): value is string => typeof value === 'string')
    .map(withoutLanguage);
}

export function getString(attributes: TIppAttributes, name: string): string | null {
  return getStrings(attributes, name)[0] ?? null;
}

export function getIntegers(attributes: TIppAttributes, name: string): number[] {
  return valuesOf(attributes, name).filter((value): value is number => Number.isInteger(value));
}

export function getInteger(attributes: TIppAttributes, name: string): number | null {
  return getIntegers(attributes, name)[0] ?? null;
}

export function getBoolean(attributes: TIppAttributes, name: string): boolean | null {
  const value = attributes[name];
  return typeof value === 'boolean' ? value : null;
}

/** Enum values: the package names the ones it knows (`'processing'`) and leaves others as numbers. */
export function getEnums(attributes: TIppAttributes, name: string): (number | string)[] {
  return valuesOf(attributes, name).filter((value): value is number | string => typeof value === 'number' || typeof value === 'string');
}

function isPair(value: unknown): value is [number, number, ...unknown[]] {
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number';
}

function tuplesOf(attributes: TIppAttributes, name: string): unknown[] {
  const value = attributes[name];
  if (isPair(value)) return [value];
  return Array.isArray(value) ? value : [];
}

export function getRanges(attributes: TIppAttributes, name: string): [number, number][] {
  return tuplesOf(attributes, name)
    .filter(isPair)
    .map(([lower, upper]) => [lower, upper]);
}

export type TResolution = { x: number; y: number; unit: 'dpi' | 'dpcm' };

export function getResolutions(attributes: TIppAttributes, name: string): TResolution[] {
  return tuplesOf(attributes, name)
    .filter(isPair)
    .map(([x, y, unit]) => ({ x, y, unit: unit === 'dpcm' ? 'dpcm' : 'dpi' }));
}

export function getCollections(attributes: TIppAttributes, name: string): TIppAttributes[] {
  return valuesOf(attributes, name).filter((value): value is TIppAttributes => typeof value === 'object' && value !== null && !Array.isArray(value));
}
