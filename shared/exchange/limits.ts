/**
 * The sizes an edXML package may have (issue 18), one value for every way a package comes in: the manual import
 * (`exchange.importEdxml`, `vanphong edxml import`), the exchange inbox folder and e-mail. A package holds its
 * attachments base64-encoded (4/3 of their size), so the decoded attachments are capped below the package's size.
 */
const MiB = 1024 * 1024;

/** A package larger than this is refused by its size alone, before any byte of it is read. */
export const MAX_PACKAGE_BYTES = 200 * MiB;

/** The attachments of one package, decoded from base64, at most this much in all. */
export const MAX_DECODED_BYTES = 150 * MiB;
