/** Values that survive `JSON.stringify` / `JSON.parse` unchanged: what states and audit payloads are. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue =
  JsonPrimitive | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };
