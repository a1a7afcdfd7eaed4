/**
 * Validators for wire messages: one function per message type, so decoding a message costs
 * one map lookup and one straight-line function, never a trial of every message schema.
 *
 * The functions are ajv's standalone code, generated at build time from the TypeBox schemas
 * (scripts/protocol-validators.ts writes generated/validators.ts): nothing compiles code at
 * run time, so a browser bundle carries neither ajv nor a need for `unsafe-eval`. This module
 * turns the first error such a function reports into a path and a reason.
 */
import { escapePointerToken } from './json-pointer.ts';
import { findTooDeep, MAX_NESTING_DEPTH } from './value-depth.ts';

/** Why a message does not match its schema: where (a JSON Pointer) and what, in a sentence. */
export interface SchemaViolation {
  /** JSON Pointer of the offending value; for a missing property, where it should be. */
  readonly path: string;
  /** Reads after the path: `is required`, `must be integer`. */
  readonly reason: string;
}

/** Checks a value against one message schema: `undefined` when it matches. */
export type MessageValidator = (value: unknown) => SchemaViolation | undefined;

/** One error of a generated validator, as ajv describes it. */
export interface ValidationError {
  /** The keyword that failed: `type`, `required`, `maxLength`, ... */
  readonly keyword: string;
  /** JSON Pointer of the value that failed. */
  readonly instancePath: string;
  /** Where the keyword sits in the schema: `#/properties/seq/minimum`. */
  readonly schemaPath: string;
  // biome-ignore lint/suspicious/noExplicitAny: each keyword has parameters of its own.
  readonly params: Record<string, any>;
  /** What is wrong, after the path: `must be integer`. */
  readonly message?: string;
}

/**
 * A generated validator: true when the value matches, else false and `errors` says why. It
 * stops at the first failing keyword (ajv's `allErrors: false`).
 */
export interface CompiledValidator {
  (value: unknown): boolean;
  errors?: readonly ValidationError[] | null;
}

/** The tags each discriminator accepts, by the `schemaPath` of its errors. */
export type DiscriminatorTags = Readonly<Record<string, readonly string[]>>;

/** A validator for each message type, from the generated validator of each. */
export function createMessageValidators(
  compiled: Readonly<Record<string, CompiledValidator>>,
  tags: DiscriminatorTags,
): ReadonlyMap<string, MessageValidator> {
  const validators = new Map<string, MessageValidator>();
  for (const [type, validate] of Object.entries(compiled)) {
    validators.set(type, createMessageValidator(validate, tags));
  }
  return validators;
}

/**
 * A validator for one message type. A value that matches is also held to the nesting limit:
 * open values (presence, `data`) and unknown extra properties are not bounded by the schema,
 * and the walk costs little, since everything else has the few nodes its schema describes.
 */
export function createMessageValidator(
  validate: CompiledValidator,
  tags: DiscriminatorTags,
): MessageValidator {
  return (value) => {
    if (!validate(value)) return violationOf(validate.errors ?? [], tags);
    const path = findTooDeep(value);
    return path === undefined
      ? undefined
      : { path, reason: `nests deeper than ${MAX_NESTING_DEPTH} levels` };
  };
}

/**
 * The one violation to report. Validators stop at the first failing keyword, so there is one
 * error, unless that keyword applies subschemas: an `anyOf` lists one error per branch and
 * then itself, `propertyNames` the key's error and then itself.
 */
function violationOf(errors: readonly ValidationError[], tags: DiscriminatorTags): SchemaViolation {
  const last = errors[errors.length - 1];
  if (last === undefined) return { path: '', reason: 'does not match its schema' };
  if (last.keyword === 'propertyNames') {
    // Preceded by the error of the key itself, whose instancePath is the object's.
    return { path: last.instancePath, reason: `has a key that ${errors[0]?.message}` };
  }
  if (last.keyword !== 'anyOf') return describe(errors[0] ?? last, tags);
  const branchErrors = errors.filter((e) => e.schemaPath.startsWith(`${last.schemaPath}/`));
  // A branch whose type matched failed deeper: that is the error the sender wants to see.
  const deeper = branchErrors.find(
    (e) => e.keyword !== 'type' || e.instancePath !== last.instancePath,
  );
  if (deeper !== undefined) return describe(deeper, tags);
  const types = branchErrors.map((e) => String(e.params.type));
  return { path: last.instancePath, reason: `must be ${types.join(' or ')}` };
}

/** Turns one validation error into a path and a reason. */
function describe(error: ValidationError, tags: DiscriminatorTags): SchemaViolation {
  const { instancePath: path, params } = error;
  switch (error.keyword) {
    case 'required':
      return {
        path: `${path}/${escapePointerToken(params.missingProperty)}`,
        reason: 'is required',
      };
    case 'discriminator': {
      // A missing tag, a tag that is not a string, or one that names no branch.
      const tagPath = `${path}/${escapePointerToken(params.tag)}`;
      if (params.tagValue === undefined) return { path: tagPath, reason: 'is required' };
      return { path: tagPath, reason: `must be one of ${listOf(tags[error.schemaPath])}` };
    }
    case 'enum':
      return { path, reason: `must be one of ${listOf(params.allowedValues)}` };
    case 'const':
      return { path, reason: `must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path, reason: error.message ?? `fails ${error.keyword}` };
  }
}

function listOf(values: readonly unknown[] | undefined): string {
  return (values ?? []).map((value) => JSON.stringify(value)).join(', ');
}
