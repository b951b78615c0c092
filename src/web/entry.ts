/**
 * The page's entry: before anything else, check that this browser can call (requirements.ts).
 * One that cannot gets the cannot-call page and never loads the call, so it asks for no
 * camera and shows no controls. (esbuild inlines the dynamic import: still one file.)
 */
import { showCannotCall } from './cannot-call.js';
import { language, t } from './i18n/index.js';
import { applyStaticText } from './i18n/static-text.js';
import { missingForCall } from './requirements.js';

// index.html has no words of its own: both pages need them first.
applyStaticText(document, language, t);

const missing = missingForCall(window);
if (missing.length > 0) showCannotCall(document, location, missing);
else void import('./main.js');
