import { describe, expect, it } from 'vitest';
import { indexWords, normalizeText, searchTerms, splitWords } from '../../../src/shared/domain/search';
import { newSessionBody } from '../../../src/shared/domain/factories';
import type { Session } from '../../../src/shared/records';

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
    const session: Session = {
      id: '0190f5d2-7a3c-7c4e-8d3b-1f2a3b4c5d6e',
      kind: 'session',
      tenantId: 'local',
      createdAt: 1,
      updatedAt: 1,
      createdBy: 'guest',
      updatedBy: 'guest',
      deleted: false,
      rev: 0,
      fieldVersions: {},
      ...newSessionBody(new Date(2025, 7, 26, 9, 0)),
      place: 'Aula Puskesmas',
      topics: 'Kebaruan inovasi',
      notes: 'Puskesmas perlu data',
      actions: {
        '0190f5d2-7a3c-7c4e-8d3b-1f2a3b4c5d6f': {
          what: 'Kumpulkan survei',
          who: 'Budi',
          due: '',
          status: 'terbuka',
          order: 1,
        },
      },
    };
    const words = indexWords(session);
    expect(words).toEqual(expect.arrayContaining(['aula', 'puskesmas', 'kebaruan', 'survei', 'budi']));
    expect(words.filter((w) => w === 'puskesmas')).toHaveLength(1);
  });
});
