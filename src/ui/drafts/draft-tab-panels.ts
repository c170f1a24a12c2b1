/**
 * The draft screen's tabs beside the writing, loaded together as one chunk (one request, one precache entry)
 * when the first of them is opened or once the writing has painted.
 */
export { default as DraftDataTab } from './DraftDataTab.svelte';
export { default as DraftReadinessTab } from './DraftReadinessTab.svelte';
export { default as DraftReviewTab } from './DraftReviewTab.svelte';
