/**
 * Finds user-visible text that bypasses the message catalogue, by walking the TypeScript syntax tree:
 * - JSX text (`<p>Hello</p>`) and string literals in JSX attributes a person sees or hears
 *   (aria-label, placeholder, title, alt, label, aria-description);
 * - in plain .ts files (tray, notifications, prompts): string literals given to properties a person
 *   sees (label, tooltip, title, body, message, sublabel, placeholder);
 * and collects every `t('key')` / `t("key")` call so a test can check the keys exist.
 */
import ts from 'typescript';
import { readFileSync } from 'node:fs';

export interface Finding {
  file: string;
  line: number;
  text: string;
}

const VISIBLE_ATTRS = new Set(['aria-label', 'placeholder', 'title', 'alt', 'label', 'aria-description', 'aria-placeholder']);
const VISIBLE_PROPS = new Set(['label', 'tooltip', 'title', 'body', 'message', 'sublabel', 'placeholder']);

/** Text that is not language: brand, acronyms, symbols, numbers, format tokens. */
const NEUTRAL = /^(akvault|AK|SK|MFA|IAM|ID|JSON|CSV|URL|OK|[\s\d.,:;·•…×%/()[\]{}<>+\-–—*#@|!?=_'"`~^&$]+)$/;

function isLanguage(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && !NEUTRAL.test(t) && /\p{L}/u.test(t);
}

export function scanFile(file: string): { findings: Finding[]; keys: Array<{ key: string; line: number }> } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const keys: Array<{ key: string; line: number }> = [];
  const lineOf = (n: ts.Node) => source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1;
  const literalText = (n: ts.Node | undefined): string | undefined =>
    n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined;

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isLanguage(node.text)) findings.push({ file, line: lineOf(node), text: node.text.trim() });
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRS.has(node.name.getText(source))) {
      const init = node.initializer;
      const text = literalText(init) ?? (init && ts.isJsxExpression(init) ? literalText(init.expression) : undefined);
      if (text !== undefined && isLanguage(text)) findings.push({ file, line: lineOf(node), text });
    }
    if (ts.isPropertyAssignment(node) && VISIBLE_PROPS.has(node.name.getText(source).replace(/['"]/g, ''))) {
      const text = literalText(node.initializer);
      if (text !== undefined && isLanguage(text)) findings.push({ file, line: lineOf(node), text });
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const first = literalText(node.arguments[0]);
      if (name === 't' && first !== undefined) keys.push({ key: first, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { findings, keys };
}
