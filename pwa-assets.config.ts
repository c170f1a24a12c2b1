import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

// Every icon is generated at build time from the one source, public/logo.svg. The mark already has its own green
// square, so the maskable and Apple icons get the same green as padding (no white ring around it on a launcher).
const brand = '#0b5d3b';

export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: brand, fit: 'contain' } },
    apple: { ...minimal2023Preset.apple, resizeOptions: { background: brand, fit: 'contain' } },
  },
  images: ['public/logo.svg'],
});
