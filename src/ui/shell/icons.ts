/**
 * The app's icons as SVG path data (24 x 24, drawn with a 2 px round stroke by `Icon.svelte`): inline, so no icon
 * font or extra request, and small enough for the first screen. Circles are written as two arcs.
 */
const circle = (cx: number, cy: number, r: number): string =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

const CLOUD = 'M7 19h10a4 4 0 0 0 .6-7.95A6 6 0 0 0 6.2 9.6 4.75 4.75 0 0 0 7 19z';

export const ICONS = {
  home: 'M3 10.5 12 3l9 7.5M5 9v12h5v-6h4v6h5V9',
  sessions: 'M4 6h16v15H4zM4 10h16M8 3v4M16 3v4M8 14h3M8 17h6',
  drafts: 'M14 3H6v18h12V7zM14 3v4h4M9 12h6M9 16h6',
  followups: 'M4 6.5 5.5 8 8 5.5M4 12.5 5.5 14 8 11.5M4 18.5 5.5 20 8 17.5M11 7h9M11 13h9M11 19h9',
  coverage: 'M3 21h18M6 21v-7M11 21V6M16 21v-10M21 21V3',
  search: `${circle(11, 11, 7)}M20 20l-4-4`,
  units: 'M3 21h18M5 21V4h10v17M15 9h4v12M8 8h4M8 12h4M8 16h4',
  people: `${circle(9, 8, 3.5)}M2.5 20a6.5 6.5 0 0 1 13 0M15.5 4.6a3.5 3.5 0 0 1 0 6.8M18 14.2a6.5 6.5 0 0 1 3.5 5.8`,
  accounts: `M3 5h18v14H3z${circle(9, 11, 2.5)}M5.5 17a3.5 3.5 0 0 1 7 0M15 10h3M15 14h3`,
  import: 'M12 15V3M7 8l5-5 5 5M4 15v6h16v-6',
  settings: `M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1${circle(15, 6, 2)}${circle(9, 12, 2)}${circle(17, 18, 2)}`,
  recovery: 'M3 12a9 9 0 1 0 2.6-6.4M3 3v5h5M12 8v4l3 2',
  more: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h6v6h-6z',
  account: `${circle(12, 12, 9)}${circle(12, 10, 3)}M6.6 18.3a6.5 6.5 0 0 1 10.8 0`,
  signIn: 'M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 17l5-5-5-5M15 12H3',
  signOut: 'M9 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h3M15 17l5-5-5-5M20 12H9',
  close: 'M6 6l12 12M18 6 6 18',
  synced: `${CLOUD}M9.5 14l2 2 3.5-4`,
  syncing: 'M20 11a8 8 0 0 0-14.7-3.7M4 3.5v4h4M4 13a8 8 0 0 0 14.7 3.7M20 20.5v-4h-4',
  offline: `${CLOUD}M3 3l18 18`,
  waiting: `${CLOUD}M12 17v-5M9.5 14 12 11.5l2.5 2.5`,
  problem: 'M12 3 2 20h20zM12 10v4M12 17v.5',
  paused: `${CLOUD}M10 12v4M14 12v4`,
  device: 'M7 2h10v20H7zM11 18h2',
  share: `${circle(18, 5, 2.5)}${circle(6, 12, 2.5)}${circle(18, 19, 2.5)}M8.2 13.3l7.6 4.4M15.8 6.3l-7.6 4.4`,
} as const;

export type IconName = keyof typeof ICONS;
