/** The phone's template catalogue: synced records, the shipped JSON before the first sync, successors. */
import { describe, expect, it } from 'vitest';
import { TemplateCatalog } from '../../../src/shared/domain/template-catalog';
import { aTemplate } from '../../factories';
import kipp2027Json from '../../factories/kipp-2027-umum.json';

const shipped2023 = aTemplate({ key: 'kipp-2023-umum' });
const profil = aTemplate({ key: 'profil-inovasi-daerah' });
const t2027 = (status: 'draft' | 'active' | 'retired') =>
  aTemplate({
    key: 'kipp-2027-umum',
    version: 1,
    year: 2027,
    status,
    replaces: 'kipp-2023-umum',
    template: structuredClone(kipp2027Json) as Record<string, unknown>,
  });

describe('TemplateCatalog', () => {
  it('uses the shipped JSON before the first sync, every shipped template active', () => {
    const catalog = new TemplateCatalog([]);
    expect(catalog.synced).toBe(false);
    expect(catalog.active().map((t) => t.key)).toEqual(['kipp-2023-umum', 'profil-inovasi-daerah']);
    expect(catalog.get('kipp-2027-umum', 1)).toBeUndefined();
  });

  it('offers only active templates for a new draft, the newest year first', () => {
    const draft = new TemplateCatalog([shipped2023, profil, t2027('draft')]);
    expect(draft.synced).toBe(true);
    expect(draft.active().map((t) => t.key)).toEqual(['kipp-2023-umum', 'profil-inovasi-daerah']);
    const after = new TemplateCatalog([{ ...shipped2023, status: 'retired' }, profil, t2027('active')]);
    expect(after.active().map((t) => t.key)).toEqual(['kipp-2027-umum', 'profil-inovasi-daerah']);
  });

  it('opens every version it has, retired or not, and a deleted record is gone', () => {
    const catalog = new TemplateCatalog([{ ...shipped2023, status: 'retired' }, t2027('active')]);
    expect(catalog.get('kipp-2027-umum', 1)?.title.id).toBe('Proposal KIPP 2027 - Kelompok Umum');
    expect(catalog.get('kipp-2023-umum', 1)?.key).toBe('kipp-2023-umum');
    expect(
      new TemplateCatalog([{ ...t2027('active'), deleted: true }, profil]).get('kipp-2027-umum', 1),
    ).toBe(undefined);
  });

  it('names the active template a draft may move to, none while the successor is a draft', () => {
    expect(
      new TemplateCatalog([shipped2023, t2027('draft')]).successorOf('kipp-2023-umum', 1),
    ).toBeUndefined();
    const catalog = new TemplateCatalog([{ ...shipped2023, status: 'retired' }, profil, t2027('active')]);
    expect(catalog.successorOf('kipp-2023-umum', 1)?.key).toBe('kipp-2027-umum');
    expect(catalog.successorOf('kipp-2027-umum', 1)).toBeUndefined();
    expect(catalog.successorOf('profil-inovasi-daerah', 1)).toBeUndefined();
  });
});
