// Tests may show any screen in English at once (`locale.set('en')`): the app fetches these tables first.
import { ENGLISH } from '../src/lib/i18n/english';
import { registerEnglish } from '../src/lib/i18n/index.svelte';

registerEnglish(ENGLISH);
