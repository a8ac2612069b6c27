// Writing HTML by hand in the site's pages: text put in markup is escaped here.

/** HTML-escapes text, for element content and double-quoted attribute values. */
export function escapeHtml(text) {
  return String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
