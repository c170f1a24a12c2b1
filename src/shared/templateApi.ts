/**
 * The templates API (mounted at /api/templates, local admins only): importing a new proposal template version
 * and activating it happen on the server, in one transaction each, so a tenant never has two active versions of
 * one template line and every phone pulls the result (src/server/templates/). Shared by both sides.
 */
import { z } from 'zod';
import { TEMPLATE_STATUSES, templateBodySchema, templateSchema } from './records';

const body = templateBodySchema.shape;

export const importTemplateRequestSchema = z
  .object({
    year: body.year,
    replaces: body.replaces,
    /** The template file's JSON, checked by the shared template schema (templates/index.ts) on the server. */
    template: z.record(z.string(), z.unknown()),
  })
  .strict()
  .meta({ id: 'ImportTemplateRequest' });
export type ImportTemplateRequest = z.infer<typeof importTemplateRequestSchema>;

export const importTemplateResponseSchema = z
  .object({ template: templateSchema })
  .meta({ id: 'ImportTemplateResponse' });
export type ImportTemplateResponse = z.infer<typeof importTemplateResponseSchema>;

export const activateTemplateResponseSchema = z
  .object({
    /** The template as it is now: active. */
    activated: templateSchema,
    /** The versions it took over from, now retired (the same key's, and the key it `replaces`). */
    retired: z.array(templateSchema),
  })
  .meta({ id: 'ActivateTemplateResponse' });
export type ActivateTemplateResponse = z.infer<typeof activateTemplateResponseSchema>;

export { TEMPLATE_STATUSES };
