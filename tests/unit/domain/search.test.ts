import { describe, expect, it } from 'vitest';
import { indexWords, normalizeText, searchTerms, splitWords } from '../../../src/shared/domain/search';
import { aFollowUp, aSession, keyedByNewIds } from '../../factories';

describe('search normalisation', () => {
  it('lowercases and strips accents', () => {
    expect(normalizeText('Évaluasi ÅKTIF Kebaruan')).toBe('evaluasi aktif kebaruan');
  });

  it('splits on punctuation and hyphens, drops empties', () => {
    expect(splitWords('Anak-anak, (Posyandu) 2023!')).toEqual(['anak', 'anak', 'posyandu', '2023']);
    expect(searchTerms('  posyandu  POSYANDU keliling ')).toEqual(['posyandu', 'keliling']);
    expect(searchTerms('!!! —')).toEqual([]);
  });

  it('indexes the searchable fields of a session, distinct', () => {
    const session = aSession({
      place: 'Aula Puskesmas',
      topics: 'Kebaruan inovasi',
      notes: 'Puskesmas perlu data',
      actions: keyedByNewIds([aFollowUp({ what: 'Kumpulkan survei', who: 'Budi' })]),
    });
    const words = indexWords(session);
    expect(words).toEqual(expect.arrayContaining(['aula', 'puskesmas', 'kebaruan', 'survei', 'budi']));
    expect(words.filter((w) => w === 'puskesmas')).toHaveLength(1);
  });
});
