/**
 * Seeded Indonesian text for benchmark records: a word-level Markov chain (order 1) over `corpus()`, so every
 * note is new text with the word frequencies of real notes (its gzip ratio is printed by the benchmark, next to
 * that of real Indonesian news text, so the figures can be judged).
 */
import { corpus } from './corpus';

export type Rand = () => number;

export function rng(seed: number): Rand {
  let s = seed >>> 0;
  return () => {
    // mulberry32: small, fast, good enough for test data.
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
export const between = (rand: Rand, min: number, max: number): number =>
  min + Math.floor(rand() * (max - min + 1));

const JUMP = 0.65;
const NUMBER = 0.05;
const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

function number(rand: Rand): string {
  const roll = rand();
  if (roll < 0.4) return String(between(rand, 2, 400));
  if (roll < 0.6) return `${between(rand, 1, 28)} ${pick(rand, MONTHS)}`;
  if (roll < 0.75) return `Rp${(between(rand, 1, 900) * 50_000).toLocaleString('id-ID')}`;
  if (roll < 0.9) return `${between(rand, 1, 99)},${between(rand, 0, 9)} persen`;
  return `${between(rand, 7, 16)}.${pick(rand, ['00', '15', '30', '45'])}`;
}

export class TextGenerator {
  readonly #next = new Map<string, string[]>();
  readonly #starts: string[] = [];
  readonly #vocabulary: string[];

  constructor(source: string = corpus()) {
    for (const line of source.split(/\n+/)) {
      for (const sentence of line.split(/(?<=[.!?])\s+/)) {
        const words = sentence.trim().split(/\s+/).filter(Boolean);
        if (words.length < 3) continue;
        this.#starts.push(words[0]!);
        for (let i = 0; i < words.length - 1; i++) {
          const key = words[i]!.toLowerCase();
          const list = this.#next.get(key) ?? [];
          list.push(words[i + 1]!);
          this.#next.set(key, list);
        }
      }
    }
    this.#vocabulary = [...new Set(source.toLowerCase().match(/[a-z][a-z/-]+/g) ?? [])];
  }

  /**
   * The next word: usually one that followed `word` in the corpus, sometimes any word or a number (counts,
   * dates, money), as in real notes. Without these jumps the chain repeats the corpus' phrases and the text
   * compresses three times better than real Indonesian text does.
   */
  #follow(rand: Rand, word: string): string | undefined {
    const roll = rand();
    if (roll < JUMP) return pick(rand, this.#vocabulary);
    if (roll < JUMP + NUMBER) return number(rand);
    const options = this.#next.get(word.toLowerCase());
    return options ? pick(rand, options) : undefined;
  }

  /** About `words` words of sentences (the last one is ended where the count is reached). */
  text(rand: Rand, words: number): string {
    const out: string[] = [];
    while (out.length < words) {
      let word = pick(rand, this.#starts);
      out.push(word);
      for (let n = 1; n < 40 && out.length < words && !/[.!?]$/.test(word); n++) {
        const next = this.#follow(rand, word);
        if (next === undefined) break;
        word = next;
        out.push(word);
      }
      const last = out[out.length - 1]!;
      if (!/[.!?]$/.test(last)) out[out.length - 1] = `${last.replace(/[,:;]$/, '')}.`;
    }
    return out.join(' ');
  }
}
