// Conditions on lifecycle event breakpoints, such as `identifier == "com.x" && task >= 2` or
// `detail.reason == "forced"`: a tiny parser and evaluator over a TraceRecord's fields. It never
// calls eval: user text is parsed into this small grammar and nothing else can run.
//
//   expr    := and ('||' and)*
//   and     := unary ('&&' unary)*
//   unary   := '!' unary | compare
//   compare := operand (('=='|'!='|'==='|'!=='|'<'|'<='|'>'|'>=') operand)?
//   operand := path | string | number | true | false | null | '(' expr ')'
//   path    := name ('.' name | '[' string | number ']')*
import type { JsonValue, TraceRecord } from '../protocol/lifecycle';

type Value = JsonValue | undefined;
type Node =
  | { kind: 'literal'; value: Value }
  | { kind: 'path'; segments: (string | number)[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'logic'; op: '&&' | '||'; left: Node; right: Node }
  | { kind: 'compare'; op: string; left: Node; right: Node };

export type EventCondition = { ok: true; test: (record: TraceRecord) => boolean } | { ok: false; error: string };

const TOKEN = /\s*(===|!==|==|!=|<=|>=|&&|\|\||[<>!()[\].]|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?\d+(?:\.\d+)?|[A-Za-z_$][\w$]*)/y;

function tokenize(text: string): string[] | string {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(text);
    if (!match) return `unexpected "${text.slice(at).trim().slice(0, 12)}" at column ${at + 1}`;
    tokens.push(match[1]);
    at = TOKEN.lastIndex;
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: string[]) {}

  parse(): Node {
    const node = this.or();
    if (this.at < this.tokens.length) throw new Error(`unexpected "${this.tokens[this.at]}"`);
    return node;
  }

  private peek(): string | undefined {
    return this.tokens[this.at];
  }

  private take(expected?: string): string {
    const token = this.tokens[this.at];
    if (token === undefined) throw new Error(expected ? `expected "${expected}" at the end` : 'the condition ends too early');
    if (expected !== undefined && token !== expected) throw new Error(`expected "${expected}" but found "${token}"`);
    this.at++;
    return token;
  }

  private or(): Node {
    let left = this.and();
    while (this.peek() === '||') {
      this.take();
      left = { kind: 'logic', op: '||', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.peek() === '&&') {
      this.take();
      left = { kind: 'logic', op: '&&', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.peek() === '!') {
      this.take();
      return { kind: 'not', operand: this.unary() };
    }
    const left = this.operand();
    const op = this.peek();
    if (op && ['==', '!=', '===', '!==', '<', '<=', '>', '>='].includes(op)) {
      this.take();
      return { kind: 'compare', op, left, right: this.operand() };
    }
    return left;
  }

  private operand(): Node {
    const token = this.take();
    if (token === '(') {
      const inner = this.or();
      this.take(')');
      return inner;
    }
    if (token.startsWith('"') || token.startsWith("'")) return { kind: 'literal', value: unquote(token) };
    if (/^-?\d/.test(token)) return { kind: 'literal', value: Number(token) };
    if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
    if (token === 'null') return { kind: 'literal', value: null };
    if (!/^[A-Za-z_$]/.test(token)) throw new Error(`unexpected "${token}"`);
    const segments: (string | number)[] = [token];
    for (;;) {
      if (this.peek() === '.') {
        this.take();
        const name = this.take();
        if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`expected a field name after "." but found "${name}"`);
        segments.push(name);
      } else if (this.peek() === '[') {
        this.take();
        const key = this.take();
        this.take(']');
        segments.push(/^-?\d/.test(key) ? Number(key) : unquote(key));
      } else {
        return { kind: 'path', segments };
      }
    }
  }
}

function unquote(token: string): string {
  const body = token.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function lookup(record: object, segments: (string | number)[]): Value {
  let value: unknown = record;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value as Value;
}

function loosely(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (typeof a === 'string' && typeof b === 'number') return a === String(b);
  if (a === undefined || b === undefined) return a === b || (a ?? null) === (b ?? null);
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function truthy(value: Value): boolean {
  return !(value === undefined || value === null || value === false || value === 0 || value === '');
}

function evaluate(node: Node, record: object): Value {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'path':
      return lookup(record, node.segments);
    case 'not':
      return !truthy(evaluate(node.operand, record));
    case 'logic': {
      const left = truthy(evaluate(node.left, record));
      if (node.op === '&&') return left && truthy(evaluate(node.right, record));
      return left || truthy(evaluate(node.right, record));
    }
    case 'compare': {
      const left = evaluate(node.left, record);
      const right = evaluate(node.right, record);
      switch (node.op) {
        case '==':
        case '===':
          return loosely(left, right);
        case '!=':
        case '!==':
          return !loosely(left, right);
        default: {
          if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) return false;
          const [l, r] = [left as number | string, right as number | string];
          return node.op === '<' ? l < r : node.op === '<=' ? l <= r : node.op === '>' ? l > r : l >= r;
        }
      }
    }
  }
}

function parse(text: string): { ok: true; tree: Node } | { ok: false; error: string } {
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return { ok: false, error: `Cannot read the condition "${text}": ${tokens}.` };
  try {
    return { ok: true, tree: new Parser(tokens).parse() };
  } catch (error) {
    return {
      ok: false,
      error: `Cannot read the condition "${text}": ${(error as Error).message}. Write comparisons of the event's fields, e.g. identifier == "com.example.weather" && task > 1.`,
    };
  }
}

/** Parses a condition once; the result tests records. An empty condition always holds. */
export function parseEventCondition(text: string | undefined): EventCondition {
  if (text === undefined || text.trim() === '') return { ok: true, test: () => true };
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  return { ok: true, test: (record) => truthy(evaluate(parsed.tree, record)) };
}

/** The value of an expression in the same language over any JSON object (watch on the System thread). */
export function evaluateEventExpression(text: string, scope: object): { ok: true; value: JsonValue | undefined } | { ok: false; error: string } {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  return { ok: true, value: evaluate(parsed.tree, scope) };
}
