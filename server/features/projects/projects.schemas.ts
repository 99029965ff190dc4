import { Type } from 'typebox';

export const RoleSchema = Type.Union([Type.Literal('viewer'), Type.Literal('coder'), Type.Literal('lead'), Type.Literal('owner')]);

export const ProjectSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  role: RoleSchema,
  documentCount: Type.Optional(Type.Integer()),
  memberCount: Type.Optional(Type.Integer()),
});

export const ProjectParams = Type.Object({ projectId: Type.String() });
export const MemberParams = Type.Object({ projectId: Type.String(), userId: Type.String() });

export const CreateProjectBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
});

export const UpdateProjectBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
});

export const MemberSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  addedAt: Type.String(),
});

export const AddMemberBody = Type.Object({ userId: Type.String({ minLength: 1 }), role: RoleSchema });
export const ChangeRoleBody = Type.Object({ role: RoleSchema });
