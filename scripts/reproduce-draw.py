#!/usr/bin/env python3
"""Reproduces a 双随机 draw from its published JSON (GET /api/inspections/draws/{id}), Python 3 standard library only.

Usage:  python3 scripts/reproduce-draw.py draw.json      (or:  ... < draw.json)
Prints the canonical result and its SHA-256, and exits 0 when both equal the published draw, 1 when they differ.

The algorithm (docs/domain/supervision.md#the-draw-algorithm, version sha256-ctr-fisher-yates-v1):
  r_k        = first 8 bytes, big-endian, of SHA-256(UTF-8(seed) || k as 8 bytes big-endian), k = 0, 1, 2, ...
  uniform(n) = next r_k with r_k >= 2**64 mod n, taken mod n
  sample     = ceil(len(entityList) * ratioBasisPoints / 10000) in integers
  entities   : the entity ids sorted ascending; for i in 0..sample-1: j = i + uniform(len - i); swap; the first
               `sample` ids in that order are drawn
  inspectors : for each drawn entity in order, a fresh copy of the inspector ids sorted ascending; i = 0, 1, ...:
               j = i + uniform(len - i); swap; the inspector at i withdraws if it has a conflict with the entity,
               else it is assigned; stop when inspectorsPerEntity are assigned
"""
import hashlib
import json
import sys

ALGORITHM = "sha256-ctr-fisher-yates-v1"


class SeedStream:
    def __init__(self, seed):
        self.seed = seed.encode("utf-8")
        self.counter = 0

    def next(self):
        digest = hashlib.sha256(self.seed + self.counter.to_bytes(8, "big")).digest()
        self.counter += 1
        return int.from_bytes(digest[:8], "big")

    def uniform(self, n):
        threshold = (2 ** 64) % n
        while True:
            r = self.next()
            if r >= threshold:
                return r % n


def draw(seed, entities, inspectors, conflicts, sample, per_entity):
    stream = SeedStream(seed)
    e = sorted(entities)
    for i in range(sample):
        j = i + stream.uniform(len(e) - i)
        e[i], e[j] = e[j], e[i]
    drawn, withdrawals = [], []
    for org in e[:sample]:
        a = sorted(inspectors)
        assigned, i = [], 0
        while len(assigned) < per_entity:
            if i == len(a):
                raise SystemExit(f"too few inspectors without a conflict for organization {org}")
            j = i + stream.uniform(len(a) - i)
            a[i], a[j] = a[j], a[i]
            if (a[i], org) in conflicts:
                withdrawals.append({"inspectorId": a[i], "organizationId": org})
            else:
                assigned.append(a[i])
            i += 1
        drawn.append({"organizationId": org, "inspectorIds": assigned})
    return {"entities": drawn, "withdrawals": withdrawals}


def canonical(result):
    return json.dumps(result, separators=(",", ":"), ensure_ascii=True)


def main():
    published = json.load(open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin)
    if published.get("algorithm") != ALGORITHM:
        raise SystemExit(f"unknown algorithm {published.get('algorithm')!r}")
    entities = [x["organizationId"] for x in published["entityList"]]
    inspectors = [x["inspectorId"] for x in published["inspectorList"]]
    conflicts = {(c["inspectorId"], c["organizationId"]) for c in published["conflicts"]}
    sample = (len(entities) * published["ratioBasisPoints"] + 9999) // 10000
    mine = canonical(draw(published["seed"], entities, inspectors, conflicts, sample, published["inspectorsPerEntity"]))
    theirs = canonical({
        "entities": [{"organizationId": x["organizationId"], "inspectorIds": x["inspectorIds"]} for x in published["entities"]],
        "withdrawals": [{"inspectorId": w["inspectorId"], "organizationId": w["organizationId"]} for w in published["withdrawals"]],
    })
    digest = hashlib.sha256(mine.encode("utf-8")).hexdigest()
    print(mine)
    print(digest)
    same = mine == theirs and digest == published.get("resultSha256") and sample == published.get("sampleSize")
    print("一致：抽取结果可复现" if same else "不一致：抽取结果与公布的不同")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
