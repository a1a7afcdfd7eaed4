/**
 * Compiled validators for wire messages: one ajv function per message type, generated once
 * when the module loads, so decoding a message costs one map lookup and one straight-line
 * function, never a trial of every message schema.
 *
 * Before compiling, two rewrites make unions cheap and their errors precise; both accept
 * exactly the same documents as the published (TypeBox) schema:
 * - a union of objects told apart by a literal property (`payload.kind`) becomes ajv's
 *   `discriminator`, which jumps to the one matching branch instead of trying each in turn;
 * - a union of literals (`'offer' | 'answer' | ...`) becomes an `enum`.
 */
import type { TSchema } from '@sinclair/typebox';
import { _, Ajv, type CodeKeywordDefinition, type ErrorObject, str } from 'ajv';
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

const ajv = new Ajv({
  // The first error is all we report, and stopping there keeps bad input as cheap as good.
  allErrors: false,
  // TypeBox 0.34 keeps its markers (Kind, OptionalKind) in symbol keys, which ajv never sees,
  // so its schemas pass strict mode unchanged. We add `discriminator` (see `forValidation`)
  // and redefine `maxLength` and `minLength` (see `lengthLimits`).
  strict: true,
  discriminator: true,
  // Errors carry their schema, for readable messages; this costs nothing on success.
  verbose: true,
});

/**
 * `maxLength` and `minLength` count characters (code points) as JSON Schema says, but count
 * them only when the UTF-16 length cannot decide: a string has at most `length` and at least
 * `length / 2` code points. ajv's own keywords count every string in full, which made an SDP
 * of a few kB cost three times its JSON.parse.
 */
const lengthLimits: CodeKeywordDefinition = {
  keyword: ['maxLength', 'minLength'],
  type: 'string',
  schemaType: 'number',
  error: {
    message: ({ keyword, schemaCode }) =>
      str`must NOT have ${keyword === 'maxLength' ? 'more' : 'fewer'} than ${schemaCode} characters`,
    params: ({ schemaCode }) => _`{limit: ${schemaCode}}`,
  },
  code(cxt) {
    const { keyword, data, schemaCode, gen } = cxt;
    const count = gen.scopeValue('func', { ref: codePointLength });
    cxt.fail(
      keyword === 'maxLength'
        ? _`${data}.length > ${schemaCode} && ${count}(${data}) > ${schemaCode}`
        : _`${data}.length < 2 * ${schemaCode} && ${count}(${data}) < ${schemaCode}`,
    );
  },
};
ajv.removeKeyword('maxLength');
ajv.removeKeyword('minLength');
ajv.addKeyword(lengthLimits);

/** Code points in `text`, a surrogate pair counting once, a lone surrogate once (as ajv). */
function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Compiles a validator for each message schema, keyed by message type. */
export function compileMessageValidators(
  schemas: Readonly<Record<string, TSchema>>,
): ReadonlyMap<string, MessageValidator> {
  const validators = new Map<string, MessageValidator>();
  for (const [type, schema] of Object.entries(schemas)) {
    validators.set(type, compileMessageValidator(schema));
  }
  return validators;
}

/**
 * Compiles one message schema. A value that matches is also held to the nesting limit: open
 * values (presence, `data`) and unknown extra properties are not bounded by the schema, and
 * the walk costs little, since everything else has the few nodes its schema describes.
 */
