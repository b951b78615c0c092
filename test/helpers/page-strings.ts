/**
 * Finds words written into the call page outside the message catalogues (src/web/i18n), so a
 * sentence cannot reach a visitor untranslated. Reads the TypeScript syntax tree, not the text:
 *
 * - Into a DOM text sink (textContent, innerText, innerHTML, title, alt, placeholder, ariaLabel,
 *   setAttribute('aria-label' | 'title' | …), append/replaceChildren/createTextNode, …) any
 *   literal with a letter in it is a finding, even one lowercase word.
 * - Anywhere else, a literal that reads like words for a person is a finding: two words, a
 *   sentence ending (".", "!", "?", "…"), or a capitalised word ("Mute"). Not where a literal is
 *   data: module names, comparisons and `case` labels ('NotAllowedError'), property keys and
 *   literal types, a link's `rel` keywords ('noopener noreferrer'), and what only developers
 *   read: Error messages and console output.
 */
import ts from 'typescript';

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

const TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'innerHTML', 'outerHTML', 'title', 'alt', 'placeholder', 'label', 'ariaLabel', 'ariaDescription', 'ariaRoleDescription', 'ariaValueText']);
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'alt', 'placeholder', 'label']);
const TEXT_METHODS = new Set(['append', 'prepend', 'replaceChildren', 'before', 'after', 'replaceWith', 'createTextNode', 'insertAdjacentText', 'insertAdjacentHTML', 'write', 'writeln', 'alert', 'confirm', 'prompt']);
const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.InKeyword,
]);

/** Reads like words for a person (see the file comment). */
export function looksLikeWords(text: string): boolean {
  return /\p{L}{2,}\s+\p{L}{2,}/u.test(text) || /\p{L}[.!?…]$/u.test(text.trim()) || /^\p{Lu}\p{Ll}/u.test(text.trim());
}

export function findPageStringsInScript(file: string, source: string): Finding[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string, why: string) =>
    findings.push({ file, line: tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1, text, why });

  const visit = (node: ts.Node): void => {
    if (isDeveloperOnly(node)) return;
    const text = literalText(node);
    if (text !== undefined) {
      const sink = textSink(node);
      if (sink && /\p{L}/u.test(text)) report(node, text, `written to ${sink}`);
      else if (!sink && !isData(node) && looksLikeWords(text)) report(node, text, 'words outside the catalogue');
      // A template's placeholders may hold literals of their own.
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return findings;
}

/** Text nodes and text attributes of an HTML page: it must carry no words (static-text.ts fills it). */
export function findPageStringsInHtml(file: string, html: string): Finding[] {
  const findings: Finding[] = [];
  const lineOf = (index: number) => html.slice(0, index).split('\n').length;
  const blanked = html
    .replace(/<!--[\s\S]*?-->/g, (m) => ' '.repeat(m.length))
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, (m) => ' '.repeat(m.length));
  for (const match of blanked.matchAll(/>([^<]+)</g)) {
    const text = match[1]?.trim() ?? '';
    if (/\p{L}/u.test(text)) findings.push({ file, line: lineOf(match.index), text, why: 'text in the HTML' });
  }
  for (const match of blanked.matchAll(/\s([\w-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const name = match[1]?.toLowerCase() ?? '';
    const value = match[3] ?? match[4] ?? '';
    if (TEXT_ATTRIBUTES.has(name) && /\p{L}/u.test(value)) findings.push({ file, line: lineOf(match.index), text: value, why: `${name} in the HTML` });
  }
  return findings;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  // `${a} and ${b}` reads as "{} and {}": the words around the placeholders are what is judged.
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
  return undefined;
}

/** The DOM sink a literal goes straight into (through `?:`, `??`, `||`, `+` and parentheses), if any. */
function textSink(node: ts.Node): string | undefined {
  let child: ts.Node = node;
  let parent = node.parent;
  while (
    ts.isParenthesizedExpression(parent) ||
    (ts.isConditionalExpression(parent) && parent.condition !== child) ||
    (ts.isBinaryExpression(parent) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(parent.operatorToken.kind))
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isBinaryExpression(parent) && parent.right === child && [ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken].includes(parent.operatorToken.kind)) {
    const target = parent.left;
    const name = ts.isPropertyAccessExpression(target) ? target.name.text : ts.isElementAccessExpression(target) ? literalText(target.argumentExpression) : undefined;
    if (name && TEXT_PROPERTIES.has(name)) return name;
  }
  if (ts.isCallExpression(parent) && parent.arguments.includes(child as ts.Expression)) {
    const callee = parent.expression;
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    if (method === 'setAttribute') {
      const attribute = parent.arguments[0] && literalText(parent.arguments[0]);
      if (parent.arguments[1] === child && attribute && TEXT_ATTRIBUTES.has(attribute.toLowerCase())) return `setAttribute('${attribute}')`;
    }
    if (method && TEXT_METHODS.has(method)) return `${method}()`;
  }
  return undefined;
}

/** A literal that is data, not display (see the file comment). */
function isData(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent) || ts.isCaseClause(parent)) return true;
  if (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  if (isRelValue(node)) return true;
  return ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind);
}

/**
 * A link's `rel` (`a.rel = …`, `setAttribute('rel', …)`): link-type keywords the browser reads,
 * never shown. Only lowercase keywords pass, so a sentence written into `rel` is still a finding.
 */
function isRelValue(node: ts.Node): boolean {
  const text = literalText(node);
  if (text === undefined || !/^[a-z-]+( [a-z-]+)*$/.test(text)) return false;
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return ts.isPropertyAccessExpression(parent.left) && parent.left.name.text === 'rel';
  }
  if (ts.isCallExpression(parent) && parent.arguments[1] === node && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'setAttribute') {
    const attribute = parent.arguments[0] && literalText(parent.arguments[0]);
    return attribute?.toLowerCase() === 'rel';
  }
  return false;
}

/** `new Error(…)`, `throw …` and `console.*(…)`: what only a developer reads. */
function isDeveloperOnly(node: ts.Node): boolean {
  if (ts.isThrowStatement(node)) return true;
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /Error$/.test(node.expression.text)) return true;
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'console') return true;
  }
  return false;
}
