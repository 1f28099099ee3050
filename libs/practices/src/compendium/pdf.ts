// The compendium as a PDF, drawn with PDFKit (no browser): a cover, a table of contents with
// page numbers (and bookmarks), then one section per practice. DejaVu Sans is embedded (its
// subset), so French, Dutch and German text, and names from anywhere, print and copy as written.
import { marked, type Token, type Tokens } from 'marked';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { projectRoot } from '#libs/common';
import type { Compendium, CompendiumEntry } from './compendium.service.js';

const FONT_DIR = path.join(projectRoot(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italic: path.join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
  boldItalic: path.join(FONT_DIR, 'DejaVuSans-BoldOblique.ttf'),
};
const MARGIN = 56;
const INK = '#1d2433';
const MUTED = '#5b6475';
const ACCENT = '#1f5f8b';
const TOC_LINES_PER_PAGE = 30;

type Doc = PDFKit.PDFDocument;

export function renderPdf(compendium: Compendium): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    lang: compendium.language,
    displayTitle: true,
    info: { Title: compendium.title, Author: 'Crossings', Subject: compendium.labels.footer },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);
  doc.registerFont('bold-italic', FONTS.boldItalic);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  cover(doc, compendium);
  // The contents come before the sections but need their page numbers: reserve their pages now
  // and fill them in at the end (bufferPages keeps every page open).
  const tocPages = Math.max(1, Math.ceil(compendium.entries.length / TOC_LINES_PER_PAGE));
  const tocStart = 1;
  for (let i = 0; i < tocPages; i++) doc.addPage();
  const starts: number[] = [];
  compendium.entries.forEach((entry, i) => {
    doc.addPage();
    starts.push(doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1);
    doc.addNamedDestination(`practice-${i + 1}`);
    doc.outline.addItem(`${i + 1}. ${entry.title}`);
    section(doc, compendium, entry, i + 1);
  });
  contents(doc, compendium, tocStart, starts);
  footers(doc, compendium);
  doc.end();
  return done;
}

function cover(doc: Doc, compendium: Compendium): void {
  const width = doc.page.width - 2 * MARGIN;
  doc.rect(0, 0, doc.page.width, 12).fill(ACCENT);
  doc.fillColor(MUTED).font('bold').fontSize(11).text('CROSSINGS', MARGIN, 160, { width });
  doc.moveDown(1.5);
  doc.fillColor(INK).font('bold').fontSize(28).text(compendium.title, { width });
  doc.moveDown(1);
  doc.fillColor(MUTED).font('regular').fontSize(13).text(compendium.subtitle, { width });
}

function contents(doc: Doc, compendium: Compendium, tocStart: number, starts: number[]): void {
  const width = doc.page.width - 2 * MARGIN;
  compendium.entries.forEach((entry, i) => {
    const page = tocStart + Math.floor(i / TOC_LINES_PER_PAGE);
    if (i % TOC_LINES_PER_PAGE === 0) {
      doc.switchToPage(page);
      doc.x = MARGIN;
      doc.y = MARGIN;
      doc.fillColor(INK).font('bold').fontSize(18).text(compendium.labels.contents, { width });
      doc.moveDown(0.8);
    }
    const number = String(starts[i]! + 1);
    const y = doc.y;
    doc.font('regular').fontSize(10.5).fillColor(INK);
    const label = `${i + 1}. ${entry.title}`;
    const labelWidth = width - 40;
    doc.text(label, MARGIN, y, {
      width: labelWidth,
      goTo: `practice-${i + 1}`,
      ellipsis: true,
      height: 14,
      lineBreak: false,
    });
    doc.fillColor(MUTED).text(number, MARGIN + labelWidth, y, { width: 40, align: 'right' });
    doc.x = MARGIN;
    doc.y = y + 18;
  });
}

function footers(doc: Doc, compendium: Compendium): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    if (i === 0) continue;
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(
        `${compendium.labels.footer} · ${compendium.labels.page} ${i + 1} / ${range.count}`,
        MARGIN,
        doc.page.height - MARGIN / 2 - 6,
        { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
}

function section(doc: Doc, compendium: Compendium, entry: CompendiumEntry, n: number): void {
  const { labels } = compendium;
  const width = doc.page.width - 2 * MARGIN;
  doc.fillColor(ACCENT).font('bold').fontSize(10).text(`${n}`, { width });
  doc.fillColor(INK).font('bold').fontSize(19).text(entry.title, { width });
  doc.moveDown(0.4);
  if (entry.note) {
    doc.fillColor(MUTED).font('italic').fontSize(9.5).text(entry.note, { width });
    doc.moveDown(0.3);
  }
  // The facts, as label: value lines.
  doc.fontSize(9.5);
  for (const [label, value] of entry.meta) {
    doc.fillColor(MUTED).font('bold').text(`${label}: `, { continued: true, width });
    doc.fillColor(INK).font('regular').text(value, { width });
  }
  if (entry.submittedBy) {
    doc.fillColor(MUTED).font('bold').text(`${labels.submittedBy}: `, { continued: true, width });
    doc.fillColor(INK).font('regular').text(entry.submittedBy, { width });
  }
  doc.moveDown(0.6);
  for (const part of entry.sections) {
    heading(doc, part.heading);
    markdownBlocks(doc, part.markdown);
  }
  if (entry.quotes.length) {
    heading(doc, labels.quotes);
    for (const quote of entry.quotes) {
      doc
        .fillColor(INK)
        .font('italic')
        .fontSize(10)
        .text(`“${quote.text}”`, MARGIN + 14, doc.y, {
          width: width - 14,
        });
      doc
        .fillColor(MUTED)
        .font('regular')
        .fontSize(9)
        .text(`— ${quote.attribution}`, {
          width: width - 14,
        });
      doc.x = MARGIN;
      doc.moveDown(0.4);
    }
  }
  if (entry.contact) {
    heading(doc, labels.contact);
    doc.fillColor(INK).font('regular').fontSize(10).text(entry.contact, { width });
  }
  if (entry.provenance.length) {
    heading(doc, labels.provenance);
    for (const line of entry.provenance)
      doc.fillColor(INK).font('regular').fontSize(10).text(`• ${line}`, { width });
  }
}

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.5);
  if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
  doc
    .fillColor(ACCENT)
    .font('bold')
    .fontSize(11.5)
    .text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.2);
}

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
}

