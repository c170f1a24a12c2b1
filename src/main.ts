import './lib/zod-config';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { locale } from './lib/i18n/index.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing');
// A phone set to English fetches its tables first (from the worker's cache offline); Indonesian needs nothing.
// Not a top-level await: with one the bundler splits the entry into some twenty small chunks (+3 KB gzip).
void locale.restore().then(() => mount(App, { target }));
