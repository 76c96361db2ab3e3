import fc from 'fast-check';

/** SQL, HTML, template and header-splitting fragments an attacker tries first. */
export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(10)--',
  '$1',
  '\\',
  '"',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  ']]><!--',
  "{{constructor.constructor('return process')()}}",
  '${process.exit(1)}',
  '\r\n\r\nHTTP/1.1 200 OK\r\nSet-Cookie: x=1',
  '../../../../etc/passwd',
  '%00',
  'null',
  '[]',
  '{}',
  '__proto__',
];

/** Text that breaks naive storage and display: NUL, lone surrogates, bidi overrides, combining marks. */
export const AWKWARD = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\uffff\ufffe',
  '\ufeffBOM',
  '\u2028\u2029',
  '\u202eRTL\u202c',
  '𝕊𝕖𝕝𝕒𝕣𝕒𝕤 👩🏽‍⚖️',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '\u0007\u001b[31m',
  '  padded  ',
  'Pasal 1',
];

const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Hostile strings: random code points and code units, injections, awkward text, now and then a huge one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: utf16Unit, maxLength: 20 }), weight: 2 },
  { arbitrary: fc.constantFrom(...INJECTIONS), weight: 3 },
  { arbitrary: fc.constantFrom(...AWKWARD), weight: 3 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...INJECTIONS, ...AWKWARD), fc.constantFrom(...INJECTIONS, ...AWKWARD))
      .map(([a, b]) => `${a} teks ${b}`),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('x', 'ǅ', '\u0000', '😀'), fc.integer({ min: 100, max: 300_000 }))
      .map(([c, n]) => c.repeat(n)),
    weight: 1,
  },
);

const pollutingKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
);

/** Hostile JSON values of any type, nested a few levels, with prototype-pollution keys among the keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    hostileString,
    fc.integer(),
    fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53, 0.5, Number.MAX_SAFE_INTEGER + 2),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), pollutingKey), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** Raw bodies that are not the JSON of any value: broken JSON, very deep nesting, pollution keys. */
export function rawBodies(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const rest = JSON.stringify(valid).slice(1);
  return fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      '{',
      '{"a":',
      '[1,2',
      '{"a":1}}',
      'nul',
      '"\\ud800"',
      '{"a":"\\u0000"}',
      '\u0000',
    ),
    fc.integer({ min: 500, max: 100_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.integer({ min: 500, max: 50_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
    fc.constantFrom(
      `{"__proto__":{"polluted":"yes","role":"admin"},${rest}`,
      `{"constructor":{"prototype":{"polluted":"yes"}},${rest}`,
      `{"__proto__":null,${rest}`,
      `${JSON.stringify(valid).slice(0, -1)},"__proto__":{"polluted":"yes"}}`,
    ),
  );
}

/** A body to send: JSON of a value, or raw text. */
export type FuzzBody = { json: unknown } | { raw: string };

/**
 * Bodies built around a valid one: a field swapped for a hostile string (often still valid, so
 * it gets stored), a field swapped for a hostile value of any type, a whole hostile value, or raw text.
 */
export function hostileBodies(
  valid: Record<string, unknown>,
  fields: string[],
): fc.Arbitrary<FuzzBody> {
  const field = fc.constantFrom(...fields);
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(field, hostileString)
        .map(([f, v]): FuzzBody => ({ json: { ...valid, [f]: v } })),
      weight: 5,
    },
    {
      arbitrary: fc
        .tuple(field, hostileValue)
        .map(([f, v]): FuzzBody => ({ json: { ...valid, [f]: v } })),
      weight: 2,
    },
    { arbitrary: hostileValue.map((v): FuzzBody => ({ json: v })), weight: 1 },
    { arbitrary: rawBodies(valid).map((raw): FuzzBody => ({ raw })), weight: 2 },
  );
}

/** Path segments that are no id: random text (encoded), broken percent-encoding, traversal. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent),
  fc
    .constantFrom(...INJECTIONS, ...AWKWARD.filter((s) => !/[\ud800-\udfff]/.test(s)))
    .map(encodeURIComponent),
  fc.constantFrom(
    '%',
    '%E0%A4%A',
    '%ZZ',
    '%C0%AF',
    '%00',
    '%ED%A0%80',
    '..',
    '%2e%2e',
    '.',
    '0',
    '-1',
    '1e9',
    '9'.repeat(400),
  ),
);

/** Query strings: repeated keys, brackets, broken encoding, huge numbers. */
export function hostileQuery(names: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    fc.constantFrom(...names, 'token', '__proto__', 'a[b]', 'from[]'),
    fc.string({ maxLength: 6 }).map(encodeURIComponent),
  );
  const value = fc.oneof(
    hostileSegment,
    fc.constantFrom('1', '0', '-1', '1.5', 'NaN', 'Infinity', '1e400', '0x10', ' 1', '2', ''),
  );
  return fc
    .array(fc.tuple(key, value), { minLength: 1, maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
}
