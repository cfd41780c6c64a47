// Compares a language's catalog with the English one it translates: the same keys (a plural key needs
// every plural form of its language, as i18next asks Intl.PluralRules), no empty text, and the same
// {{placeholders}}. Used by scripts/catalogs.test.ts for the renderer's and main's catalogs.
export type Tree = { [key: string]: string | Tree };

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every leaf of a catalog by its dotted key (`qr.title`). */
export function flatten(tree: Tree, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!))].filter((p) => p !== 'count').sort();
}

/** Keys grouped by their base (plural forms share one), each with its forms and texts. */
function entries(tree: Tree): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, unknown>>();
  for (const [key, value] of flatten(tree)) {
    const m = PLURAL.exec(key);
    const base = m ? key.slice(0, -m[0].length) : key;
    const form = m ? m[1]! : '';
    if (!out.has(base)) out.set(base, new Map());
    out.get(base)!.set(form, value);
  }
  return out;
}

/** Every problem of `other` against `english`, one line each; empty when the catalog is complete. */
export function catalogProblems(english: Tree, other: Tree, language: string): string[] {
  const problems: string[] = [];
  const en = entries(english);
  const tr = entries(other);
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  for (const [base, enForms] of en) {
    for (const [form, text] of enForms) if (typeof text !== 'string' || text.trim() === '') problems.push(`en: "${base}${form && '_' + form}" is empty`);
    const have = tr.get(base);
    if (!have) {
      problems.push(`${language}: missing "${base}"`);
      continue;
    }
    const plural = !enForms.has('');
    const want = plural ? forms : [''];
    for (const form of want) if (!have.has(form)) problems.push(`${language}: missing "${base}${form && '_' + form}"`);
    for (const form of have.keys()) if (!want.includes(form)) problems.push(`${language}: "${base}${form && '_' + form}" is not a form ${language} uses`);
    const enHolders = placeholders([...enForms.values()].map(String).join(' '));
    for (const [form, text] of have) {
      const key = `${base}${form && '_' + form}`;
      if (typeof text !== 'string' || text.trim() === '') {
        problems.push(`${language}: "${key}" is empty`);
        continue;
      }
      const trHolders = placeholders(text);
      const unknown = trHolders.filter((h) => !enHolders.includes(h));
      if (unknown.length) problems.push(`${language}: "${key}" uses {{${unknown.join('}}, {{')}}}, which English does not pass`);
      const lost = enHolders.filter((h) => !trHolders.includes(h));
      if (lost.length) problems.push(`${language}: "${key}" drops {{${lost.join('}}, {{')}}}`);
    }
  }
  for (const base of tr.keys()) if (!en.has(base)) problems.push(`${language}: "${base}" is not in the English catalog`);
  return problems;
}
