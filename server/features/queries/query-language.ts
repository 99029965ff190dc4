/**
 * The code-query language: codes in [brackets] combined with AND, AND/TURN, OR, NOT and NEAR/n.
 * Pure (no database): `parseQuery` turns text into an AST, `resolveQuery` maps its code
 * references to code ids, `formatQuery` writes an AST back with every grouping made explicit.
 *
 * Precedence, tightest first (parentheses override):
 * 1. `NOT` — `[A] NOT [B]`: passages of A that overlap no passage of B;
 * 2. `AND`, `AND NOT`, `AND/TURN`, `NEAR/n` — left to right among themselves;
 * 3. `OR`.
 * So `[A] OR [B] NOT [C] AND [D]` reads `[A] OR (([B] NOT [C]) AND [D])`. `AND NOT` is NOT written
 * at AND's level: `[A] AND [B] AND NOT [C]` reads `([A] AND [B]) NOT [C]`.
 *
 * Operators are case- and accent-insensitive, with Dutch and French aliases: AND = EN = ET,
 * AND/TURN = EN/BEURT = ET/TOUR, OR = OF = OU, NOT = NIET = SAUF, NEAR/n = NABIJ/n = PRÈS/n.
 *
 * @example
 * parseQuery('[Relapse] AND [Housing]');
 * parseQuery('([Working mechanisms]+ OR [Cost-effectiveness > Cost per client]) NEAR/10 [Relapse]');
 * parseQuery('[> Relapse]'); // a leading ">" anchors the path at the top of the codebook
 */
import { AppError } from '../../errors';
import type { ErrorMessages } from '../../i18n/messages';

export interface CodeRefNode {
  type: 'code';
  /** The reference as written between the brackets, trimmed. */
  ref: string;
  /** Its names from the top down: `[A > B]` → `['A', 'B']`. */
  path: string[];
  /** `[A]+`: also the codes below A. */
  includeDescendants: boolean;
  /** `[> A]`: the path starts at the top of the codebook (otherwise it may start anywhere). */
  rooted?: boolean;
  /** Offset of the `[` in the expression. */
  position?: number;
}

/** A query tree whose leaves are `Leaf` (code references; resolved ones carry code ids). */
export type QueryNode<Leaf = CodeRefNode> =
  | Leaf
  | { type: 'and'; mode: 'overlap' | 'turn'; left: QueryNode<Leaf>; right: QueryNode<Leaf> }
  | { type: 'or'; left: QueryNode<Leaf>; right: QueryNode<Leaf> }
  | { type: 'not'; left: QueryNode<Leaf>; right: QueryNode<Leaf> }
  | { type: 'near'; words: number; left: QueryNode<Leaf>; right: QueryNode<Leaf> };

export type QueryAst = QueryNode<CodeRefNode>;
export type ResolvedCodeNode = CodeRefNode & { codeIds: string[] };
export type ResolvedQuery = QueryNode<ResolvedCodeNode>;

export type QueryErrorCode = 'QUERY_SYNTAX' | 'UNKNOWN_CODE' | 'AMBIGUOUS_CODE';
/** What is wrong with a query: a sentence `projectErrors.query.<problem>` of the error catalogs. */
type QueryProblem = keyof ErrorMessages['projectErrors']['query'];

/**
 * A query that cannot be read or resolved: a 400 in the user's language; `position` is the 0-based
 * offset in the expression, also in `details` (with the `candidates` of an ambiguous name).
 */
export class QueryError extends AppError {
  constructor(code: QueryErrorCode, problem: QueryProblem, params: Record<string, unknown>, readonly position: number, readonly candidates?: string[]) {
    super(400, code, `projectErrors.query.${problem}`, { ...params, position }, { position, ...(candidates ? { candidates } : {}) });
    this.name = 'QueryError';
  }
}

export const MAX_NEAR_WORDS = 10_000;

/** Folds a name or operator for comparison: accents and case dropped, spaces collapsed. */
export function foldName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

const AND_WORDS = new Set(['and', 'en', 'et']);
const TURN_WORDS = new Set(['and/turn', 'en/beurt', 'et/tour']);
const OR_WORDS = new Set(['or', 'of', 'ou']);
const NOT_WORDS = new Set(['not', 'niet', 'sauf']);
const NEAR_WORDS = new Set(['near', 'nabij', 'pres']);
const OPERATORS = 'AND, AND/TURN, OR, NOT, NEAR/n';

type Op = { kind: 'and' | 'turn' | 'or' | 'not' | 'andnot' } | { kind: 'near'; words: number };
type Token =
  | { t: 'code'; pos: number; node: CodeRefNode }
  | { t: '(' | ')' | 'end'; pos: number }
  | { t: 'op'; pos: number; op: Op; text: string };

