/** Values for the `{name}` placeholders of a message template. */
export type TemplateVars = Record<string, string | number>;

/**
 * A message template with its `{name}` placeholders filled in. A placeholder without a value stays as written, so
 * a missing parameter shows on screen instead of vanishing. Pure: the phone's strings, the server's and the shared
 * readiness labels all fill their templates here.
 */
export function format(template: string, vars?: TemplateVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
