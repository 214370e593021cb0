import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The independent judge of our .ics files: Debian's python3-recurring-ical-events (with python3-icalendar) expands a
 * file as another calendar program would. `.ci/run` installs both; where they are missing, `judgeMissing` says why
 * and the tests that need the judge skip with that reason.
 */

export interface JudgedEvent {
  /** UTC instant ("2026-12-07T01:00:00Z") or, for an all-day event, the day ("2026-12-10"). */
  start: string;
  end: string;
  summary: string;
  location: string;
  status: string;
}

const SCRIPT = path.join(__dirname, 'ical-judge.py');

/** Debian's own python first: a python from pyenv or a virtualenv on PATH does not see Debian's packages. */
function findPython(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import icalendar, recurring_ical_events'], { stdio: 'ignore' });
    if (!r.error && r.status === 0) return python;
  }
  return null;
}

const python = findPython();

export const judgeMissing: string | null = python
  ? null
  : 'python3-recurring-ical-events and python3-icalendar are not installed (apt-get install python3-recurring-ical-events): the independent expander cannot judge the exported .ics files';

/** The occurrences the independent expander finds in the file between two ISO days (`to` exclusive). */
export function judge(file: string, from: string, to: string): JudgedEvent[] {
  if (!python) throw new Error(judgeMissing ?? 'no judge');
  const r = spawnSync(python, [SCRIPT, file, from, to], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ical-judge.py failed: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout) as JudgedEvent[];
}
