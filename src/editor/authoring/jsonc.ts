// A small scanner for JSON with comments (the dialect of .vscode/launch.json): it finds the
// significant tokens with their offsets so the launch.json editor can insert text without
// touching the user's comments and formatting, and it strips comments and trailing commas so the
// result can be checked with JSON.parse. jsonc-parser is not a dependency; this covers launch.json.

export type JsoncTokenKind = 'string' | 'punct' | 'literal';

export interface JsoncToken {
  kind: JsoncTokenKind;
  /** The token's text (for strings: with quotes). */
  text: string;
  start: number;
  end: number;
}

export interface JsoncScan {
  tokens: JsoncToken[];
  /** Offset of an unterminated string or comment, when the text is cut short. */
  unterminatedAt?: number;
}

/** Significant tokens of `text`, skipping whitespace, `//` and block comments. */
export function scanJsonc(text: string): JsoncScan {
  const tokens: JsoncToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline + 1;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) return { tokens, unterminatedAt: i };
      i = close + 2;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return { tokens, unterminatedAt: i };
      tokens.push({ kind: 'string', text: text.slice(i, j + 1), start: i, end: j + 1 });
      i = j + 1;
    } else if ('{}[],:'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, start: i, end: i + 1 });
      i++;
    } else if (/\s/.test(ch)) {
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s{}[\],:"/]/.test(text[j])) j++;
      tokens.push({ kind: 'literal', text: text.slice(i, j), start: i, end: j });
      i = j;
    }
  }
  return { tokens };
}

/** Parses JSONC (comments and trailing commas allowed); undefined when it is not valid. */
export function parseJsonc(text: string): unknown {
  const { tokens, unterminatedAt } = scanJsonc(text);
  if (unterminatedAt !== undefined) return undefined;
  const kept = tokens.filter((token, index) => {
    const next = tokens[index + 1];
    return !(token.text === ',' && token.kind === 'punct' && next && (next.text === ']' || next.text === '}'));
  });
  try {
    return JSON.parse(kept.map((t) => t.text).join(' ')) as unknown;
  } catch {
    return undefined;
  }
}

/** Index of the token closing the bracket opened at `tokens[open]`, or -1. */
export function matchingClose(tokens: readonly JsoncToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'punct') continue;
    if (t.text === '{' || t.text === '[') depth++;
    else if (t.text === '}' || t.text === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
