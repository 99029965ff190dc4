/** Minimal types for citation-js 0.8 (the packages ship none); only what the workbench uses. */
declare module '@citation-js/core' {
  /** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
  export type CslItem = Record<string, unknown>;

  export interface FormatOptions {
    format?: 'text' | 'html' | 'string' | 'object';
    template?: string;
    lang?: string;
  }

  export class Cite {
    constructor(data?: unknown, options?: Record<string, unknown>);
    static async(data: unknown, options?: Record<string, unknown>): Promise<Cite>;
    data: CslItem[];
    format(style: 'bibliography' | 'citation' | 'bibtex' | 'biblatex' | 'ris' | 'data', options?: FormatOptions): string;
  }

  export const plugins: {
    input: { list(): string[] };
    output: { list(): string[] };
  };
}

declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
