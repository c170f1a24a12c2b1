import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { isGenericMessage } from '../../src/shared/zod-messages';

/** tests/setup-zod.ts installs the messages, as the phone's entry and the server do. */
const messageOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error.issues[0]!.message;
};

describe("zod's messages in Indonesian and English", () => {
  it('says a missing field is required and a wrong type what it should be', () => {
    expect(messageOf(z.object({ name: z.string() }), {})).toBe('Wajib diisi / Required');
    expect(messageOf(z.number(), 'tiga')).toBe(
      'Jenis isian salah: harus angka / Wrong type: expected a number',
    );
    expect(messageOf(z.array(z.string()), {})).toBe(
      'Jenis isian salah: harus daftar / Wrong type: expected a list',
    );
  });

  it('tells text and list limits in characters and items, an empty text as required', () => {
    expect(messageOf(z.string().min(1), '')).toBe('Wajib diisi / Required');
    expect(messageOf(z.string().max(3), 'abcd')).toBe(
      'Terlalu panjang: paling banyak 3 karakter / Too long: at most 3 characters',
    );
    expect(messageOf(z.string().min(8), 'abc')).toBe(
      'Terlalu pendek: paling sedikit 8 karakter / Too short: at least 8 characters',
    );
    expect(messageOf(z.array(z.number()).max(2), [1, 2, 3])).toBe(
      'Terlalu banyak: paling banyak 2 butir / Too many: at most 2 items',
    );
    expect(messageOf(z.number().max(10), 11)).toBe('Terlalu besar: paling besar 10 / Too big: at most 10');
    expect(messageOf(z.number().positive(), 0)).toBe(
      'Terlalu kecil: harus lebih dari 0 / Too small: must be more than 0',
    );
  });

  it('lists at most five options of an enum and names unknown keys', () => {
    expect(messageOf(z.enum(['a', 'b']), 'c')).toBe(
      'Pilihan tidak dikenal: harus salah satu dari "a", "b" / Unknown option: expected one of "a", "b"',
    );
    const many = z.enum(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(messageOf(many, 'x')).toContain('"e", …');
    expect(messageOf(z.strictObject({}), { __proto__x: 1 })).toBe(
      'Kunci tidak dikenal: __proto__x / Unknown keys: __proto__x',
    );
  });

  it("keeps a schema's own message", () => {
    expect(messageOf(z.string().min(1, 'Nama wajib diisi / Name is required'), '')).toBe(
      'Nama wajib diisi / Name is required',
    );
  });

  it('names the format a string failed', () => {
    expect(messageOf(z.email(), 'bukan-surel')).toBe('Format tidak sah (email) / Invalid format (email)');
  });
});

describe('isGenericMessage', () => {
  const firstIssue = (schema: z.ZodType, value: unknown) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) throw new Error('expected a refusal');
    return parsed.error.issues[0]!;
  };

  it("tells zod's generic messages (which do not name the field) from a schema's own", () => {
    expect(isGenericMessage(firstIssue(z.object({ place: z.string() }), { place: 42 }))).toBe(true);
    expect(isGenericMessage(firstIssue(z.object({ place: z.string() }), {}))).toBe(true);
    expect(isGenericMessage(firstIssue(z.string().max(2), 'abc'))).toBe(true);
    expect(
      isGenericMessage(firstIssue(z.string().min(1, 'Tempat wajib diisi / Place is required'), '')),
    ).toBe(false);
  });
});
