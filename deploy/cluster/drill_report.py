#!/usr/bin/env python3
"""Figures of a failover drill, from the load generator's log, the drill's event times and the database.

  drill_report.py DIR PSQL_CONNINFO
reads DIR/requests.csv, DIR/acks.json, DIR/events.json; prints the figures and writes DIR/summary.json.
Acknowledged writes are checked on the primary (through HAProxy's read-write port) after the drill.
"""
import csv
import json
import subprocess
import sys


def p99(values):
    if not values:
        return None
    v = sorted(values)
    return round(v[min(len(v) - 1, int(len(v) * 0.99))] * 1000, 1)


def sql(conninfo, query):
    out = subprocess.run(["psql", conninfo, "-X", "-qAt", "-v", "ON_ERROR_STOP=1"], input=query, text=True,
                         capture_output=True, check=True).stdout.strip()
    return int(out or 0)


def main():
    d, conninfo = sys.argv[1], sys.argv[2]
    rows = [(float(r["start"]), float(r["seconds"]), r["kind"], int(r["status"]))
            for r in csv.DictReader(open(d + "/requests.csv"))]
    acks = json.load(open(d + "/acks.json"))
    ev = json.load(open(d + "/events.json"))
    kill, recovered = ev["primary_killed"], ev["recovered"]

    elders = ",".join(str(i) for i in acks["elders"]) or "0"
    visits = ",".join(str(v["id"]) for v in acks["visits"]) or "0"
    completed = ",".join(str(i) for i in acks["completed"]) or "0"
    lost_elders = len(acks["elders"]) - sql(conninfo, f"select count(*) from elders_elder where id = any('{{{elders}}}'::bigint[])")
    lost_visits = len(acks["visits"]) - sql(conninfo, f"select count(*) from homecare_visit where id = any('{{{visits}}}'::bigint[])")
    lost_completions = len(acks["completed"]) - sql(
        conninfo, f"select count(*) from homecare_visit where status = 3 and id = any('{{{completed}}}'::bigint[])")
    # one Idempotency-Key per elder in the drill: more than one visit of a drill elder is a duplicate
    duplicates = sql(conninfo, f"""select coalesce(sum(n - 1), 0) from (select count(*) n from homecare_visit
        where elder_id = any('{{{elders}}}'::bigint[]) group by elder_id) x""")

    failures = {}
    for start, _, kind, status in rows:
        ok = 200 <= status < 300 or (status == 409 and kind in ("visit.check-in", "visit.complete"))
        if not ok:
            failures[str(status)] = failures.get(str(status), 0) + 1
    phases = {
        "before": [s for t, s, _, st in rows if t < kill and st > 0],
        "during": [s for t, s, _, st in rows if kill <= t < recovered and st > 0],
        "after": [s for t, s, _, st in rows if t >= recovered and st > 0],
    }
    # requests that failed while the database failed over (kill until 5 s after the rw port took writes again)
    db_window = [(t, st) for t, _, _, st in rows if kill <= t < ev["writable"] + 5 and (st == 0 or st >= 500)]
    app_kill = ev.get("app_killed")
    # requests that ended with an error in the 10 s after the app node's kill (in flight on it, or sent to it after)
    app_errors = [(t + s, st) for t, s, _, st in rows if app_kill and app_kill <= t + s < app_kill + 10 and (st == 0 or st >= 500)]
    summary = {
        "rto_seconds": round(ev["writable"] - kill, 1),
        "failover_client_errors": len(db_window),
        "failover_client_error_seconds": round(max(t for t, _ in db_window) - min(t for t, _ in db_window), 1) if db_window else 0.0,
        "acknowledged_writes": len(acks["elders"]) + len(acks["visits"]) + len(acks["completed"]),
        "acknowledged_writes_lost": lost_elders + lost_visits + lost_completions,
        "lost": {"elders": lost_elders, "visits": lost_visits, "completions": lost_completions},
        "duplicates": duplicates,
        "requests": len(rows),
        "failures_by_status": dict(sorted(failures.items())),
        "app_node_kill_client_errors": len(app_errors),
        "app_node_kill_error_window_seconds": round(max(t for t, _ in app_errors) - min(t for t, _ in app_errors), 2) if app_errors else 0.0,
        "p99_ms": {k: p99(v) for k, v in phases.items()},
        "requests_per_phase": {k: len(v) for k, v in phases.items()},
        "phase_seconds": {"before": round(kill - rows[0][0], 1) if rows else 0, "during": round(recovered - kill, 1),
                          "after": round(rows[-1][0] - recovered, 1) if rows else 0},
        "events": {k: round(v - kill, 1) for k, v in ev.items() if isinstance(v, float)},
        "old_primary": ev.get("old_primary"), "new_primary": ev.get("new_primary"), "mode": ev.get("mode"),
    }
    json.dump(summary, open(d + "/summary.json", "w"), indent=2, ensure_ascii=False)
    print("== failover drill figures")
    print(f"  old primary {summary['old_primary']} ({ev.get('mode', 'postmaster kill -9')}), new primary {summary['new_primary']}")
    print(f"  RTO (no writable primary on HAProxy's rw port): {summary['rto_seconds']} s")
    print(f"  requests failed during the failover: {summary['failover_client_errors']} "
          f"(first to last within {summary['failover_client_error_seconds']} s; 503 = the app's 'database unavailable')")
    print(f"  acknowledged writes: {summary['acknowledged_writes']}, lost: {summary['acknowledged_writes_lost']} {summary['lost']}")
    print(f"  duplicates (visits per Idempotency-Key): {summary['duplicates']}")
    print(f"  requests: {summary['requests']}, failed by status (0 = connection error): {summary['failures_by_status']}")
    print(f"  app node killed: {summary['app_node_kill_client_errors']} requests ended in an error within 10 s "
          f"(spread over {summary['app_node_kill_error_window_seconds']} s)")
    print(f"  p99 latency ms before/during/after: {summary['p99_ms']} (requests {summary['requests_per_phase']}, "
          f"seconds {summary['phase_seconds']})")
    print(f"  events (s after the kill): {summary['events']}")
    return 0 if summary["acknowledged_writes_lost"] == 0 and summary["duplicates"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
