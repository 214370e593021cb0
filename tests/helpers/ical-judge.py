"""An independent reader of our calendar files: Debian's python3-icalendar and python3-recurring-ical-events.

Usage: python3 ical-judge.py FILE.ics FROM TO   (ISO days, TO exclusive)
Prints one JSON object per occurrence the expander finds: start and end (UTC ISO instants, or ISO days for all-day
events), summary, location and status, sorted by start.
"""
import datetime
import json
import sys

import icalendar
import recurring_ical_events


def when(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise SystemExit("floating time in the file: " + value.isoformat())
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def main():
    path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    found = []
    for event in recurring_ical_events.of(calendar).between(datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)):
        found.append({
            "start": when(event["DTSTART"].dt),
            "end": when(event["DTEND"].dt),
            "summary": str(event.get("SUMMARY", "")),
            "location": str(event.get("LOCATION", "")),
            "status": str(event.get("STATUS", "")),
        })
    found.sort(key=lambda e: (e["start"], e["summary"]))
    print(json.dumps(found, ensure_ascii=False))


main()
