/**
 * What a field of a record accepts, in words: the `expected` of a validation issue for a
 * missing field or a value of the wrong type ("integer from 1 to 600", not just "number").
 * Read from the record kind's JSON Schema — the same one `jsonSchema(kind)` publishes, built
 * from the zod schema — at the path, so the words cannot drift from the checks.
 * Only for issues already found: nothing here runs while records validate cleanly.
 *
 * @module
 */
import type { z as Z } from 'zod';
import type { Locale } from '../i18n/locale.js';

/** A node of a JSON Schema document. */
type Node = Record<string, unknown>;

/** Each schema's JSON Schema, built on the first issue that needs it. */
const documents = new WeakMap<object, Node | null>();

/** The JSON Schema types a zod issue's expected type can be described by. */
const NODE_TYPES: Readonly<Record<string, readonly string[]>> = {
  int: ['integer'],
  integer: ['integer'],
  number: ['number', 'integer'],
  string: ['string'],
  object: ['object'],
  array: ['array'],
};

/**
 * What the field at `path` of a `schema` record accepts, in `locale`'s words, when the zod
 * issue expected a value of `type` there; undefined where the schema says no more than a
 * type (the caller's plain type word then stands), where the path runs through a union, a
 * reference or a map, or where the node's type is not the issue's.
 */
export function expectedAt(
  z: typeof Z,
  schema: Z.ZodType,
  path: readonly PropertyKey[],
  type: string,
  locale: Locale,
): string | undefined {
  const types = Object.hasOwn(NODE_TYPES, type) ? NODE_TYPES[type] : undefined;
  if (!types) return undefined;
  let node = documentOf(z, schema);
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') node = asNode(node.items);
    else if (typeof seg === 'string') node = asNode(asNode(node.properties)?.[seg]);
    else return undefined;
  }
  return node && types.includes(node.type as string) ? describe(node, locale) : undefined;
}

function documentOf(z: typeof Z, schema: Z.ZodType): Node | undefined {
  let doc = documents.get(schema);
  if (doc === undefined) {
    try {
      doc = z.toJSONSchema(schema, {
        io: 'input',
        target: 'draft-2020-12',
        unrepresentable: 'any',
      }) as Node;
    } catch {
      doc = null;
    }
    documents.set(schema, doc);
  }
  return doc ?? undefined;
}

function asNode(value: unknown): Node | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Node)
    : undefined;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** A node in words, when it says more than its type. */
function describe(node: Node, locale: Locale): string | undefined {
  const zh = locale !== 'en';
  switch (node.type) {
    case 'integer':
    case 'number': {
      const noun = node.type === 'integer' ? (zh ? '整数' : 'integer') : zh ? '数字' : 'number';
      const min = num(node.minimum);
      const max = num(node.maximum);
      const above = num(node.exclusiveMinimum);
      const below = num(node.exclusiveMaximum);
      if (min !== undefined && max !== undefined && above === undefined && below === undefined)
        return zh ? `${min} 到 ${max} 之间的${noun}` : `${noun} from ${min} to ${max}`;
      const bounds = [
        min !== undefined ? (zh ? `不小于 ${min}` : `≥ ${min}`) : undefined,
        above !== undefined ? (zh ? `大于 ${above}` : `> ${above}`) : undefined,
        max !== undefined ? (zh ? `不超过 ${max}` : `≤ ${max}`) : undefined,
        below !== undefined ? (zh ? `小于 ${below}` : `< ${below}`) : undefined,
      ].filter((b) => b !== undefined);
      if (bounds.length === 0) return node.type === 'integer' ? noun : undefined;
      return zh ? `${bounds.join(' 且')} 的${noun}` : `${noun} ${bounds.join(' and ')}`;
    }
    case 'string': {
      // A pattern (sector and region codes) is the real constraint, and no length says it.
      if (node.pattern !== undefined) return undefined;
      const min = num(node.minLength) ?? 0;
      const max = num(node.maxLength);
      if (max !== undefined) {
        if (min > 1)
          return zh ? `${min} 到 ${max} 个字符的字符串` : `string of ${min} to ${max} characters`;
        return zh
          ? `不超过 ${max} 个字符的${min === 1 ? '非空' : ''}字符串`
          : `${min === 1 ? 'non-empty ' : ''}string of at most ${max} characters`;
      }
      if (min > 0)
        return zh ? `至少 ${min} 个字符的字符串` : `string of at least ${min} characters`;
      return undefined;
    }
    case 'array': {
      const min = num(node.minItems);
      const max = num(node.maxItems);
      const values = asNode(node.items)?.enum;
      const each = Array.isArray(values)
        ? zh
          ? `（每项为 ${values.join(' | ')} 之一）`
          : `, each one of ${values.join(' | ')}`
        : '';
      let size: string | undefined;
      if (min !== undefined && max !== undefined)
        size = zh ? `${min} 到 ${max} 项的数组` : `array of ${min} to ${max} items`;
      else if (min !== undefined)
        size = zh ? `至少 ${min} 项的数组` : `array of at least ${min} items`;
      else if (max !== undefined)
        size = zh ? `不超过 ${max} 项的数组` : `array of at most ${max} items`;
      else if (each) size = zh ? '数组' : 'array';
      return size && size + each;
    }
    case 'object': {
      const required = Array.isArray(node.required) ? (node.required as string[]) : [];
      if (required.length === 0) return undefined;
      return zh ? `含 ${required.join('、')} 字段的对象` : `object with ${required.join(', ')}`;
    }
    default:
      return undefined;
  }
}
