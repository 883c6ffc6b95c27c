import { SETTING_GROUPS } from './settings.schema';

/** `.env.example`: every variable with its default and a one-line meaning, grouped like the schema. */
export function renderEnvExample(): string {
  const lines = [
    '# nest-djoser settings. Copy to .env and edit; real environment variables win over .env.',
    '# Names follow the Django / Djoser / SimpleJWT settings they mirror. Values shown are the defaults.',
  ];
  for (const group of SETTING_GROUPS) {
    if (group.settings.length === 0) continue;
    lines.push('', `# --- ${group.title} ---`);
    for (const d of group.settings) {
      const choices = d.choices ? ` [${d.choices.join('|')}]` : '';
      lines.push(`# ${d.help}${choices}`, `${d.name}=${d.default}`);
    }
  }
  return lines.join('\n') + '\n';
}
