/** Pure domain logic shared by the browser and the server. */
export { countWords } from './words';
export {
  normalizeText,
  splitWords,
  searchTerms,
  searchableText,
  indexWords,
  MAX_INDEXED_WORDS,
} from './search';
export { sectionStatus, type SectionStatus } from './completeness';
export { checklistSummary, type ChecklistSummary } from './checklist';
export { newDraftBody, newChecklistBody, newSessionBody, localDateTime } from './factories';
export { repairRecord, type RepairDefaults } from './repair';
export {
  proposalReadiness,
  sectionWeights,
  shownWeight,
  readinessVerdict,
  CHECKLIST_SHARE,
  type Readiness,
  type ReadinessVerdict,
  type SectionReadiness,
  type ShownWeight,
  type MissingItem,
} from './readiness';
export {
  draftEligibility,
  monthsBetween,
  parseLocalDate,
  type Eligibility,
  type EligibilityWarning,
  type EligibilityWarningKind,
} from './eligibility';
export {
  collectFollowUps,
  filterFollowUps,
  groupFollowUps,
  followUpPeople,
  followUpState,
  personKey,
  type FollowUpItem,
  type FollowUpGroup,
} from './followups';
export {
  coverage,
  countsAsInnovation,
  coverageYears,
  currentProgrammeYear,
  draftProgrammeYear,
  draftYear,
  type Coverage,
  type CoverageCounts,
  type CoverageRecords,
  type UnitCoverage,
  type UnitTypeCoverage,
} from './coverage';
export {
  canStartThread,
  canReply,
  canResolve,
  commentChangeAllowed,
  commentCreateAllowed,
  commentResolution,
  commentThreads,
  openThreadCounts,
  COMMENT_FIXED_FIELDS,
  type CommentThread,
  type ResolutionState,
  type CommentChangeVerdict,
} from './comments';
export {
  hasAccount,
  positionOf,
  nameMatches,
  peopleForPicker,
  groupPeopleByUnit,
  accountPersonFields,
  newPersonBody,
  type PickerPeople,
  type PeopleGroup,
} from './people';