/** Inline markdown as runs of text with their weight and slant. */
function runs(tokens: Token[] | undefined, bold = false, italic = false): Run[] {
  return (tokens ?? []).flatMap((token): Run[] => {
    switch (token.type) {
      case 'strong':
        return runs((token as Tokens.Strong).tokens, true, italic);
      case 'em':
        return runs((token as Tokens.Em).tokens, bold, true);
      case 'link': {
        const link = token as Tokens.Link;
        const inner = runs(link.tokens, bold, italic);
        return link.text === link.href
          ? inner
          : [...inner, { text: ` (${link.href})`, bold, italic }];
      }
      case 'codespan':
        return [{ text: (token as Tokens.Codespan).text, bold, italic }];
      case 'br':
        return [{ text: '\n', bold, italic }];
      case 'text': {
        const text = token as Tokens.Text;
        return text.tokens
          ? runs(text.tokens, bold, italic)
          : [{ text: unescape(text.text), bold, italic }];
      }
      case 'escape':
        return [{ text: (token as Tokens.Escape).text, bold, italic }];
      default:
        return 'text' in token && typeof token.text === 'string'
          ? [{ text: unescape(token.text), bold, italic }]
          : [];
    }
  });
}

function unescape(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function writeRuns(doc: Doc, parts: Run[], x: number, width: number, size = 10): void {
  const visible = parts.filter((p) => p.text.length > 0);
  if (visible.length === 0) return;
  doc.fontSize(size).fillColor(INK);
  visible.forEach((part, i) => {
    doc.font(
      part.bold ? (part.italic ? 'bold-italic' : 'bold') : part.italic ? 'italic' : 'regular',
    );
    const options = { width, continued: i < visible.length - 1 };
    if (i === 0) doc.text(part.text, x, doc.y, options);
    else doc.text(part.text, options);
  });
}

/** Block markdown (paragraphs, lists, quotes, headings) as PDF text; raw HTML is left out. */
function markdownBlocks(doc: Doc, markdown: string, indent = 0): void {
  const width = doc.page.width - 2 * MARGIN - indent;
  for (const token of marked.lexer(markdown)) {
    switch (token.type) {
      case 'paragraph':
        writeRuns(doc, runs((token as Tokens.Paragraph).tokens), MARGIN + indent, width);
        doc.moveDown(0.35);
        break;
      case 'heading':
        writeRuns(doc, runs((token as Tokens.Heading).tokens, true), MARGIN + indent, width, 10.5);
        doc.moveDown(0.2);
        break;
      case 'list': {
        const list = token as Tokens.List;
        list.items.forEach((item, i) => {
          const bullet = list.ordered ? `${(Number(list.start) || 1) + i}.` : '•';
          const y = doc.y;
          doc
            .font('regular')
            .fontSize(10)
            .fillColor(INK)
            .text(bullet, MARGIN + indent, y, {
              width: 16,
            });
          doc.y = y;
          const inline = item.tokens.flatMap((t) =>
            t.type === 'text' || t.type === 'paragraph'
              ? runs((t as Tokens.Text).tokens ?? [t], false, false)
              : [],
          );
          writeRuns(doc, inline, MARGIN + indent + 16, width - 16);
          for (const nested of item.tokens.filter((t) => t.type === 'list'))
            markdownBlocks(doc, nested.raw, indent + 16);
        });
        doc.x = MARGIN;
        doc.moveDown(0.35);
        break;
      }
      case 'blockquote':
        doc.fillColor(MUTED);
        markdownBlocks(doc, (token as Tokens.Blockquote).text, indent + 14);
        break;
      case 'code':
        doc
          .font('regular')
          .fontSize(9)
          .fillColor(INK)
          .text((token as Tokens.Code).text, MARGIN + indent, doc.y, { width });
        doc.moveDown(0.35);
        break;
      case 'hr':
      case 'space':
      case 'html':
        break;
      default:
        if ('text' in token && typeof token.text === 'string')
          writeRuns(
            doc,
            [{ text: token.text, bold: false, italic: false }],
            MARGIN + indent,
            width,
          );
    }
  }
  doc.x = MARGIN;
}