function fail(problem: QueryProblem, position: number, params: Record<string, unknown> = {}): never {
  throw new QueryError('QUERY_SYNTAX', problem, params, position);
}

/** Reads `[…]` from `open` (the `[`); `\` escapes the next character. */
function readCode(input: string, open: number): { node: CodeRefNode; next: number } {
  const parts: string[] = [];
  let part = '';
  let i = open + 1;
  for (;;) {
    if (i >= input.length) fail('unclosedCode', open);
    const ch = input[i]!;
    if (ch === '\\' && i + 1 < input.length) { part += input[i + 1]; i += 2; continue; }
    if (ch === ']') break;
    if (ch === '[') fail('bracketInCode', i);
    if (ch === '>') { parts.push(part); part = ''; } else part += ch;
    i++;
  }
  parts.push(part);
  const trimmed = parts.map((p) => p.replace(/\s+/g, ' ').trim());
  const rooted = trimmed.length > 1 && trimmed[0] === '';
  const path = rooted ? trimmed.slice(1) : trimmed;
  if (path.length === 1 && path[0] === '') fail('emptyCode', open);
  if (path.some((p) => p === '')) fail('emptyPathName', open);
  const plus = input[i + 1] === '+';
  const ref = input.slice(open + 1, i).trim();
  return { node: { type: 'code', ref, path, includeDescendants: plus, ...(rooted ? { rooted } : {}), position: open }, next: i + 1 + (plus ? 1 : 0) };
}

function operatorOf(word: string, pos: number): Op {
  const w = foldName(word);
  if (AND_WORDS.has(w)) return { kind: 'and' };
  if (TURN_WORDS.has(w)) return { kind: 'turn' };
  if (OR_WORDS.has(w)) return { kind: 'or' };
  if (NOT_WORDS.has(w)) return { kind: 'not' };
  const [name, distance] = w.split('/', 2) as [string, string | undefined];
  if (NEAR_WORDS.has(name)) {
    if (distance === undefined || !/^\d+$/.test(distance)) fail('nearDistance', pos, { operator: word.split('/')[0] });
    const words = Number(distance);
    if (words > MAX_NEAR_WORDS) fail('nearTooFar', pos, { max: MAX_NEAR_WORDS });
    return { kind: 'near', words };
  }
  return fail('unknownWord', pos, { word, operators: OPERATORS });
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const word = /[\p{L}\p{N}_-]+(?:\/[\p{L}\p{N}]*)?/uy;
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '(' || ch === ')') { tokens.push({ t: ch, pos: i }); i++; continue; }
    if (ch === '[') {
      const { node, next } = readCode(input, i);
      tokens.push({ t: 'code', pos: i, node });
      i = next;
      continue;
    }
    if (ch === ']') fail('strayCloseBracket', i);
    if (ch === '+') fail('strayPlus', i);
    word.lastIndex = i;
    const m = word.exec(input);
    if (!m) fail('unexpectedCharacter', i, { character: ch });
    const op = operatorOf(m[0], i);
    const last = tokens[tokens.length - 1];
    if (op.kind === 'not' && last?.t === 'op' && last.op.kind === 'and') last.op = { kind: 'andnot' }; // AND NOT
    else tokens.push({ t: 'op', pos: i, op, text: m[0] });
    i += m[0].length;
  }
  tokens.push({ t: 'end', pos: input.length });
  return tokens;
}

/**
 * Parses an expression of the query language.
 *
 * @throws QueryError `QUERY_SYNTAX` with a sentence and the offending position
 * @example
 * parseQuery('[A] OR [B] AND [C]');
 * // { type: 'or', left: A, right: { type: 'and', mode: 'overlap', left: B, right: C } }
 * parseQuery('[A] AND'); // QueryError: Expected a code in [brackets] at position 7
 */
