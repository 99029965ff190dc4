import type { Kysely } from 'kysely';
import type { Database, ProjectRole } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { newId, nowIso } from '../../shared/ids';
import { eventsRepository } from '../events/events.repository';
import { usersRepository } from '../users/users.repository';
import { projectsRepository } from './projects.repository';

/** Project rules: the creator becomes owner; a project always keeps at least one owner. */
export class ProjectsService {
  constructor(private readonly db: Kysely<Database>) {}

  async create(userId: string, name: string, description: string) {
    const now = nowIso();
    const project = { id: newId(), name: name.trim(), description: description.trim(), created_by: userId, created_at: now, updated_at: now };
    if (!project.name) throw badRequest('INVALID_NAME', 'projectErrors.projectNameRequired');
    await this.db.transaction().execute(async (trx) => {
      await projectsRepository.insert(trx, project);
      await projectsRepository.insertMember(trx, project.id, userId, 'owner', now);
      await eventsRepository.record(trx, { projectId: project.id, userId, type: 'project.created', entityType: 'project', entityId: project.id, after: project });
    });
    return project;
  }

  async update(projectId: string, userId: string, changes: { name?: string; description?: string }) {
    const before = await projectsRepository.findById(this.db, projectId);
    if (!before) throw notFound('project');
    const next = {
      name: changes.name !== undefined ? changes.name.trim() : before.name,
      description: changes.description !== undefined ? changes.description.trim() : before.description,
      updated_at: nowIso(),
    };
    if (!next.name) throw badRequest('INVALID_NAME', 'projectErrors.projectNameRequired');
    await this.db.transaction().execute(async (trx) => {
      await projectsRepository.update(trx, projectId, next);
      await eventsRepository.record(trx, {
        projectId, userId, type: 'project.updated', entityType: 'project', entityId: projectId,
        before: { name: before.name, description: before.description }, after: { name: next.name, description: next.description },
      });
    });
    return { ...before, ...next };
  }

  delete = (projectId: string) => projectsRepository.delete(this.db, projectId);

  async addMember(projectId: string, actorId: string, userId: string, role: ProjectRole) {
    const user = await usersRepository.findById(this.db, userId);
    if (!user) throw notFound('user');
    if (await projectsRepository.findMember(this.db, projectId, userId)) {
      throw conflict('ALREADY_MEMBER', 'projectErrors.alreadyMember', { name: user.name });
    }
    await this.db.transaction().execute(async (trx) => {
      await projectsRepository.insertMember(trx, projectId, userId, role, nowIso());
      await eventsRepository.record(trx, { projectId, userId: actorId, type: 'member.added', entityType: 'member', entityId: userId, after: { role, name: user.name, email: user.email } });
    });
  }

  async changeRole(projectId: string, actorId: string, userId: string, role: ProjectRole) {
    const member = await projectsRepository.findMember(this.db, projectId, userId);
    if (!member) throw notFound('member');
    const user = await usersRepository.findById(this.db, userId);
    await this.db.transaction().execute(async (trx) => {
      if (member.role === 'owner' && role !== 'owner' && (await projectsRepository.countOwners(trx, projectId)) <= 1) {
        throw conflict('LAST_OWNER', 'projectErrors.lastOwner');
      }
      await projectsRepository.updateMemberRole(trx, projectId, userId, role);
      await eventsRepository.record(trx, { projectId, userId: actorId, type: 'member.role_changed', entityType: 'member', entityId: userId, before: { role: member.role, name: user?.name }, after: { role, name: user?.name } });
    });
  }

  async removeMember(projectId: string, actorId: string, userId: string) {
    const member = await projectsRepository.findMember(this.db, projectId, userId);
    if (!member) throw notFound('member');
    const user = await usersRepository.findById(this.db, userId);
    await this.db.transaction().execute(async (trx) => {
      if (member.role === 'owner' && (await projectsRepository.countOwners(trx, projectId)) <= 1) {
        throw conflict('LAST_OWNER', 'projectErrors.lastOwner');
      }
      await projectsRepository.deleteMember(trx, projectId, userId);
      await eventsRepository.record(trx, { projectId, userId: actorId, type: 'member.removed', entityType: 'member', entityId: userId, before: { role: member.role, name: user?.name, email: user?.email } });
    });
  }
}
