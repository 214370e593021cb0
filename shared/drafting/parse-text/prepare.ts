import { deColumn } from './columns';
import { removeFurniture } from './furniture';
import { fromMarkdown } from './markdown';
import { toLines } from './normalise';
import { reflow, type Reflowed } from './reflow';

/**
 * The stages that bring text in any of the shapes it arrives in to one paragraph a line, before the document's parts
 * are read: characters normalised (normalise.ts), converter Markdown undone (markdown.ts), page numbers and running
 * headers removed (furniture.ts), the header's and the closing's two columns read one after the other
 * (columns.ts), hard-wrapped paragraphs joined (reflow.ts).
 */
export function prepareLines(input: unknown): Reflowed {
  return reflow(deColumn(removeFurniture(fromMarkdown(toLines(input)))));
}
