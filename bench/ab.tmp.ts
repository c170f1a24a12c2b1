import { offlineColdStartMs } from './pwa';
const dists = process.argv.slice(2);
for (let round = 0; round < 2; round++)
  for (const d of dists) console.log(d, Math.round(await offlineColdStartMs(d, 3)));
