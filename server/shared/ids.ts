/** New random id (UUID v4 text), the primary key of every table. Works in Node and browsers. */
export const newId = (): string => crypto.randomUUID();

/** Current time as ISO-8601 text, the portable timestamp format of the database. */
export const nowIso = (): string => new Date().toISOString();
