// The demonstration data keep their legal bases as people wrote them («Ley 18.695 art. 4; Ley 20.379 art. 6»); this
// turns each into the structured basis of rule 6: the first «Ley N art. X» is the norm, the whole text the note,
// and a dataset with sensitive or children's data adds the sensitive-data basis (Ley 19.628 art. 16).
import type { LegalBasis, SensitiveCategory } from '../../../protocol';

type Classified = { classification: { privacy: string } };

export function seedLegalBasis(text: string, datasets: Classified[], categories: SensitiveCategory[] = ['salud']) {
  const m = /((?:Ley|DL|DFL|Decreto)\s[\d.]+[^;,]*?)\s+(art\.?\s*[^;]+)/i.exec(text);
  const norm = m ? { law: m[1]!.trim(), article: m[2]!.trim() } : { law: 'Ley 18.695', article: 'art. 4' };
  const sensitive = datasets.some((d) => ['sensible', 'nna'].includes(d.classification.privacy));
  const basis: LegalBasis = {
    basis: 'funciones_legales',
    norm,
    note: text,
    ...(sensitive ? { sensitive: { basis: 'ley_expresa', categories } } : {}),
  };
  return basis;
}
