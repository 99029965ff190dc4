import { ApiError } from '../../api/http';

/** REFI-QDA downloads (server: server/features/exchange/refi-export.routes.ts). */
export const refiExportApi = {
  projectUrl: (projectId: string) => `/api/projects/${projectId}/export.qdpx`,
  codebookUrl: (projectId: string) => `/api/projects/${projectId}/codebook.qdc`,
};

/** What a finished download gives back. */
export interface DownloadResult {
  fileName: string;
  /** Coded passages left out (orphaned after a correction), from the `x-skipped-segments` header. */
  skippedSegments: number;
}

/** The file name a `content-disposition` header proposes (the UTF-8 form first). */
export function dispositionFileName(header: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '');
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // malformed: fall through
    }
  }
  return /filename="([^"]+)"/i.exec(header ?? '')?.[1] ?? fallback;
}

/**
 * Fetches a file and hands it to the browser as a download, so the page can show a busy state and
 * the server's error sentence (a plain link would navigate to a JSON error instead).
 */
export async function downloadFile(url: string, fallbackName: string): Promise<DownloadResult> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'The server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? `The server answered ${response.status} ${response.statusText}.`);
  }
  const blob = await response.blob();
  const fileName = dispositionFileName(response.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return { fileName, skippedSegments: Number(response.headers.get('x-skipped-segments') ?? 0) || 0 };
}
