import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** A project's attribute definitions and the documents' values for them. */
export const attributesRepository = {
  definitions: (db: Db, projectId: string) =>
    db.selectFrom('attribute_definitions').selectAll().where('project_id', '=', projectId).orderBy('position').orderBy('name').execute(),

  findDefinition: (db: Db, projectId: string, id: string) =>
    db.selectFrom('attribute_definitions').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst(),

  findDefinitionByName: (db: Db, projectId: string, name: string) =>
    db.selectFrom('attribute_definitions').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst(),

  insertDefinition: (db: Db, row: Database['attribute_definitions']) => db.insertInto('attribute_definitions').values(row).execute(),

  updateDefinition: (db: Db, id: string, changes: Partial<Pick<Database['attribute_definitions'], 'name' | 'choices' | 'position'>>) =>
    db.updateTable('attribute_definitions').set(changes).where('id', '=', id).execute(),

  deleteDefinition: (db: Db, id: string) => db.deleteFrom('attribute_definitions').where('id', '=', id).execute(),

  async nextPosition(db: Db, projectId: string): Promise<number> {
    const row = await db
      .selectFrom('attribute_definitions')
      .select((eb) => eb.fn.max<number>('position').as('max'))
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row?.max == null ? 0 : Number(row.max) + 1;
  },

  valuesForProject: (db: Db, projectId: string) =>
    db
      .selectFrom('document_attributes')
      .innerJoin('documents', 'documents.id', 'document_attributes.document_id')
      .select(['document_attributes.document_id', 'document_attributes.attribute_id', 'document_attributes.value'])
      .where('documents.project_id', '=', projectId)
      .execute(),

  valuesForDocument: (db: Db, documentId: string) =>
    db.selectFrom('document_attributes').select(['attribute_id', 'value']).where('document_id', '=', documentId).execute(),

  valuesForAttribute: (db: Db, attributeId: string) =>
    db.selectFrom('document_attributes').select(['document_id', 'value']).where('attribute_id', '=', attributeId).execute(),

  async setValue(db: Db, documentId: string, attributeId: string, value: string | null) {
    await db.deleteFrom('document_attributes').where('document_id', '=', documentId).where('attribute_id', '=', attributeId).execute();
    if (value !== null && value !== '') {
      await db.insertInto('document_attributes').values({ document_id: documentId, attribute_id: attributeId, value }).execute();
    }
  },
};
