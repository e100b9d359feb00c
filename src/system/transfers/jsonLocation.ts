// Line and column positions inside a JSON text, so that fixture errors can name the line to
// fix. Node 20's JSON.parse does not always say where it failed ("Unexpected token '}', ... is
// not valid JSON"), so a small scanner finds the offset of the first syntax error itself.

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where a property name first appears as a JSON string, if it does; with `field`, where that
 * field name first appears after the key (the line to fix inside the key's response).
 */
export function keyPosition(text: string, key: string, field?: string): TextPosition | undefined {
  const offset = text.indexOf(JSON.stringify(key));
  if (offset < 0) return undefined;
  const fieldOffset = field === undefined ? -1 : text.indexOf(JSON.stringify(field), offset + 1);
  return positionAt(text, fieldOffset < 0 ? offset : fieldOffset);
}

class SyntaxStop {
  constructor(readonly offset: number) {}
}

/** The offset of the first JSON syntax error in `text`, or undefined when it is valid. */
export function syntaxErrorOffset(text: string): number | undefined {
  let i = 0;
  const stop = (): never => {
    throw new SyntaxStop(i);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (char: string): void => {
    if (text[i] !== char) stop();
    i++;
  };
  const string = (): void => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) stop();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) stop();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) stop();
      }
      i++;
    }
    expect('"');
  };
  const literal = (): void => {
    const match = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!match) stop();
    i += match![0].length;
  };
  const sequence = (close: string, item: () => void): void => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      expect(',');
      space();
    }
  };
  const value = (): void => {
    space();
    if (text[i] === '{') {
      sequence('}', () => {
        string();
        space();
        expect(':');
        value();
      });
    } else if (text[i] === '[') sequence(']', value);
    else if (text[i] === '"') string();
    else literal();
  };
  try {
    value();
    space();
    if (i < text.length) stop();
    return undefined;
  } catch (caught) {
    if (caught instanceof SyntaxStop) return caught.offset;
    throw caught;
  }
}
