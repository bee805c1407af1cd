// The word format of the generic structural encoding (encode-value.ts writes it, decode-value.ts reads
// it, compile.ts writes the same words faster for states of a known shape). Every value starts with one
// head word: its tag in the low 5 bits and a payload in the high 27 bits (a small integer, a length, or an
// id in the tables of intern.ts). What follows the head is fixed by the tag, so every encoding is
// self-delimiting, and two values get the same words only if they are the same model data:
//
//   Null, Undefined, False, True, NaN, Hole      head only (Hole: a missing element of a sparse array)
//   Small    integer 0..2^27-1                   head only, the value in the payload
//   Int32    other integer in -2^31..2^31-1      head, the value
//   Uint32   integer in 2^31..2^32-1             head, the value
//   Float    any other number (-0, ±Infinity, fractions, larger integers): head, its float64 bits (2 words)
//   Atom     a short string                      head with its id in intern.ts's string table
//   String   a longer string (or any, once the table is full): head with its length, two UTF-16 units a word
//   BigInt   head with sign + 2 × number of 32-bit limbs, then the limbs, least significant first
//   U32Array array of integers 0..2^32-1 only    head with the length, one word each
//   I32Array array of 32-bit integers, some negative: head with the length, one word each
//   Array    any other array                     head with the length, then each element
//   Object   plain object (prototype Object.prototype): head with its shape id (the ordered key list,
//            intern.ts), then the values in that order
//   NullObject  the same for an object with a null prototype
//   KeyedObject, NullKeyedObject  the same, once the shape table is full, for a key list it does not
//            hold: head with the number of keys, then each key (as a string) and its value
//   Map, Set    native, unordered: head with the size, then the entries (key, value) or elements, sorted
//               by their words, so insertion order does not matter
//   IList, IStack, IOrderedMap, IOrderedSet   immutable.js, ordered: head with the size, then in order
//   IMap, ISet  immutable.js, unordered: like Map and Set
//   Record   immutable.js Record: head with the record type's id (intern.ts), then its fields in order
//   Own      a value of a class that brings its own codec (model-data.ts, OWN_CODEC): head with the
//            codec's id (intern.ts), then what the codec writes (canonical and self-delimiting)
//
// Ids in the payloads are given out by this process on first sight and never change during it, so the
// words identify a state within one process (fingerprints never leave it: the parallel search, which
// shares fingerprints between threads, runs only models with their own decode()).

export const TAG_BITS = 5;
export const TAG_MASK = (1 << TAG_BITS) - 1;
/** Payloads (lengths, small integers, ids) are below this. */
export const PAYLOAD_LIMIT = 2 ** (32 - TAG_BITS);

/** The tags (plain numbers in an object, not a TypeScript enum, so every file reads the same constants). */
export const Tag = {
  Null: 1,
  Undefined: 2,
  False: 3,
  True: 4,
  NaN: 5,
  Hole: 6,
  Small: 7,
  Int32: 8,
  Uint32: 9,
  Float: 10,
  Atom: 11,
  String: 12,
  BigInt: 13,
  U32Array: 14,
  I32Array: 15,
  Array: 16,
  Object: 17,
  NullObject: 18,
  Map: 19,
  Set: 20,
  IList: 21,
  IStack: 22,
  IMap: 23,
  IOrderedMap: 24,
  ISet: 25,
  IOrderedSet: 26,
  Record: 27,
  Own: 28,
  KeyedObject: 29,
  NullKeyedObject: 30,
} as const;
export type Tag = (typeof Tag)[keyof typeof Tag];

/** The head word of a tag with a payload. */
export const head = (tag: Tag, payload: number): number => ((payload << TAG_BITS) | tag) >>> 0;
