import type { Kysely } from 'kysely';
import type { AttributeType, Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { MAX_TEXT_VALUE_LENGTH, parseAttributeValue } from '../../shared/attribute-values';
import { RESERVED_ATTRIBUTE_NAMES } from '../../shared/builtin-attributes';
import { newId, nowIso } from '../../shared/ids';
import { eventsRepository } from '../events/events.repository';
import { attributesRepository } from './attributes.repository';

export interface AttributeDefinition {
  id: string;
  name: string;
  type: AttributeType;
  choices: string[];
  position: number;
}

export const toDefinition = (row: Database['attribute_definitions']): AttributeDefinition => ({
  id: row.id, name: row.name, type: row.type, choices: JSON.parse(row.choices) as string[], position: row.position,
});

function cleanChoices(type: AttributeType, choices: string[] | undefined): string[] {
  if (type !== 'choice') return [];
  const clean = [...new Set((choices ?? []).map((c) => c.trim()).filter(Boolean))];
  if (clean.length === 0) throw badRequest('CHOICES_REQUIRED', 'projectErrors.attributeChoicesRequired');
  return clean;
}

/** A project's own typed attributes (text, number, date, choice). */
export class AttributesService {
  constructor(private readonly db: Kysely<Database>) {}

  async list(projectId: string) {
    return (await attributesRepository.definitions(this.db, projectId)).map(toDefinition);
  }

  async create(db: Kysely<Database>, projectId: string, userId: string, input: { name: string; type: AttributeType; choices?: string[] }) {
    const name = input.name.trim();
    if (!name) throw badRequest('INVALID_NAME', 'projectErrors.attributeNameRequired');
    if (RESERVED_ATTRIBUTE_NAMES.has(name.toLowerCase())) {
      throw conflict('NAME_TAKEN', 'projectErrors.attributeNameBuiltIn', { name });
    }
    if (await attributesRepository.findDefinitionByName(db, projectId, name)) {
      throw conflict('NAME_TAKEN', 'projectErrors.attributeNameTaken', { name });
    }
    const row = {
      id: newId(), project_id: projectId, name, type: input.type, choices: JSON.stringify(cleanChoices(input.type, input.choices)),
      position: await attributesRepository.nextPosition(db, projectId), created_at: nowIso(),
    };
    await attributesRepository.insertDefinition(db, row);
    await eventsRepository.record(db, { projectId, userId, type: 'attribute.created', entityType: 'attribute', entityId: row.id, after: toDefinition(row) });
    return toDefinition(row);
  }

  createInTransaction(projectId: string, userId: string, input: { name: string; type: AttributeType; choices?: string[] }) {
    return this.db.transaction().execute((trx) => this.create(trx, projectId, userId, input));
  }

  async update(projectId: string, userId: string, id: string, changes: { name?: string; choices?: string[] }) {
    return this.db.transaction().execute(async (trx) => {
      const row = await attributesRepository.findDefinition(trx, projectId, id);
      if (!row) throw notFound('attribute');
      const before = toDefinition(row);
      const name = changes.name?.trim() ?? before.name;
      if (!name) throw badRequest('INVALID_NAME', 'projectErrors.attributeNameRequired');
      if (name !== before.name) {
        if (RESERVED_ATTRIBUTE_NAMES.has(name.toLowerCase())) throw conflict('NAME_TAKEN', 'projectErrors.attributeNameBuiltIn', { name });
        if (await attributesRepository.findDefinitionByName(trx, projectId, name)) {
          throw conflict('NAME_TAKEN', 'projectErrors.attributeNameTaken', { name });
        }
      }
      const choices = changes.choices ? cleanChoices(before.type, changes.choices) : before.choices;
      if (changes.choices && before.type === 'choice') {
        const used = await attributesRepository.valuesForAttribute(trx, id);
        const missing = [...new Set(used.map((v) => v.value))].filter((v) => !choices.includes(v));
        if (missing.length > 0) {
          throw conflict('CHOICE_IN_USE', 'projectErrors.attributeChoiceInUse', { values: missing.map((m) => `"${m}"`).join(', ') });
        }
      }
      await attributesRepository.updateDefinition(trx, id, { name, choices: JSON.stringify(choices) });
      const after = { ...before, name, choices };
      await eventsRepository.record(trx, { projectId, userId, type: 'attribute.updated', entityType: 'attribute', entityId: id, before, after });
      return after;
    });
  }

  async delete(projectId: string, userId: string, id: string) {
    await this.db.transaction().execute(async (trx) => {
      const row = await attributesRepository.findDefinition(trx, projectId, id);
      if (!row) throw notFound('attribute');
      const values = await attributesRepository.valuesForAttribute(trx, id);
      await attributesRepository.deleteDefinition(trx, id);
      await eventsRepository.record(trx, { projectId, userId, type: 'attribute.deleted', entityType: 'attribute', entityId: id, before: { ...toDefinition(row), values } });
    });
  }

  /**
   * Checks values for a project's attributes (`{ attributeId: raw | null }`) and returns them
   * normalised; throws a 400 naming the attribute on the first bad value.
   */
  async normaliseValues(db: Kysely<Database>, projectId: string, values: Record<string, string | null>) {
    const definitions = new Map((await attributesRepository.definitions(db, projectId)).map((d) => [d.id, toDefinition(d)]));
    const result: Record<string, string | null> = {};
    for (const [id, raw] of Object.entries(values)) {
      const definition = definitions.get(id);
      if (!definition) throw badRequest('UNKNOWN_ATTRIBUTE', 'projectErrors.unknownAttributeId', { id });
      if (raw === null || raw.trim() === '') {
        result[id] = null;
        continue;
      }
      const parsed = parseAttributeValue(definition.type, raw, definition.choices);
      if (!parsed.ok) {
        throw badRequest('INVALID_ATTRIBUTE_VALUE', `projectErrors.attributeValue.${parsed.problem}`, {
          name: definition.name, value: raw.trim(), max: MAX_TEXT_VALUE_LENGTH, choices: definition.choices.join(', '),
        });
      }
      result[id] = parsed.value;
    }
    return result;
  }
}
