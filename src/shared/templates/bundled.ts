/**
 * The templates shipped with the app (the JSON files beside this module), checked by the shared schemas as this
 * module loads. The browser build replaces this module with their checked output (`checkedTemplates` in
 * vite.config.ts, `src/lib/pwa/checkedTemplates.ts`): the same data, checked at build time, so a phone neither
 * builds the template schemas nor parses the files as it starts (about 0.2 s at 4x CPU).
 */
import checklistJson from './checklist-templates.json';
import proposalJson from './proposal-templates.json';
import { templateSchemas, type ChecklistTemplateFile, type ProposalTemplateFile } from './schemas';

export interface BundledTemplates {
  proposalFile: ProposalTemplateFile;
  checklistFile: ChecklistTemplateFile;
}

export const bundledTemplates: BundledTemplates = {
  proposalFile: templateSchemas().proposalTemplateFileSchema.parse(proposalJson),
  checklistFile: templateSchemas().checklistTemplateFileSchema.parse(checklistJson),
};
