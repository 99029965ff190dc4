import { type Compilable, type CompiledQuery, createQueryId, type DialectAdapter, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

/** Stands where a parameter's value goes while the query is compiled the first time. */
class Slot {
  constructor(readonly name: string) {}
}

interface Compiled {
  query: CompiledQuery;
  /** Per compiled parameter: the name of the value to put there, or a constant written in the query. */
  slots: (Slot | { constant: unknown })[];
}

export interface PrecompiledQuery<P, O> {
  execute(db: Db, params: P): Promise<O[]>;
  executeTakeFirst(db: Db, params: P): Promise<O | undefined>;
  /** The driver's whole result (affected rows, insert id). */
  run(db: Db, params: P): Promise<QueryResult<O>>;
}

/**
 * A query of fixed shape, built and compiled once per dialect and then run with new values.
 *
 * Building and compiling a Kysely query costs more CPU than SQLite spends running a small one:
 * about a sixth of the server's time when applying codes under load (issue 9). The hot queries of
 * a request are therefore written once, with `params` as placeholders, and compiled on first use.
 *
 * Rules, checked where they can be: `build` must not branch on or transform `params` (each one read
 * must reach the SQL as a parameter, else the first compile throws); a param can only stand for a
 * single value (not a list for `in`, an identifier or a column set), and an insert must name its
 * columns (`values({ id: p.id, … })`, not `values(p)`).
 *
 * @example
 * const byId = precompiled((db, p: { id: string }) => db.selectFrom('codes').selectAll().where('id', '=', p.id));
 * const code = await byId.executeTakeFirst(db, { id });
 */
export function precompiled<P extends object, O>(build: (db: Db, params: P) => Compilable<O>): PrecompiledQuery<P, O> {
  // One compiled form per dialect (a transaction shares its database's adapter).
  const compiledBy = new WeakMap<DialectAdapter, Compiled>();

  const compile = (db: Db): Compiled => {
    const used = new Map<string, Slot>();
    const params = new Proxy({}, {
      get: (_target, name) => {
        if (typeof name !== 'string') return undefined;
        let slot = used.get(name);
        if (!slot) used.set(name, (slot = new Slot(name)));
        return slot;
      },
    }) as P;
    const query = build(db, params).compile();
    const slots = query.parameters.map((value) => (value instanceof Slot ? value : { constant: value }));
    const placed = new Set(slots.flatMap((s) => (s instanceof Slot ? [s.name] : [])));
    const lost = [...used.keys()].filter((name) => !placed.has(name));
    if (lost.length > 0) throw new Error(`precompiled query: ${lost.join(', ')} did not become a parameter (branching on or transforming a param?)`);
    return { query, slots };
  };

  const run = (db: Db, params: P): Promise<QueryResult<O>> => {
    const adapter = db.getExecutor().adapter;
    let compiled = compiledBy.get(adapter);
    if (!compiled) compiledBy.set(adapter, (compiled = compile(db)));
    const values = params as Record<string, unknown>;
    const parameters = compiled.slots.map((s) => {
      if (!(s instanceof Slot)) return s.constant;
      const value = values[s.name];
      if (value === undefined) throw new Error(`precompiled query: no value for ${s.name}`);
      return value;
    });
    return db.executeQuery<O>({ query: compiled.query.query, sql: compiled.query.sql, parameters, queryId: createQueryId() });
  };

  return {
    run,
    execute: async (db, params) => (await run(db, params)).rows,
    executeTakeFirst: async (db, params) => (await run(db, params)).rows[0],
  };
}
