/** Every catalogue by language. No side effects, so tests import it without a browser. */
import { en, type Catalogue } from './en.js';
import { es } from './es.js';
import type { Language } from './languages.js';
import { ptBR } from './pt-BR.js';

export const CATALOGUES: Record<Language, Catalogue> = { en, 'pt-BR': ptBR, es };
