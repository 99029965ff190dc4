import { describe, expect, it } from 'vitest';
import { guessRoles, normaliseSpeakerKey, roleFromLabel, speakerDisplayName } from '../../server/import/speaker-roles';

describe('normaliseSpeakerKey', () => {
  it.each([
    ['Interviewer 1', 'interviewer 1'],
    ['Interviewer1', 'interviewer 1'],
    ['INTERVIEWER 1', 'interviewer 1'],
    ['  Interviewer   1 ', 'interviewer 1'],
    ['Interviewer_1', 'interviewer 1'],
    ['[Int]', 'int'],
    ['Int.', 'int'],
    ['R2', 'r 2'],
    ['id1', 'id 1'],
    ['Paweł Bylica', 'paweł bylica'],
    ['Ge\u0069\u0308nterviewde', 'ge\u00efnterviewde'], // NFD input
  ])('%s → %s', (label, key) => {
    expect(normaliseSpeakerKey(label)).toBe(key);
  });

  it('keeps a display name without brackets or colon', () => {
    expect(speakerDisplayName('[Int]')).toBe('Int');
    expect(speakerDisplayName('Enquêteur :')).toBe('Enquêteur');
  });
});

describe('roleFromLabel', () => {
  it.each([
    // interviewers
    ['I', 'interviewer'], ['Q', 'interviewer'], ['Int', 'interviewer'], ['Int.', 'interviewer'],
    ['Interviewer', 'interviewer'], ['Interviewer 1', 'interviewer'], ['INTERVIEWER2', 'interviewer'],
    ['Moderator', 'interviewer'], ['Facilitator', 'interviewer'], ['Researcher', 'interviewer'],
    ['Onderzoeker', 'interviewer'], ['Interviewer (nl)', 'interviewer'], ['Enquêteur', 'interviewer'],
    ['Enquêtrice', 'interviewer'], ['Intervieweur', 'interviewer'], ['Intervieweuse', 'interviewer'],
    ['Chercheur', 'interviewer'], ['Chercheuse', 'interviewer'], ['Animateur', 'interviewer'],
    // respondents
    ['R', 'respondent'], ['A', 'respondent'], ['Respondent', 'respondent'], ['Resp', 'respondent'],
    ['Respondent 3', 'respondent'], ['Participant', 'respondent'], ['Participant 12', 'respondent'],
    ['Interviewee', 'respondent'], ['Geïnterviewde', 'respondent'], ['Deelnemer 2', 'respondent'],
    ['Répondant', 'respondent'], ['Répondante', 'respondent'], ['Répondant(e)', 'respondent'],
    ['Participant(e)', 'respondent'], ['Interviewé', 'respondent'], ['Interviewée', 'respondent'],
    ['P1', 'respondent'], ['R2', 'respondent'], ['Respondent B', 'respondent'], ['Interviewer (Anna)', 'interviewer'],
    // other
    ['Note', 'other'], ['Transcriber', 'other'], ["Moderator's assistant", 'other'], ['Moderator’s assistant', 'other'],
    ['Observer', 'other'], ['Tolk', 'other'],
    // names and unknowns
    ['Maria', null], ['Speaker 1', null], ['P', null], ['Paweł Bylica', null],
  ] as const)('%s → %s', (label, role) => {
    expect(roleFromLabel(label)).toBe(role);
  });
});

describe('guessRoles', () => {
  const turn = (speakerKey: string, text: string) => ({ speakerKey, text });

  it('makes the named speaker who asks the questions the interviewer', () => {
    const roles = guessRoles(
      [{ key: 'anna', name: 'Anna' }, { key: 'bram', name: 'Bram' }],
      [
        turn('anna', 'How long have you lived here?'),
        turn('bram', 'Twelve years. I moved here when my daughter was born, and I never left.'),
        turn('anna', 'What changed?'),
        turn('bram', 'The youth centre closed. Who would have thought? Nobody.'.repeat(5)),
        turn('anna', 'I see. And then?'),
      ],
    );
    expect(roles).toEqual([
      { key: 'anna', name: 'Anna', role: 'interviewer' },
      { key: 'bram', name: 'Bram', role: 'respondent' },
    ]);
  });

  it('makes a single named speaker a respondent, even when asking questions', () => {
    expect(guessRoles([{ key: 'anna', name: 'Anna' }], [turn('anna', 'Why?'), turn('anna', 'Really?')])[0].role).toBe('respondent');
  });

  it('keeps known labels and makes names next to a known interviewer respondents', () => {
    const roles = guessRoles(
      [{ key: 'interviewer', name: 'Interviewer' }, { key: 'maria', name: 'Maria' }, { key: 'note', name: 'Note' }],
      [turn('interviewer', 'Hello?'), turn('maria', 'Why do you ask?'), turn('note', 'Recording paused.')],
    );
    expect(roles.map((r) => r.role)).toEqual(['interviewer', 'respondent', 'other']);
  });

  it('names nobody interviewer when nobody clearly asks the questions', () => {
    const roles = guessRoles(
      [{ key: 'a1', name: 'Anna' }, { key: 'b1', name: 'Bram' }],
      [turn('a1', 'Good morning.'), turn('b1', 'Morning.'), turn('a1', 'Right.'), turn('b1', 'Yes.')],
    );
    expect(roles.map((r) => r.role)).toEqual(['respondent', 'respondent']);
  });

  it('lets a question-asking name be the interviewer next to a known respondent', () => {
    const roles = guessRoles(
      [{ key: 'jan', name: 'Jan' }, { key: 'r', name: 'R' }],
      [turn('jan', 'Hoe gaat het?'), turn('r', 'Goed.'), turn('jan', 'En thuis?'), turn('r', 'Ook goed.')],
    );
    expect(roles.map((r) => r.role)).toEqual(['interviewer', 'respondent']);
  });

  it('finds two interviewers by name next to one respondent, and keeps the least asking as respondent', () => {
    const roles = guessRoles(
      [{ key: 'sarah', name: 'Sarah' }, { key: 'fiona', name: 'Fiona' }, { key: 'pieter', name: 'Pieter' }],
      [
        turn('sarah', 'How did the court start?'), turn('fiona', 'In 2015, as a pilot in Leeds.'),
        turn('pieter', 'Who sits on the bench?'), turn('fiona', 'One district judge, every week.'),
        turn('sarah', 'And the costs?'), turn('fiona', 'Nobody has counted them properly.'),
        turn('pieter', 'Would you do it again?'), turn('fiona', 'Yes, without hesitation.'),
      ],
    );
    expect(roles.map((r) => r.role)).toEqual(['interviewer', 'respondent', 'interviewer']);
    const panel = guessRoles(
      [{ key: 'a', name: 'Ann' }, { key: 'b', name: 'Ben' }],
      [turn('a', 'Shall we start? Yes.'), turn('b', 'Why not? Fine.'), turn('a', 'Ok?'), turn('b', 'Sure?')],
    );
    expect(panel.map((r) => r.role)).toEqual(['respondent', 'respondent']);
  });
});