export function compileMessageValidator(schema: TSchema): MessageValidator {
  const validate = ajv.compile(forValidation(schema) as JsonObject);
  return (value) => {
    if (!validate(value)) return violationOf(validate.errors ?? []);
    const path = findTooDeep(value);
    return path === undefined
      ? undefined
      : { path, reason: `nests deeper than ${MAX_NESTING_DEPTH} levels` };
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A plain-JSON copy of a TypeBox schema (symbol keys dropped), with unions rewritten. */
function forValidation(schema: unknown): Json {
  if (Array.isArray(schema)) return schema.map(forValidation);
  if (typeof schema !== 'object' || schema === null) return schema as Json;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = forValidation(value);
  const branches = copy.anyOf;
  if (!Array.isArray(branches)) return copy;
  const literals = literalUnion(branches);
  if (literals !== undefined) {
    delete copy.anyOf;
    return { ...copy, type: literals.type, enum: literals.values };
  }
  const tag = discriminatingTag(branches);
  if (tag !== undefined) {
    delete copy.anyOf;
    return { ...copy, type: 'object', discriminator: { propertyName: tag }, oneOf: branches };
  }
  return copy;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ type, values }` when every branch is a `const` of one JSON type (and nothing else). */
function literalUnion(branches: Json[]): { type: string; values: Json[] } | undefined {
  const first = branches[0];
  if (!isObject(first) || typeof first.type !== 'string') return undefined;
  const type = first.type;
  const values: Json[] = [];
  for (const branch of branches) {
    if (!isObject(branch) || branch.type !== type || !('const' in branch)) return undefined;
    if (Object.keys(branch).some((key) => key !== 'const' && key !== 'type')) return undefined;
    values.push(branch.const as Json);
  }
  return values.length > 1 ? { type, values } : undefined;
}

/** The property whose distinct string `const` tells every (object) branch apart, if any. */
function discriminatingTag(branches: Json[]): string | undefined {
  const first = branches[0];
  if (!isObject(first) || !isObject(first.properties)) return undefined;
  for (const tag of Object.keys(first.properties)) {
    const seen = new Set<string>();
    const tells = branches.every((branch) => {
      if (!isObject(branch) || branch.type !== 'object' || !isObject(branch.properties)) {
        return false;
      }
      const property = branch.properties[tag];
      const required = Array.isArray(branch.required) && branch.required.includes(tag);
      if (!required || !isObject(property) || typeof property.const !== 'string') return false;
      if (seen.has(property.const)) return false;
      seen.add(property.const);
      return true;
    });
    if (tells) return tag;
  }
  return undefined;
}

/**
 * The one violation to report. With `allErrors: false` ajv stops at the first failing
 * keyword, so there is one error, unless that keyword applies subschemas: an `anyOf` lists
 * one error per branch and then itself, `propertyNames` the key's error and then itself.
 */
function violationOf(errors: readonly ErrorObject[]): SchemaViolation {
  const last = errors[errors.length - 1];
  if (last === undefined) return { path: '', reason: 'does not match its schema' };
  if (last.keyword === 'propertyNames') {
    // Preceded by the error of the key itself, whose instancePath is the object's.
    return { path: last.instancePath, reason: `has a key that ${errors[0]?.message}` };
  }
  if (last.keyword !== 'anyOf') return describe(errors[0] ?? last);
  const branchErrors = errors.filter((e) => e.schemaPath.startsWith(`${last.schemaPath}/`));
  // A branch whose type matched failed deeper: that is the error the sender wants to see.
  const deeper = branchErrors.find(
    (e) => e.keyword !== 'type' || e.instancePath !== last.instancePath,
  );
  if (deeper !== undefined) return describe(deeper);
  const types = branchErrors.map((e) => String(e.params.type));
  return { path: last.instancePath, reason: `must be ${types.join(' or ')}` };
}

/** Turns one ajv error into a path and a reason. */
function describe(error: ErrorObject): SchemaViolation {
  const { instancePath: path, params } = error;
  switch (error.keyword) {
    case 'required':
      return {
        path: `${path}/${escapePointerToken(params.missingProperty)}`,
        reason: 'is required',
      };
    case 'discriminator': {
      const tagPath = `${path}/${escapePointerToken(params.tag)}`;
      if (params.tagValue === undefined) return { path: tagPath, reason: 'is required' };
      const allowed = (error.parentSchema?.oneOf as JsonObject[] | undefined)?.map(
        (branch) => (branch.properties as JsonObject)[params.tag] as JsonObject,
      );
      return { path: tagPath, reason: `must be one of ${listOf(allowed?.map((p) => p.const))}` };
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
