/** A JSON value as the config files hold it (also the model of TOML and YAML entries). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
