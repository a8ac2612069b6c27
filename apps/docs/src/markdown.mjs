// The site's own pages written in Markdown (content/*.md), rendered by marked with GitHub's
// flavour (tables). Each heading gets an id from its text, so that pages can link to a section.
import { Marked } from 'marked';
import { escapeHtml } from './html.mjs';

/** A heading's id: its text in lower case, words joined by `-` (other scripts kept as they are). */
export function slug(text) {
  return text
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

const markdown = new Marked({
  gfm: true,
  renderer: {
    // marked gives headings no id of their own; `text` is the heading's Markdown source.
    heading({ tokens, depth, text }) {
      return `<h${depth} id="${escapeHtml(slug(text))}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
  },
});

/** Renders Markdown to HTML. */
export function renderMarkdown(source) {
  return markdown.parse(source, { async: false });
}
