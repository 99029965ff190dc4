import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

describe.each(DIALECTS)('projects and members (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let other: Agent;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    other = await createUser(owner, 'other@example.org', 'Otto Other');
  });
  afterEach(() => t.close());

  it('creates, lists, renames and deletes a project', async () => {
    const created = await owner.post('/api/projects', { name: '  SOCPREV  ', description: 'Drug-related crime' });
    expect(created.statusCode).toBe(201);
    const project = created.json();
    expect(project).toMatchObject({ name: 'SOCPREV', role: 'owner' });
    const list = (await owner.get('/api/projects')).json().projects;
    expect(list).toEqual([expect.objectContaining({ id: project.id, role: 'owner', documentCount: 0, memberCount: 1 })]);
    const renamed = await owner.patch(`/api/projects/${project.id}`, { name: 'SOCPREV 2' });
    expect(renamed.json().name).toBe('SOCPREV 2');
    expect((await owner.patch(`/api/projects/${project.id}`, { name: '   ' })).statusCode).toBe(400);
    expect((await owner.delete(`/api/projects/${project.id}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/projects/${project.id}`)).statusCode).toBe(404);
    const events = await t.app.db.selectFrom('project_events').selectAll().execute();
    expect(events).toHaveLength(0); // deleted with the project
  });

  it('answers 404 for a project you are not in, whatever the route', async () => {
    const project = (await owner.post('/api/projects', { name: 'Private' })).json();
    for (const [method, url] of [
      ['GET', `/api/projects/${project.id}`],
      ['GET', `/api/projects/${project.id}/documents`],
      ['GET', `/api/projects/${project.id}/members`],
      ['DELETE', `/api/projects/${project.id}`],
      ['PATCH', `/api/projects/${project.id}`],
    ] as const) {
      const res = await other.request(method, url, method === 'PATCH' ? { name: 'x' } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await other.get('/api/projects')).json().projects).toEqual([]);
  });

  it('adds members with roles that limit what they can do', async () => {
    const project = (await owner.post('/api/projects', { name: 'Team' })).json();
    const add = await owner.post(`/api/projects/${project.id}/members`, { userId: other.user.id, role: 'viewer' });
    expect(add.statusCode).toBe(201);
    expect((await owner.post(`/api/projects/${project.id}/members`, { userId: other.user.id, role: 'coder' })).statusCode).toBe(409);
    expect((await other.get(`/api/projects/${project.id}`)).json().role).toBe('viewer');
    const rename = await other.patch(`/api/projects/${project.id}`, { name: 'Mine now' });
    expect(rename.statusCode).toBe(403);
    expect(rename.json().error.code).toBe('FORBIDDEN');
    expect((await other.post(`/api/projects/${project.id}/attributes`, { name: 'Sector', type: 'text' })).statusCode).toBe(403);

    expect((await owner.patch(`/api/projects/${project.id}/members/${other.user.id}`, { role: 'lead' })).statusCode).toBe(200);
    expect((await other.post(`/api/projects/${project.id}/attributes`, { name: 'Sector', type: 'text' })).statusCode).toBe(201);
    expect((await other.post(`/api/projects/${project.id}/members`, { userId: owner.user.id, role: 'viewer' })).statusCode).toBe(403);

    const members = (await other.get(`/api/projects/${project.id}/members`)).json().members;
    expect(members.map((m: { role: string }) => m.role).sort()).toEqual(['lead', 'owner']);

    expect((await owner.delete(`/api/projects/${project.id}/members/${other.user.id}`)).statusCode).toBe(204);
    expect((await other.get(`/api/projects/${project.id}`)).statusCode).toBe(404);
  });

  it('always keeps one owner', async () => {
    const project = (await owner.post('/api/projects', { name: 'Team' })).json();
    const demote = await owner.patch(`/api/projects/${project.id}/members/${owner.user.id}`, { role: 'lead' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('LAST_OWNER');
    expect((await owner.delete(`/api/projects/${project.id}/members/${owner.user.id}`)).statusCode).toBe(409);
    await owner.post(`/api/projects/${project.id}/members`, { userId: other.user.id, role: 'owner' });
    expect((await owner.patch(`/api/projects/${project.id}/members/${owner.user.id}`, { role: 'lead' })).statusCode).toBe(200);
  });

  it('validates input with readable errors', async () => {
    const res = await owner.post('/api/projects', { description: 'no name' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(res.json().error.message).toMatch(/name/);
    const project = (await owner.post('/api/projects', { name: 'Team' })).json();
    const badRole = await owner.post(`/api/projects/${project.id}/members`, { userId: other.user.id, role: 'king' });
    expect(badRole.statusCode).toBe(400);
    const ghost = await owner.post(`/api/projects/${project.id}/members`, { userId: 'no-such-user', role: 'coder' });
    expect(ghost.statusCode).toBe(404);
  });

  it('records who changed what in the activity log', async () => {
    const project = (await owner.post('/api/projects', { name: 'Team' })).json();
    await owner.patch(`/api/projects/${project.id}`, { name: 'Team 2' });
    const events = (await owner.get(`/api/projects/${project.id}/events`)).json().events;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['project.updated', 'project.created']);
    expect(events[0]).toMatchObject({ userName: 'Olivia Owner', before: { name: 'Team' }, after: { name: 'Team 2' } });
  });
});
