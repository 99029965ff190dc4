import type { LiveEvent } from './types';

/**
 * Live changes of a project (server-sent events). One connection per project is shared by every
 * component that listens; it reconnects by itself.
 */
const streams = new Map<string, { source: EventSource; listeners: Set<(e: LiveEvent) => void> }>();

export function onProjectChange(projectId: string, listener: (event: LiveEvent) => void): () => void {
  let stream = streams.get(projectId);
  if (!stream) {
    const source = new EventSource(`/api/projects/${projectId}/stream`);
    const listeners = new Set<(e: LiveEvent) => void>();
    source.addEventListener('change', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as LiveEvent;
      for (const l of listeners) l(event);
    });
    stream = { source, listeners };
    streams.set(projectId, stream);
  }
  stream.listeners.add(listener);
  return () => {
    stream!.listeners.delete(listener);
    if (stream!.listeners.size === 0) {
      stream!.source.close();
      streams.delete(projectId);
    }
  };
}
