import type { Speaker } from '../../api/types';

/** A stable colour per speaker of a document (by position), as a CSS custom property value. */
export function speakerColor(speakers: Speaker[], speakerId: string | null): string {
  if (!speakerId) return 'var(--muted)';
  const index = speakers.findIndex((s) => s.id === speakerId);
  return `var(--speaker-${(index % 8) + 1})`;
}
