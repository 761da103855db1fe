import fc from 'fast-check'
import type { z } from 'zod'

/** One megabyte of text, in a few flavours: plain, with NUL, with bidi overrides. */
const ONE_MB = 1 << 20
export const HUGE_STRINGS = [
  'a'.repeat(ONE_MB),
  '\u0000'.repeat(ONE_MB),
  '\u202e'.repeat(ONE_MB / 2) + 'gpj.exe',
  '\ud800'.repeat(ONE_MB)
]

/** Strings that have broken parsers, paths, prototypes and terminals elsewhere. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone \udc00 low',
  '\u202eevil\u202c',
  '\u2066isolate\u2069',
  '\u200f\u061c',
  '\r\n\u001b[31mred\u001b[0m',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../../../etc/passwd',
  '..',
  '.',
  '/',
  '%00',
  '%2e%2e%2f',
  '${process.env.HOME}',
  '<script>alert(1)</script>',
  "'; DROP TABLE links; --",
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '9007199254740993',
  '2026-02-30T25:61:61Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '😀'.repeat(300),
  'x'.repeat(5_000)
]

export const NASTY_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1,
  -1,
  0.5,
  59,
  3_600,
  604_800,
  604_801,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -1e308
]

/** Keys that meddle with prototypes or shadow built-ins when an object is read carelessly. */
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'then']

/** An array nested `depth` deep: recursive validators and serializers have blown the stack. */
function nested(depth: number, leaf: unknown, asObject: boolean): unknown {
  let value = leaf
  for (let index = 0; index < depth; index += 1) value = asObject ? { a: value } : [value]
  return value
}
const DEEP_VALUES = [nested(64, 'x', false), nested(5_000, 1, false), nested(5_000, null, true)]

/**
 * An object whose OWN property is `__proto__` (or `constructor`): a literal `{ __proto__: x }`
 * sets the prototype instead, but structured clone, which carries IPC arguments, keeps it as a
 * key, and so does JSON.parse.
 */
function withOwnKey(key: string, value: unknown, rest: Record<string, unknown>): unknown {
  // Spread copies own keys as data properties, an own `__proto__` included.
  const object: Record<string, unknown> = { ...rest }
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true
  })
  return object
}

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) }
)

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...NASTY_NUMBERS),
  fc.integer(),
  fc.double()
)

const nastyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_KEYS),
  fc.string({ maxLength: 12 })
)

const nastyLeaf: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(...DEEP_VALUES)
)

/** Any value at all, a few levels deep, with hostile leaves and keys. */
export const nastyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyKey, tie('value'), { maxKeys: 4 }),
    fc
      .tuple(fc.constantFrom(...NASTY_KEYS), tie('value'))
      .map(([key, value]) => withOwnKey(key, value, { polluted: true }))
  )
})).value

/** Values that a field of this name would hold in a real call: the fuzzer mixes them in. */
export type Plausible = Record<string, readonly unknown[]>

interface ZodDef {
  type: string
  shape?: Record<string, z.ZodType>
  innerType?: z.ZodType
  options?: z.ZodType[]
  entries?: Record<string, unknown>
  values?: unknown[]
  element?: z.ZodType
  in?: z.ZodType
  left?: z.ZodType
  right?: z.ZodType
  valueType?: z.ZodType
}

function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def
}

/**
 * Arguments shaped like what `schema` accepts, damaged at random.
 *
 * Read from the channel's own zod schema, so a new channel or field is covered without anyone
 * listing it: every field is sometimes right (a plausible value, an enum member), sometimes
 * hostile, sometimes missing, and objects sometimes carry an extra or a prototype-polluting key.
 */
export function nearlyValid(
  schema: z.ZodType,
  plausible: Plausible,
  field = '',
  depth = 0
): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  const hostile = depth > 6 ? nastyLeaf : nastyValue
  const fieldValues = plausible[field] ?? []
  // The first plausible value of a field is a working one (the test's profile, bucket, key):
  // weighted so that a fair share of calls gets past validation and into the services.
  const right = (arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    fc.oneof(
      { weight: 3, arbitrary },
      { weight: 1, arbitrary: hostile },
      ...(fieldValues.length > 0
        ? [
            { weight: 9, arbitrary: fc.constant(fieldValues[0]) },
            { weight: 3, arbitrary: fc.constantFrom(...fieldValues) }
          ]
        : [])
    )
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {}
      const fields = Object.fromEntries(
        Object.entries(shape).map(([name, child]) => [
          name,
          nearlyValid(child, plausible, name, depth + 1)
        ])
      )
      const base = fc.record(fields, { requiredKeys: [] })
      const damaged = fc
        .tuple(base, fc.option(fc.tuple(nastyKey, hostile), { freq: 4 }))
        .map(([value, extra]) =>
          extra === null ? value : withOwnKey(extra[0], extra[1], value as Record<string, unknown>)
        )
      // Mostly every field present: a handler is only reached when all required ones are.
      const complete = fc.record(fields)
      return right(fc.oneof({ weight: 4, arbitrary: complete }, { weight: 1, arbitrary: damaged }))
    }
    case 'optional':
      return def.innerType
        ? fc.oneof(
            { weight: 1, arbitrary: nearlyValid(def.innerType, plausible, field, depth) },
            { weight: 2, arbitrary: fc.constant(undefined) }
          )
        : hostile
    case 'nullable':
      return def.innerType
        ? fc.oneof(
            { weight: 1, arbitrary: nearlyValid(def.innerType, plausible, field, depth) },
            { weight: 1, arbitrary: fc.constant(null) }
          )
        : hostile
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return def.innerType
        ? fc.oneof(
            { weight: 1, arbitrary: nearlyValid(def.innerType, plausible, field, depth) },
            { weight: 2, arbitrary: fc.constant(undefined) }
          )
        : hostile
    case 'pipe':
      return def.in ? nearlyValid(def.in, plausible, field, depth) : hostile
    case 'union':
      return def.options && def.options.length > 0
        ? fc.oneof(...def.options.map((option) => nearlyValid(option, plausible, field, depth)))
        : hostile
    case 'intersection':
      return def.left ? nearlyValid(def.left, plausible, field, depth) : hostile
    case 'enum':
      return right(fc.constantFrom(...Object.values(def.entries ?? { none: 'none' })))
    case 'literal':
      return right(fc.constantFrom(...(def.values ?? [null])))
    case 'array':
      return right(
        fc.array(def.element ? nearlyValid(def.element, plausible, field, depth + 1) : hostile, {
          maxLength: 3
        })
      )
    case 'record':
      return right(
        fc.dictionary(
          nastyKey,
          def.valueType ? nearlyValid(def.valueType, plausible, '', depth + 1) : hostile,
          { maxKeys: 3 }
        )
      )
    case 'string':
      return right(nastyString)
    case 'number':
    case 'int':
      return right(
        fc.oneof(
          { weight: 2, arbitrary: fc.nat({ max: 100 }) },
          { weight: 1, arbitrary: nastyNumber }
        )
      )
    case 'boolean':
      return right(fc.boolean())
    case 'void':
    case 'undefined':
      return fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: hostile }
      )
    default:
      return right(hostile)
  }
}

/** Every argument a channel is fuzzed with: mostly near-valid, the rest anything at all. */
export function channelArguments(schema: z.ZodType, plausible: Plausible): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: nearlyValid(schema, plausible) },
    { weight: 1, arbitrary: nastyValue }
  )
}