export function parseQuery(input: string): QueryAst {
  const tokens = tokenize(input);
  let k = 0;
  const peek = () => tokens[k]!;
  const isOp = (tok: Token, ...kinds: Op['kind'][]) => tok.t === 'op' && kinds.includes(tok.op.kind);

  const primary = (): QueryAst => {
    const tok = tokens[k++]!;
    if (tok.t === 'code') return tok.node;
    if (tok.t === '(') {
      const inner = or();
      if (peek().t !== ')') {
        const next = peek();
        if (next.t === 'end') fail('missingCloseParen', next.pos, { open: tok.pos });
        fail('expectedOperatorOrParen', next.pos, { operators: OPERATORS });
      }
      k++;
      return inner;
    }
    if (tok.t === 'op' && (tok.op.kind === 'not' || tok.op.kind === 'andnot') && (k === 1 || tokens[k - 2]!.t === '(' || tokens[k - 2]!.t === 'op')) {
      fail('notWithoutLeft', tok.pos);
    }
    if (tok.t === 'end') fail('expectedCodeAtEnd', tok.pos);
    return fail('expectedCode', tok.pos, { found: tok.t === 'op' ? tok.text : tok.t });
  };
  const not = (): QueryAst => {
    let left = primary();
    while (isOp(peek(), 'not')) { k++; left = { type: 'not', left, right: primary() }; }
    return left;
  };
  const and = (): QueryAst => {
    let left = not();
    for (let tok = peek(); tok.t === 'op' && tok.op.kind !== 'or'; tok = peek()) {
      k++;
      const right = not();
      const op = tok.op;
      left = op.kind === 'near' ? { type: 'near', words: op.words, left, right }
        : op.kind === 'andnot' ? { type: 'not', left, right }
          : { type: 'and', mode: op.kind === 'turn' ? 'turn' : 'overlap', left, right };
    }
    return left;
  };
  const or = (): QueryAst => {
    let left = and();
    while (isOp(peek(), 'or')) { k++; left = { type: 'or', left, right: and() }; }
    return left;
  };

  if (peek().t === 'end') fail('empty', 0);
  const ast = or();
  const rest = peek();
  if (rest.t === ')') fail('strayCloseParen', rest.pos);
  if (rest.t !== 'end') fail('expectedOperator', rest.pos, { operators: OPERATORS });
  return ast;
}

const escapeName = (name: string) => name.replace(/[\\[\]>]/g, (c) => `\\${c}`);

/**
 * Writes a query back as text with every operation in parentheses (how it was understood).
 *
 * @example
 * formatQuery(parseQuery('[A] OR [B] AND [C]')); // '[A] OR ([B] AND [C])'
 */
export function formatQuery(node: QueryNode<CodeRefNode>, top = true): string {
  if (node.type === 'code') return `[${node.rooted ? '> ' : ''}${node.path.map(escapeName).join(' > ')}]${node.includeDescendants ? '+' : ''}`;
  const op = node.type === 'and' ? (node.mode === 'turn' ? 'AND/TURN' : 'AND') : node.type === 'near' ? `NEAR/${node.words}` : node.type.toUpperCase();
  const text = `${formatQuery(node.left, false)} ${op} ${formatQuery(node.right, false)}`;
  return top ? text : `(${text})`;
}

/** Every code reference of a tree, left to right. */
export function codeRefs<Leaf extends CodeRefNode>(node: QueryNode<Leaf>): Leaf[] {
  return node.type === 'code' ? [node as Leaf] : [...codeRefs(node.left), ...codeRefs(node.right)];
}

export interface CodebookEntry {
  id: string;
  /** Names from the top of the codebook down to this code. */
  path: string[];
}

/**
 * Maps every code reference to code ids. A reference matches a code whose path ends with the
 * written path (`[Cost per client]`, `[Cost-effectiveness > Cost per client]`), or equals it with
 * a leading `>`; names compare without case or accents. `[A]+` adds `descendants(id)`.
 *
 * @throws QueryError `UNKNOWN_CODE` (no such code) or `AMBIGUOUS_CODE` (several; write the path)
 * @example
 * resolveQuery(parseQuery('[relapse]+'), [{ id: 'c1', path: ['Outcomes', 'Relapse'] }], (id) => [id]);
 */
export function resolveQuery(ast: QueryAst, codebook: CodebookEntry[], descendants: (id: string) => string[]): ResolvedQuery {
  const folded = codebook.map((c) => ({ id: c.id, path: c.path.map(foldName), display: c.path.join(' > ') }));
  const resolveRef = (node: CodeRefNode): ResolvedCodeNode => {
    const want = node.path.map(foldName);
    const matches = folded.filter((c) => (node.rooted ? c.path.length === want.length : c.path.length >= want.length)
      && want.every((name, i) => c.path[c.path.length - want.length + i] === name));
    const at = node.position ?? 0;
    if (matches.length === 0) throw new QueryError('UNKNOWN_CODE', 'unknownCode', { ref: node.ref }, at);
    if (matches.length > 1) {
      const places = matches.map((m) => m.display).sort((a, b) => a.localeCompare(b));
      throw new QueryError('AMBIGUOUS_CODE', 'ambiguousCode', { ref: node.ref, total: matches.length, places: places.join('; '), example: places[0] }, at, places);
    }
    const id = matches[0]!.id;
    return { ...node, codeIds: node.includeDescendants ? [...new Set([id, ...descendants(id)])] : [id] };
  };
  const walk = (node: QueryAst): ResolvedQuery => (node.type === 'code' ? resolveRef(node) : { ...node, left: walk(node.left), right: walk(node.right) } as ResolvedQuery);
  return walk(ast);
}
