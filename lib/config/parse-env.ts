import { z } from 'zod';

/** Variables by name, as the process environment holds them (tests pass their own). */
export type TEnvSource = Record<string, string | undefined>;

/**
 * The process environment. The one place Nearprint reads `process.env`; every setting is
 * parsed from it by a schema in lib/config (a test keeps it so).
 */
export function processEnv(): TEnvSource {
  return process.env;
}

/** A setting is missing or malformed; the message names each variable and what is wrong. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid Nearprint configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** "VARIABLE: what is wrong", one per issue. Schemas are keyed by variable name, so the path names it. */
export function envProblems(schema: z.ZodType, source: TEnvSource): string[] {
  const parsed = schema.safeParse(source);
  return parsed.success ? [] : describeIssues(parsed.error);
}

/** Parses the variables a schema describes, or throws a ConfigError naming each bad one. */
export function parseEnv<TSchema extends z.ZodType>(schema: TSchema, source: TEnvSource): z.output<TSchema> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error));
  return parsed.data;
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
}

/**
 * Shells and container files often set a variable to "" to unset it: with this, "" counts as
 * not set, so the default applies (or the variable is reported missing).
 */
export const emptyIsUnset = <TSchema extends z.ZodType>(schema: TSchema) => z.preprocess((value) => (value === '' ? undefined : value), schema);
