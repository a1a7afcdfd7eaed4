/**
 * The message schemas as the validators are generated from them (scripts/protocol-validators.ts):
 * plain JSON Schema, rewritten so that unions are cheap and their errors precise, and with
 * every object schema that occurs more than once compiled once and referenced (`$ref`).
 * Every rewrite accepts exactly the documents the published (TypeBox) schema accepts:
 * - a union of objects told apart by a literal property (`payload.kind`) becomes ajv's
 *   `discriminator`, which jumps to the one matching branch instead of trying each in turn;
 * - a union of literals (`'offer' | 'answer' | ...`) becomes an `enum`.
 */
import type { TSchema } from '@sinclair/typebox';

/** A JSON value: what a schema holds once TypeBox's symbol keys fall away. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
/** A JSON object, such as a schema. */
export type JsonObject = { [key: string]: Json };

/** One message schema to compile. */
export interface ValidationMessage {
  readonly from: string;
  readonly type: string;
  readonly schema: JsonObject;
}

/** What a generator compiles: the shared schemas (each with an `$id`) and every message. */
export interface ValidationSchemas {
  readonly shared: readonly JsonObject[];
  readonly messages: readonly ValidationMessage[];
  /** The tags of every discriminator (see {@link discriminatorTags}). */
  readonly tags: Readonly<Record<string, readonly string[]>>;
}

/** Where a schema sits in its parent: only `property`-like places may become a `$ref`. */
type Place = 'root' | 'branch' | 'nested';

/**
 * The schemas to compile for the given catalogues (`{ client: CLIENT_MESSAGES, ... }`), in
 * catalogue order. Each catalogue shares only within itself, since an application bundles one
 * side (a browser decodes server messages, a server client messages) and a validator of the
 * other side would be dead weight; the shared schemas of `client` get the ids `client-0`,
 * `client-1`, ... in the order met.
 */
export function validationSchemas(
  catalogues: Readonly<Record<string, Readonly<Record<string, TSchema>>>>,
): ValidationSchemas {
  const shared: JsonObject[] = [];
  const messages: ValidationMessage[] = [];
  for (const [from, catalogue] of Object.entries(catalogues)) {
    const plain = Object.entries(catalogue).map(([type, schema]) => ({
      type,
      schema: rewrite(schema),
    }));
    const counts = new Map<string, number>();
    for (const { schema } of plain) countPlaces(schema, 'root', counts);
    const ids = new Map<string, string>();
    /** `node` with every object schema met more than once replaced by a `$ref`. */
    const share = (node: Json, place: Place): Json => {
      if (Array.isArray(node)) return node.map((item) => share(item, place));
      if (!isObject(node)) return node;
      const key = JSON.stringify(node);
      if (place !== 'nested' || !isShareable(node) || (counts.get(key) ?? 0) < 2) {
        return withChildren(node, share);
      }
      let id = ids.get(key);
      if (id === undefined) {
        id = `${from}-${ids.size}`;
        ids.set(key, id);
        shared.push({ $id: id, ...withChildren(node, share) });
      }
      return { $ref: id };
    };
    for (const { type, schema } of plain) {
      messages.push({ from, type, schema: share(schema, 'root') as JsonObject });
    }
  }
  const tags = discriminatorTags([...shared, ...messages.map((m) => m.schema)]);
  return { shared, messages, tags };
}

/** A plain-JSON copy of a TypeBox schema (symbol keys dropped), with unions rewritten. */
export function rewrite(schema: TSchema | Json): Json {
  if (Array.isArray(schema)) return schema.map(rewrite);
  if (typeof schema !== 'object' || schema === null) return schema as Json;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = rewrite(value);
  const branches = copy.anyOf;
  if (!Array.isArray(branches)) return copy;
  const literals = literalUnion(branches);
  if (literals !== undefined) {
    delete copy.anyOf;
    return { ...copy, type: literals.type, enum: literals.values };
  }
  const tag = discriminatingTag(branches);
  if (tag === undefined) return copy;
  delete copy.anyOf;
  return { ...copy, type: 'object', discriminator: { propertyName: tag }, oneOf: branches };
}

/**
 * The tags each `discriminator` accepts, by the `schemaPath` of its errors
 * (`#/properties/payload/discriminator`), for messages that name a bad tag: validators report
 * only the tag they met. Throws if two discriminators at one path accept different tags.
 */
export function discriminatorTags(
  roots: readonly JsonObject[],
): Readonly<Record<string, readonly string[]>> {
  const tags: Record<string, string[]> = {};
  const walk = (node: Json, path: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${path}/${index}`);
      return;
    }
    if (!isObject(node)) return;
    const discriminator = node.discriminator;
    if (isObject(discriminator) && Array.isArray(node.oneOf)) {
      const tag = discriminator.propertyName as string;
      const values = node.oneOf.map((branch) => {
        const properties = (branch as JsonObject).properties as JsonObject;
        return (properties[tag] as JsonObject).const as string;
      });
      const key = `${path}/discriminator`;
      const known = tags[key];
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(values)) {
        throw new Error(`two discriminators at ${key} accept different tags`);
      }
      tags[key] = values;
    }
    for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
  };
  for (const root of roots) walk(root, '#');
  return tags;
}

/**
 * Counts, per JSON text, the places where an object schema will appear in the generated code:
 * the children of a schema that is going to be shared count once, however often it occurs.
 */
function countPlaces(node: Json, place: Place, counts: Map<string, number>): void {
  if (Array.isArray(node)) {
    for (const item of node) countPlaces(item, place, counts);
    return;
  }
  if (!isObject(node)) return;
  const key = JSON.stringify(node);
  const count = (counts.get(key) ?? 0) + 1;
  counts.set(key, count);
  if (count > 1 && place === 'nested' && isShareable(node)) return;
  withChildren(node, (child, childPlace) => {
    countPlaces(child, childPlace, counts);
    return child;
  });
}

/**
 * A copy of `schema` with `map` applied to each child schema. The branches of `anyOf` and
 * `oneOf` stay in place: the first error of an `anyOf` is read from its branches' errors, and
 * a `discriminator` reads the tag of each branch.
 */
function withChildren(schema: JsonObject, map: (child: Json, place: Place) => Json): JsonObject {
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'anyOf' || key === 'oneOf') {
      copy[key] = (value as Json[]).map((branch) => map(branch, 'branch'));
    } else if (key === 'properties' || key === 'patternProperties') {
      copy[key] = Object.fromEntries(
        Object.entries(value as JsonObject).map(([name, child]) => [name, map(child, 'nested')]),
      );
    } else if (key === 'items' || key === 'propertyNames' || key === 'additionalProperties') {
      copy[key] = map(value, 'nested');
    } else {
      copy[key] = value;
    }
  }
  return copy;
}

/** Object schemas are worth a function of their own; a string or a number check is not. */
function isShareable(schema: JsonObject): boolean {
  return schema.type === 'object';
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
