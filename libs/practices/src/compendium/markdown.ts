// The compendium as Markdown: a title, a table of contents linking to each practice, then one
// section per practice with its facts, texts, contact, provenance and consented quotes.
import type { Compendium } from './compendium.service.js';

/** A heading's anchor as GitHub-style renderers make it. */
export function anchorOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** Demotes an entry's own headings below the compendium's (its sections are level 3). */
const demote = (markdown: string) => markdown.replace(/^(#{1,3})\s/gm, '#### ');

export function renderMarkdown(compendium: Compendium): string {
  const { labels } = compendium;
  const out: string[] = [`# ${compendium.title}`, '', `_${compendium.subtitle}_`, ''];
  out.push(`## ${labels.contents}`, '');
  compendium.entries.forEach((entry, i) => {
    const heading = `${i + 1}. ${entry.title}`;
    out.push(`${i + 1}. [${entry.title}](#${anchorOf(heading)})`);
  });
  out.push('');
  compendium.entries.forEach((entry, i) => {
    out.push('---', '', `## ${i + 1}. ${entry.title}`, '');
    if (entry.note) out.push(`> ${entry.note}`, '');
    for (const [label, value] of entry.meta) out.push(`- **${label}:** ${value}`);
    if (entry.submittedBy) out.push(`- **${labels.submittedBy}:** ${entry.submittedBy}`);
    out.push('');
    for (const section of entry.sections)
      out.push(`### ${section.heading}`, '', demote(section.markdown.trim()), '');
    if (entry.quotes.length) {
      out.push(`### ${labels.quotes}`, '');
      for (const quote of entry.quotes)
        out.push(`> “${quote.text}”`, `> — ${quote.attribution}`, '');
    }
    if (entry.contact) out.push(`### ${labels.contact}`, '', entry.contact, '');
    if (entry.provenance.length) {
      out.push(`### ${labels.provenance}`, '');
      for (const line of entry.provenance) out.push(`- ${line}`);
      out.push('');
    }
  });
  out.push('---', '', `_${labels.footer}_`, '');
  return out.join('\n');
}
