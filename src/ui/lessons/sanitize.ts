/**
 * The browser's sanitizer for lesson HTML: DOMPurify over markdown-it's output (which already escapes
 * raw HTML), keeping `target` on external links and the `data-run` marks of kubectl code.
 */
import DOMPurify from 'dompurify';

/** Cleans rendered lesson HTML. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, { ADD_ATTR: ['target'], ALLOW_DATA_ATTR: true });
}
