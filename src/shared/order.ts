/**
 * Code-unit order, for text with no language: ids (UUIDv7), ISO dates and times, keys. `localeCompare` sorts them
 * no better and builds an ICU collator on its first call: about 85 ms on a slow phone (4x CPU), paid on the home
 * screen's first render. Names people read still go through a collator (`Intl.Collator('id')`).
 */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
