/**
 * The DOCX renderer. Loaded only on demand (`await import('./docx')`): the `docx` library is large and must
 * never reach the first screen. Every value goes in as a text run, which the library writes as escaped XML
 * text: a `<script>` typed into a section stays those characters in the document.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  HeightRule,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { OutputDocument, OutputPhoto, OutputSignature } from './model';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** One paragraph per line: Word has no newline inside a run that survives every viewer. */
function prose(text: string): Paragraph[] {
  const lines = text.split(/\r?\n/);
  return lines.map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

/** Widest a photo goes on an A4 page with its margins, in pixels at 96 per inch (about 16 cm). */
const PHOTO_MAX_WIDTH = 600;

/** A photo scaled to the page width, with its name under it; a format Word cannot take is named only. */
function photo(p: OutputPhoto): Paragraph[] {
  const type = p.mime === 'image/png' ? 'png' : p.mime === 'image/jpeg' ? 'jpg' : null;
  const caption = new Paragraph({ children: [new TextRun({ text: p.name, italics: true })] });
  if (!type || !p.width || !p.height) return [caption];
  const scale = Math.min(1, PHOTO_MAX_WIDTH / p.width);
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type,
          data: p.data,
          transformation: { width: Math.round(p.width * scale), height: Math.round(p.height * scale) },
          altText: { name: p.name, description: p.name, title: p.name },
        }),
      ],
    }),
    caption,
  ];
}

/** Signature blocks side by side, without borders: the role, room to sign, then the name under a line. */
function signatures(items: OutputSignature[]): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = {
    top: none,
    bottom: none,
    left: none,
    right: none,
    insideHorizontal: none,
    insideVertical: none,
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({
        children: items.map(
          (item) =>
            new TableCell({
              borders,
              children: [
                new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(item.role)] }),
                new Paragraph({ children: [] }),
                new Paragraph({ children: [] }),
                new Paragraph({ children: [] }),
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [new TextRun(`( ${item.name || '.'.repeat(30)} )`)],
                }),
              ],
            }),
        ),
      }),
    ],
  });
}

function table(columns: string[], rows: string[][], tall = false): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '888888' };
  const cell = (text: string, bold = false) =>
    new TableCell({
      borders: { top: border, bottom: border, left: border, right: border },
      children: text
        .split(/\r?\n/)
        .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c, true)) }),
      ...rows.map(
        (r) =>
          new TableRow({
            // About 1 cm: room for a signature.
            height: tall ? { value: 567, rule: HeightRule.ATLEAST } : undefined,
            children: r.map((v) => cell(v)),
          }),
      ),
    ],
  });
}

export function buildDocument(doc: OutputDocument): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: doc.kind, italics: true })] }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.LEFT,
      children: [new TextRun(doc.title)],
    }),
  ];
  for (const field of doc.fields) {
    children.push(
      new Paragraph({
        children: [new TextRun({ text: `${field.label}: `, bold: true }), new TextRun(field.value)],
      }),
    );
  }
  for (const section of doc.sections) {
    children.push(
      new Paragraph({
        heading: section.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1,
        children: [new TextRun(section.heading)],
      }),
    );
    if (section.note)
      children.push(new Paragraph({ children: [new TextRun({ text: section.note, italics: true })] }));
    if (section.headingOnly) continue;
    // An empty section says so: a blank paragraph reads as a lost answer.
    if (section.text.trim()) children.push(...prose(section.text));
    else children.push(new Paragraph({ children: [new TextRun({ text: doc.empty, italics: true })] }));
  }
  for (const t of doc.tables) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t.heading)] }));
    if (t.summary) children.push(new Paragraph({ children: [new TextRun(t.summary)] }));
    if (t.rows.length) children.push(table(t.columns, t.rows, t.tall));
  }
  if (doc.photos) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.photos.heading)] }),
    );
    for (const p of doc.photos.items) children.push(...photo(p));
  }
  if (doc.signatures) {
    children.push(new Paragraph({ children: [] }));
    if (doc.signatures.place)
      children.push(
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(doc.signatures.place)] }),
      );
    children.push(signatures(doc.signatures.items));
  }
  return new Document({
    creator: 'Rintis',
    title: doc.title,
    styles: { default: { document: { run: { font: 'Calibri', size: 24 } } } },
    sections: [{ children }],
  });
}

/** The finished file, as a `File` so it can be shared as well as downloaded. */
export async function docxFile(doc: OutputDocument): Promise<File> {
  const blob = await Packer.toBlob(buildDocument(doc));
  return new File([blob], `${doc.fileBase}.docx`, { type: DOCX_MIME });
}
