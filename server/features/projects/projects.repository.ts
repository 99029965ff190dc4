import type { Kysely } from 'kysely';
import type { Database, ProjectRole, ProjectRow } from '../../db/schema';

type Db = Kysely<Database>;

/** Projects and their members. */
export const projectsRepository = {
  findById: (db: Db, id: string) => db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst(),

  /** The projects `userId` belongs to, with their role and document count. */
  listForUser: (db: Db, userId: string) =>
    db
      .selectFrom('projects')
      .innerJoin('project_members', 'project_members.project_id', 'projects.id')
      .select((eb) => [
        'projects.id', 'projects.name', 'projects.description', 'projects.created_at', 'projects.updated_at',
        'project_members.role',
        eb.selectFrom('documents').select(eb.fn.countAll<number>().as('n')).whereRef('documents.project_id', '=', 'projects.id').as('document_count'),
        eb.selectFrom('project_members as m').select(eb.fn.countAll<number>().as('n')).whereRef('m.project_id', '=', 'projects.id').as('member_count'),
      ])
      .where('project_members.user_id', '=', userId)
      .orderBy('projects.updated_at', 'desc')
      .execute(),

  insert: (db: Db, row: ProjectRow) => db.insertInto('projects').values(row).execute(),

  update: (db: Db, id: string, changes: Partial<Pick<ProjectRow, 'name' | 'description' | 'updated_at'>>) =>
    db.updateTable('projects').set(changes).where('id', '=', id).execute(),

  delete: (db: Db, id: string) => db.deleteFrom('projects').where('id', '=', id).execute(),

  listMembers: (db: Db, projectId: string) =>
    db
      .selectFrom('project_members')
      .innerJoin('users', 'users.id', 'project_members.user_id')
      .select(['users.id as user_id', 'users.name', 'users.email', 'project_members.role', 'project_members.created_at'])
      .where('project_members.project_id', '=', projectId)
      .orderBy('users.name')
      .execute(),

  findMember: (db: Db, projectId: string, userId: string) =>
    db
      .selectFrom('project_members')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),

  insertMember: (db: Db, projectId: string, userId: string, role: ProjectRole, createdAt: string) =>
    db.insertInto('project_members').values({ project_id: projectId, user_id: userId, role, created_at: createdAt }).execute(),

  updateMemberRole: (db: Db, projectId: string, userId: string, role: ProjectRole) =>
    db.updateTable('project_members').set({ role }).where('project_id', '=', projectId).where('user_id', '=', userId).execute(),

  deleteMember: (db: Db, projectId: string, userId: string) =>
    db.deleteFrom('project_members').where('project_id', '=', projectId).where('user_id', '=', userId).execute(),

  async countOwners(db: Db, projectId: string): Promise<number> {
    const row = await db
      .selectFrom('project_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
