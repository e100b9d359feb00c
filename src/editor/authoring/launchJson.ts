// Adds one debug configuration to a workspace's .vscode/launch.json without destroying it. The
// file is JSONC that users edit by hand; jsonc-parser (VS Code's own) reads it and applies the
// edit as text, so comments, order, trailing commas and the user's line breaks stay as they
// were. The new element is appended after the last one and indented like its siblings; the edit
// is re-parsed before it is returned, and an unreadable file is an error value, never overwritten.
import { applyEdits, createScanner, findNodeAtLocation, getNodeValue, modify, parseTree, SyntaxKind, type Edit, type Node, type ParseError } from 'jsonc-parser';
import type { JsonValue } from '../../protocol/lifecycle';
import { fail, succeed, type Outcome } from './authoringError';

export interface LaunchConfiguration {
  type: string;
  request: string;
  name: string;
  [attribute: string]: JsonValue;
}

export interface LaunchJsonEdit {
  text: string;
  /** False when a configuration with the same name was already there (text unchanged). */
  added: boolean;
}

/** The whole launch.json for a folder that has none. */
export function newLaunchJson(configuration: LaunchConfiguration): string {
  const body = indentBlock(JSON.stringify(configuration, null, 2), '    ', '\n');
  return `{\n  "version": "0.2.0",\n  "configurations": [\n    ${body}\n  ]\n}\n`;
}

/** The JSONC value of `text` as VS Code reads launch.json (comments, trailing commas), or undefined. */
export function readLaunchJson(text: string): { tree: Node; value: unknown } | undefined {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return tree === undefined || errors.length > 0 ? undefined : { tree, value: getNodeValue(tree) as unknown };
}

/**
 * `existing` with `configuration` appended to its "configurations" array (created if missing).
 * `file` only names the file in error messages.
 */
export function addLaunchConfiguration(existing: string, configuration: LaunchConfiguration, file: string): Outcome<LaunchJsonEdit> {
  if (existing.trim() === '') return succeed({ text: newLaunchJson(configuration), added: true });
  const read = readLaunchJson(existing);
  if (read === undefined || !isObject(read.value)) {
    return fail('launch-json-invalid', `${file} is not a JSON object (a comment or bracket may be unclosed). Fix it, or add a "${configuration.type}" configuration by hand.`);
  }
  const current = read.value.configurations;
  if (current !== undefined && !Array.isArray(current)) {
    return fail('launch-json-invalid', `"configurations" in ${file} is not an array. Make it a list, then run the command again.`);
  }
  if (current?.some((c) => isObject(c) && c.name === configuration.name)) return succeed({ text: existing, added: false });

  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(existing, read.tree);
  const array = findNodeAtLocation(read.tree, ['configurations']);
  const edits = array === undefined
    ? modify(existing, ['configurations'], [configuration], {
        formattingOptions: { insertSpaces: !unit.startsWith('\t'), tabSize: unit.startsWith('\t') ? 1 : unit.length, eol },
      })
    : appendEdits(existing, array, configuration, unit, eol);
  const edited = applyEdits(existing, edits);
  const check = readLaunchJson(edited)?.value;
  if (!isObject(check) || !Array.isArray(check.configurations)
      || !check.configurations.some((c) => isObject(c) && c.name === configuration.name)) {
    return fail('launch-json-invalid', `Could not add a configuration to ${file} without changing its meaning. Add "${configuration.name}" by hand.`);
  }
  return succeed({ text: edited, added: true });
}

/**
 * The edits that append `configuration` to `array`. jsonc-parser's `modify` would reformat the
 * line of the last element (joining a trailing comment to the new element, splitting a one-line
 * element), so the insertion point is chosen here and the library's scanner reads what follows.
 */
function appendEdits(text: string, array: Node, configuration: LaunchConfiguration, unit: string, eol: string): Edit[] {
  const arrayIndent = lineIndent(text, array.offset);
  const children = array.children ?? [];
  const last = children.at(-1);
  const elementIndent = children.length > 0 ? lineIndent(text, children[0].offset) : arrayIndent + unit;
  const element = indentBlock(JSON.stringify(configuration, null, unit), elementIndent, eol);
  const afterOpen = array.offset + 1;
  if (last === undefined) {
    return [{ offset: afterOpen, length: 0, content: `${eol}${elementIndent}${element}${eol}${arrayIndent}` }];
  }
  const lastEnd = last.offset + last.length;
  const rest = restOfElementLine(text, lastEnd);
  // A comment that ends the last element's line stays on that line, before the new element.
  if (rest.trailingCommaEnd !== undefined) {
    // Keep the file's trailing-comma style: the new element ends with one too.
    const tail = rest.closeOnSameLine ? `${eol}${arrayIndent}` : '';
    const at = rest.commentEnd ?? rest.trailingCommaEnd;
    return [{ offset: at, length: 0, content: `${eol}${elementIndent}${element},${tail}` }];
  }
  const insertion = `${eol}${elementIndent}${element}`;
  if (rest.commentEnd === undefined) return [{ offset: lastEnd, length: 0, content: `,${insertion}` }];
  return [
    { offset: lastEnd, length: 0, content: ',' },
    { offset: rest.commentEnd, length: 0, content: insertion },
  ];
}

interface ElementLineRest {
  /** End of a comma that follows the last element (a trailing comma). */
  trailingCommaEnd?: number;
  /** End of a line comment on the last element's line. */
  commentEnd?: number;
  /** Whether the closing bracket sits on the last element's line. */
  closeOnSameLine: boolean;
}

/** What follows the last element of an array up to its closing bracket, read with jsonc-parser's scanner. */
function restOfElementLine(text: string, from: number): ElementLineRest {
  const scanner = createScanner(text, false);
  scanner.setPosition(from);
  const rest: ElementLineRest = { closeOnSameLine: false };
  let sameLine = true;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const end = scanner.getTokenOffset() + scanner.getTokenLength();
    if (kind === SyntaxKind.CommaToken) rest.trailingCommaEnd = end;
    else if (kind === SyntaxKind.LineBreakTrivia) sameLine = false;
    else if (kind === SyntaxKind.LineCommentTrivia && sameLine) rest.commentEnd = end;
    else if (kind === SyntaxKind.CloseBracketToken) {
      rest.closeOnSameLine = sameLine;
      break;
    }
  }
  return rest;
}

/** The indentation the file uses for one level (that of its first member), default two spaces. */
function indentUnit(text: string, tree: Node): string {
  const first = tree.children?.[0];
  const indent = first === undefined ? '' : lineIndent(text, first.offset);
  return indent === '' ? '  ' : indent;
}

/** The whitespace that starts the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Indents every line but the first (the caller places the first line). */
function indentBlock(block: string, indent: string, eol: string): string {
  return block.split('\n').join(`${eol}${indent}`);
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
