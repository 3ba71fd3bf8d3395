// Expands `{name}` placeholders in launch commands and drivers, e.g. `{server.uri}`.
// An unknown placeholder is a configuration error, not an empty string.
import { ConfigError } from './config-error.ts';

export type PlaceholderValues = Readonly<Record<string, string>>;

export function expandPlaceholders(text: string, values: PlaceholderValues, where: { file: string; field: string }): string {
  return text.replace(/\{([a-zA-Z0-9_.-]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new ConfigError(where, `unknown placeholder ${whole}; known: ${Object.keys(values).map((k) => `{${k}}`).join(', ')}`);
    }
    return value;
  });
}
