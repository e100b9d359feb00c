// Adds one debug configuration to a workspace's .vscode/launch.json without destroying it. The
// file is JSONC that users edit by hand, so this is a text edit at the end of the
// "configurations" array: comments, order and formatting stay as the user left them. The edit is
// re-parsed before it is returned; an unreadable file is an error value, never overwritten.
import type { JsonValue } from '../../protocol/lifecycle';
import { fail, succeed, type Outcome } from './authoringError';
import { matchingClose, parseJsonc, scanJsonc, type JsoncToken } from './jsonc';

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

/**
 * `existing` with `configuration` appended to its "configurations" array (created if missing).
 * `file` only names the file in error messages.
 */
export function addLaunchConfiguration(existing: string, configuration: LaunchConfiguration, file: string): Outcome<LaunchJsonEdit> {
  if (existing.trim() === '') return succeed({ text: newLaunchJson(configuration), added: true });
  const parsed = parseJsonc(existing);
  if (!isObject(parsed)) {
    return fail('launch-json-invalid', `${file} is not a JSON object (a comment or bracket may be unclosed). Fix it, or add a "${configuration.type}" configuration by hand.`);
  }
  const current = parsed.configurations;
  if (current !== undefined && !Array.isArray(current)) {
    return fail('launch-json-invalid', `"configurations" in ${file} is not an array. Make it a list, then run the command again.`);
  }
  if (current?.some((c) => isObject(c) && c.name === configuration.name)) return succeed({ text: existing, added: false });

  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const { tokens } = scanJsonc(existing);
  const unit = indentUnit(existing, tokens);
  const edited = current === undefined
    ? insertConfigurationsKey(existing, tokens, configuration, unit, eol)
    : appendToArray(existing, tokens, configuration, unit, eol);
  const check = edited === undefined ? undefined : parseJsonc(edited);
  if (edited === undefined || !isObject(check) || !Array.isArray(check.configurations)
      || !check.configurations.some((c) => isObject(c) && c.name === configuration.name)) {
    return fail('launch-json-invalid', `Could not add a configuration to ${file} without changing its meaning. Add "${configuration.name}" by hand.`);
  }
  return succeed({ text: edited, added: true });
}

function appendToArray(text: string, tokens: JsoncToken[], configuration: LaunchConfiguration, unit: string, eol: string): string | undefined {
  const open = findTopLevelKeyValue(tokens, 'configurations');
  if (open === -1 || tokens[open].text !== '[') return undefined;
  const close = matchingClose(tokens, open);
  if (close === -1) return undefined;
  const last = tokens[close - 1];
  const elementIndent = close - 1 > open ? lineIndent(text, tokens[open + 1].start) : lineIndent(text, tokens[open].start) + unit;
  const element = indentBlock(JSON.stringify(configuration, null, unit), elementIndent, eol);
  if (last.text === '[' || last.text === ',') {
    // Empty array or a trailing comma: no separator needed.
    const closeOnSameLine = !text.slice(last.end, tokens[close].start).includes('\n');
    const tail = closeOnSameLine ? `${eol}${lineIndent(text, tokens[open].start)}` : '';
    return `${text.slice(0, last.end)}${eol}${elementIndent}${element}${tail}${text.slice(last.end)}`;
  }
  // Keep a comment that ends the last element's line on that line.
  const lineEnd = text.indexOf('\n', last.end);
  const restOfLine = lineEnd === -1 ? '' : text.slice(last.end, lineEnd).replace(/\r$/, '');
  const restIsComment = lineEnd !== -1 && lineEnd < tokens[close].start && /^\s*(\/\/.*)?$/.test(restOfLine);
  if (restIsComment) {
    return `${text.slice(0, last.end)},${restOfLine}${eol}${elementIndent}${element}${text.slice(last.end + restOfLine.length)}`;
  }
  return `${text.slice(0, last.end)},${eol}${elementIndent}${element}${text.slice(last.end)}`;
}

function insertConfigurationsKey(text: string, tokens: JsoncToken[], configuration: LaunchConfiguration, unit: string, eol: string): string | undefined {
  if (tokens[0]?.text !== '{') return undefined;
  const close = matchingClose(tokens, 0);
  if (close === -1) return undefined;
  const hasMembers = close > 1;
  const element = indentBlock(JSON.stringify(configuration, null, unit), unit + unit, eol);
  const member = `${eol}${unit}"configurations": [${eol}${unit}${unit}${element}${eol}${unit}]${hasMembers ? ',' : eol}`;
  return `${text.slice(0, tokens[0].end)}${member}${text.slice(tokens[0].end)}`;
}

/** Index of the token that opens the value of a key of the top-level object, or -1. */
function findTopLevelKeyValue(tokens: readonly JsoncToken[], key: string): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct' && (t.text === '{' || t.text === '[')) depth++;
    else if (t.kind === 'punct' && (t.text === '}' || t.text === ']')) depth--;
    else if (depth === 1 && t.kind === 'string' && tokens[i + 1]?.text === ':' && JSON.parse(t.text) === key) return i + 2;
  }
  return -1;
}

/** The indentation the file uses for one level (that of its first member), default two spaces. */
function indentUnit(text: string, tokens: readonly JsoncToken[]): string {
  const first = tokens[1];
  if (!first) return '  ';
  const indent = lineIndent(text, first.start);
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
