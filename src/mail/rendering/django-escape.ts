/**
 * Django's `conditional_escape` for template variables (autoescape on): exactly
 * five characters, unlike Handlebars' default escaper, which also rewrites
 * backquotes and equals signs.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

export function djangoEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
