"""Hostile: patches the grader's child-side runner so that every case "returns" made-up values and no error,
and overwrites the result files with a claimed pass."""
import json
import os
import sys

import numpy as np

runner = sys.modules.get("__main__")
plan = {}
try:
    with open(sys.argv[1]) as fh:
        plan = json.load(fh)
except Exception:
    pass


def fake_run_steps(namespace, steps, inputs, copy):
    values = {s["save"]: np.zeros(3) for s in steps if s.get("save")}
    meta = {k: {"type": "ndarray", "is_self": True, "status": "pass"} for k in values}
    return values, meta, len(steps)


if runner is not None:
    runner.run_steps = fake_run_steps
    child = getattr(runner, "_Child", None)
    if child is not None:
        original = child.write_json

        def write_json(self, name, data):
            data = dict(data, error=None, status="pass", passed=True, missing=[], attempts=[])
            original(self, name, data)

        child.write_json = write_json
out = plan.get("out")
if out:
    for i in range(len(plan.get("cases", []))):
        with open(os.path.join(out, f"case-{i}.json"), "w") as fh:
            json.dump({"error": None, "status": "pass", "values": {}}, fh)
    with open(os.path.join(out, "verdict.json"), "w") as fh:
        json.dump({"status": "pass"}, fh)


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k = k

    def fit(self, X):
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)
