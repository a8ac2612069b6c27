// A compile-time check of a value's exact type, for the typed-call tests.

/**
 * `expectType(value)<T>(true)` compiles only when `value` has exactly the type T (each assignable
 * to the other); tsc runs over the tests before vitest does.
 */
export function expectType<T>(value: T): <U>(check: [T] extends [U] ? ([U] extends [T] ? true : never) : never) => void {
  void value;
  return () => undefined;
}
