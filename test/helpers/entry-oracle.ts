/**
 * What setup makes of an entry it finds under our name, written from the rule (README, SECURITY.md)
 * rather than from the code in src/entries/entry-keys.ts, for the property tests of the JSON and
 * TOML engines.
 */
import { defineOwn, type Json } from './jsonc-gen.js';

export type JsonMap = { [key: string]: Json };
export const isMap = (value: Json | undefined): value is JsonMap => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The keys of any entry that carry the endpoint: the rest is the person's, but for the keys a client's own templates set (`alsoOurs`). */
const ENDPOINT_TOP = ['command', 'args', 'url', 'uri', 'type', 'serverUrl', 'httpUrl'];
/** Keys a template writes only where the entry lacks them (Goose's enabled and timeout). */
const DEFAULTS = ['enabled', 'disabled', 'timeout'];
/** In these objects only the one key that carries the token is ours. */
const TOKEN_KEY_IN: Record<string, string> = { headers: 'Authorization', env: 'AUTH_HEADER' };

/**
 * An entry that is not an object is replaced. In one that is, each key keeps its place: the
 * endpoint keys take the template's value or go, `headers`/`env` lose or take only their token key
 * (and go when that leaves them empty), every other key stays (a default the template has, like
 * `enabled`, too); the template's new keys come last.
 */
export function mergedEntry(previous: Json | undefined, entry: { [key: string]: unknown }, alsoOurs: readonly string[] = []): Json {
  const template = entry as JsonMap;
  if (!isMap(previous)) return template;
  const result: JsonMap = {};
  for (const [key, value] of Object.entries(previous)) {
    const tokenKey = TOKEN_KEY_IN[key];
    if ((ENDPOINT_TOP.includes(key) || alsoOurs.includes(key)) && !isMap(template[key])) {
      if (Object.hasOwn(template, key)) defineOwn(result, key, template[key]!);
    } else if (tokenKey && isMap(value) && (!Object.hasOwn(template, key) || isMap(template[key]))) {
      const wanted = template[key];
      const inner: JsonMap = {};
      for (const [innerKey, innerValue] of Object.entries(value)) if (innerKey !== tokenKey || isMap(wanted)) defineOwn(inner, innerKey, innerValue);
      if (isMap(wanted)) for (const [innerKey, innerValue] of Object.entries(wanted)) defineOwn(inner, innerKey, innerValue);
      const tookOurs = Object.hasOwn(value, tokenKey) && !isMap(wanted);
      if (!(tookOurs && Object.keys(inner).length === 0)) defineOwn(result, key, inner);
    } else if (Object.hasOwn(template, key) && !DEFAULTS.includes(key)) {
      defineOwn(result, key, template[key]!);
    } else {
      defineOwn(result, key, value);
    }
  }
  for (const [key, value] of Object.entries(template)) if (!Object.hasOwn(previous, key)) defineOwn(result, key, value);
  return result;
}
