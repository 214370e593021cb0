import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstInstalled } from './tools';

/** LibreOffice's command, if installed: an independent judge of the DOCX we write. */
export const soffice = firstInstalled(['soffice', 'libreoffice'], ['--version']);

/**
 * Converts DOCX files to PDF in one LibreOffice run (each start of LibreOffice with a fresh profile costs seconds),
 * in a new temporary folder. Returns the path of each PDF, by the name it was given.
 */
export function libreOfficePdfs<N extends string>(docs: Record<N, Uint8Array>): Record<N, string> {
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanphong-lo-'));
  const names = Object.keys(docs) as N[];
  for (const n of names) fs.writeFileSync(path.join(dir, `${n}.docx`), docs[n]);
  const args = [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...names.map((n) => path.join(dir, `${n}.docx`))];
  execFileSync(soffice, args, { stdio: 'ignore', timeout: 120_000 });
  return Object.fromEntries(names.map((n) => [n, path.join(dir, `${n}.pdf`)])) as Record<N, string>;
}
