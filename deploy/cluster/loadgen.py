#!/usr/bin/env python3
"""Bounded load on the cluster for the failover drill (python3 standard library only).

Each worker repeats one workflow against the nginx endpoint:
  register an elder (city)            POST /api/elders                      not retried (not idempotent)
  plan an ad-hoc visit (doctor)       POST /api/home-visits + Idempotency-Key   retried with the same key
  check in, close the service, complete  POST .../check-in, .../services/HV01, .../complete   retried
  look up the elder and the visit     GET /api/elders/{id}, GET /api/home-visits/{id}
Every request is logged (start, duration, kind, status); every acknowledged (2xx) write is kept so that
drill.sh can check afterwards, in the database, that it is there. A status of 0 is a connection error or timeout.

  loadgen.py --base http://127.0.0.1:PORT --seconds 90 --workers 6 --out DIR [--stop-file FILE]
writes DIR/requests.csv and DIR/acks.json.
"""
import argparse
import csv
import json
import os
import random
import threading
import time
import urllib.error
import urllib.request
import uuid

PASSWORD = "Yiyang@2026!"
JINHUA = "王益区金华社区卫生服务中心（老年康复护理部·金华老年公寓）"
RETRYABLE = {0, 502, 503, 504}
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(n, base):
    """A valid 18-character resident ID (GB 11643 check character), unique per n within a run."""
    k = base + n
    birth = time.gmtime(-946771200 + (k % 5000) * 86400)  # from 1940-01-01
    seq = (k // 5000) % 1000
    body = "610204" + time.strftime("%Y%m%d", birth) + f"{seq:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


class Load:
    def __init__(self, base, seconds, workers, timeout, stop_file):
        self.base, self.seconds, self.workers, self.timeout = base, seconds, workers, timeout
        self.stop_file = stop_file
        self.lock = threading.Lock()
        self.rows = []  # (start, seconds, kind, status)
        self.acks = {"elders": [], "visits": [], "completed": []}
        self.counter = 0
        self.id_base = random.randrange(0, 5_000_000)

    def call(self, method, path, body=None, token=None, key=None, kind=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        if key:
            req.add_header("Idempotency-Key", key)
        t0 = time.time()
        status, payload = 0, None
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                status, payload = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, payload = e.code, e.read()
        except Exception:  # connection refused/reset, timeout
            status = 0
        if kind:
            with self.lock:
                self.rows.append((t0, time.time() - t0, kind, status))
        try:
            payload = json.loads(payload) if payload else None
        except ValueError:
            payload = None
        return status, payload

    def retry(self, method, path, body, token, kind, key=None, until=None, ok=(200, 201)):
        """Retries a request that is safe to repeat (an Idempotency-Key, or a state change checked below)."""
        deadline = until or time.time() + 60
        while True:
            status, payload = self.call(method, path, body, token, key, kind)
            if status in ok or status not in RETRYABLE or time.time() > deadline:
                return status, payload
            time.sleep(0.5)

    def token(self, user):
        for _ in range(120):
            status, payload = self.call("POST", "/api/auth/token", {"userName": user, "password": PASSWORD})
            if status == 200:
                return payload["accessToken"]
            time.sleep(1)
        raise SystemExit(f"no token for {user}")

    def next_n(self):
        with self.lock:
            self.counter += 1
            return self.counter

    def workflow(self, city, doctor, org_id):
        n = self.next_n()
        elder = {
            "name": "演练" + "".join("甲乙丙丁戊己庚辛壬癸"[int(d)] for d in str(n)), "idNumber": id_number(n, self.id_base),
            "phone": "16" + f"{random.randrange(10**9):09d}", "townshipCode": "610202002",
            "address": "王益区红旗街88号", "insuranceType": "01", "flags": [],
            "contacts": [{"name": "张建国", "relation": "儿子", "phone": "13900001111"}],
            "responsibleOrganizationId": org_id,
        }
        status, created = self.call("POST", "/api/elders", elder, city, kind="elder.create")
        if status != 201:
            return
        elder_id = created["id"]
        with self.lock:
            self.acks["elders"].append(elder_id)
        key = str(uuid.uuid4())
        plan = {"elderId": elder_id, "source": "ad-hoc", "services": [{"serviceCode": "HV01", "serviceName": "上门巡诊"}]}
        status, visit = self.retry("POST", "/api/home-visits", plan, doctor, "visit.create", key=key)
        if status not in (200, 201):
            return
        url = f"/api/home-visits/{visit['id']}"
        with self.lock:
            self.acks["visits"].append({"id": visit["id"], "elderId": elder_id, "key": key})
        # a retried check-in whose first attempt committed answers 409: the state is what was asked for
        status, _ = self.retry("POST", url + "/check-in", {"latitude": 35.07, "longitude": 109.08, "accuracyMeters": 10},
                               doctor, "visit.check-in", ok=(200, 409))
        status, _ = self.retry("POST", url + "/services/HV01", {"status": "done"}, doctor, "visit.service")
        status, done = self.retry("POST", url + "/complete", {"confirmation": {"by": "self"}, "distanceKm": 2.5},
                                  doctor, "visit.complete", ok=(200, 409))
        if status == 200:
            with self.lock:
                self.acks["completed"].append(visit["id"])
        self.call("GET", f"/api/elders/{elder_id}", None, city, kind="elder.read")
        self.call("GET", url, None, doctor, kind="visit.read")

    def worker(self, stop_at):
        city, doctor = self.token("city"), self.token("doctor")
        _, orgs = self.call("GET", "/api/organizations?pageSize=20&q=" + urllib.request.quote("金华社区"), None, city)
        org_id = next(o["id"] for o in orgs["items"] if o["name"] == JINHUA)
        while time.time() < stop_at and not (self.stop_file and os.path.exists(self.stop_file)):
            try:
                self.workflow(city, doctor, org_id)
            except Exception as e:  # a malformed answer must not end the worker
                with self.lock:
                    self.rows.append((time.time(), 0.0, "loadgen.error:" + type(e).__name__, -1))
                time.sleep(0.2)

    def run(self):
        stop_at = time.time() + self.seconds
        threads = [threading.Thread(target=self.worker, args=(stop_at,)) for _ in range(self.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--seconds", type=float, default=90)
    p.add_argument("--workers", type=int, default=6)
    p.add_argument("--timeout", type=float, default=15)
    p.add_argument("--out", required=True)
    p.add_argument("--stop-file", help="the workers stop when this file appears (or after --seconds)")
    a = p.parse_args()
    load = Load(a.base.rstrip("/"), a.seconds, a.workers, a.timeout, a.stop_file)
    load.run()
    with open(a.out + "/requests.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["start", "seconds", "kind", "status"])
        w.writerows(sorted(load.rows))
    with open(a.out + "/acks.json", "w") as f:
        json.dump(load.acks, f)
    print(f"loadgen: {len(load.rows)} requests, {len(load.acks['elders'])} elders, "
          f"{len(load.acks['visits'])} visits, {len(load.acks['completed'])} completed")


if __name__ == "__main__":
    main()
