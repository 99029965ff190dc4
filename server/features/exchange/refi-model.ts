/**
 * A REFI-QDA project (.qde) or codebook (.qdc) as read from the file, before anything is written.
 * GUIDs are lower case without braces; positions are as the file wrote them (units unknown).
 */
export interface RefiUser {
  guid: string;
  name: string;
  /** The optional `id` attribute (an e-mail address when the workbench exported the file). */
  id: string;
}

export interface RefiCode {
  guid: string;
  name: string;
  color: string | null;
  description: string;
  children: RefiCode[];
  noteRefs: string[];
  /** The name as written when it carried the hierarchy (`A::B`). */
  unfoldedFrom?: string;
}

export interface RefiCoding {
  guid: string;
  codeGuid: string;
  userGuid: string | null;
}

export interface RefiSelection {
  guid: string;
  name: string;
  start: number;
  end: number;
  userGuid: string | null;
  description: string;
  codings: RefiCoding[];
  noteRefs: string[];
}

export interface RefiTextSource {
  guid: string;
  name: string;
  plainTextPath: string;
  richTextPath: string;
  /** Inline `<PlainTextContent>` (allowed by the schema, rare). */
  plainTextContent: string | null;
  description: string;
  selections: RefiSelection[];
  noteRefs: string[];
  variables: RefiVariableValue[];
}

/** A source the workbench cannot hold (PDF, picture, audio, video), kept for the report. */
export interface RefiOtherSource {
  kind: string;
  guid: string;
  name: string;
  selections: number;
}

export interface RefiNote {
  guid: string;
  name: string;
  text: string;
  description: string;
  userGuid: string | null;
}

export interface RefiVariable {
  guid: string;
  name: string;
  type: string;
}

export interface RefiVariableValue {
  variableGuid: string;
  value: string;
}

export interface RefiCase {
  guid: string;
  name: string;
  sourceGuids: string[];
  variables: RefiVariableValue[];
}

export interface RefiSet {
  guid: string;
  name: string;
  members: number;
  sourceGuids: string[];
}

/** A link between two objects (the workbench writes note → code for a memo's code tags). */
export interface RefiLink {
  originGuid: string;
  targetGuid: string;
}

export interface RefiProject {
  name: string;
  origin: string;
  description: string;
  users: RefiUser[];
  codes: RefiCode[];
  textSources: RefiTextSource[];
  otherSources: RefiOtherSource[];
  notes: RefiNote[];
  variables: RefiVariable[];
  cases: RefiCase[];
  sets: RefiSet[];
  links: RefiLink[];
  /** Notes referenced from the project itself. */
  noteRefs: string[];
}
