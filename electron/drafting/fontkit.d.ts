/** The one fontkit call we make (pdfkit's own dependency, declared for parsing fonts once). */
declare module 'fontkit' {
  export function create(buffer: Uint8Array): unknown;
}
