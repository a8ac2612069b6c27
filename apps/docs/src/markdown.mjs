// A small Markdown renderer for the site's own pages (content/*.md), so that they need no
// dependency. It knows what those pages use: `#`–`###` headings (with an id), paragraphs, `-` and
// `1.` lists (one level), fenced code blocks, tables, `> ` notes, and inline `code`, **bold**,
// *italic* and [links](href). Anything else is shown as text.

/** HTML-escapes text. */
export function escapeHtml(text) {
  return String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function inline(text) {
  const codes = [];
  let html = escapeHtml(text).replace(/`([^`]+)`/g, (_m, code) => {
    codes.push(`<code>${code}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  html = html
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
  return html.replace(/\u0000(\d+)\u0000/g, (_m, index) => codes[Number(index)]);
}

/** A heading's id: its text in lower case, words joined by `-` (other scripts kept as they are). */
export function slug(text) {
  return text
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

const cells = (row) => row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim().replaceAll('\\|', '|'));

/** Renders Markdown to HTML. */
export function renderMarkdown(source) {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const out = [];
  let i = 0;
  const isBlockStart = (line) => /^(#{1,3} |```|[-*] |\d+\. |> |\|)/.test(line) || line.trim() === '';
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
    } else if (/^#{1,3} /.test(line)) {
      const level = line.indexOf(' ');
      const text = line.slice(level + 1).trim();
      out.push(`<h${level} id="${escapeHtml(slug(text))}">${inline(text)}</h${level}>`);
      i++;
    } else if (line.startsWith('```')) {
      const language = line.slice(3).trim();
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
      i++;
      out.push(`<pre><code${language ? ` class="language-${escapeHtml(language)}"` : ''}>${escapeHtml(code.join('\n'))}</code></pre>`);
    } else if (line.startsWith('|')) {
      const rows = [];
      for (; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
      const [head, , ...body] = rows;
      out.push(
        `<table>\n<thead><tr>${cells(head).map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead>\n<tbody>\n${body
          .map((row) => `<tr>${cells(row).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`)
          .join('\n')}\n</tbody>\n</table>`,
      );
    } else if (/^([-*]|\d+\.) /.test(line)) {
      const ordered = /^\d+\. /.test(line);
      const items = [];
      for (; i < lines.length && (/^([-*]|\d+\.) /.test(lines[i]) || (/^\s+\S/.test(lines[i]) && items.length)); i++) {
        if (/^([-*]|\d+\.) /.test(lines[i])) items.push(lines[i].replace(/^([-*]|\d+\.) /, ''));
        else items[items.length - 1] += ` ${lines[i].trim()}`;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>\n${items.map((item) => `<li>${inline(item)}</li>`).join('\n')}\n</${tag}>`);
    } else if (line.startsWith('> ')) {
      const quote = [];
      for (; i < lines.length && lines[i].startsWith('>'); i++) quote.push(lines[i].replace(/^> ?/, ''));
      out.push(`<blockquote>${renderMarkdown(quote.join('\n'))}</blockquote>`);
    } else {
      const paragraph = [];
      for (; i < lines.length && !(paragraph.length && isBlockStart(lines[i])); i++) paragraph.push(lines[i].trim());
      out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    }
  }
  return out.join('\n');
}
