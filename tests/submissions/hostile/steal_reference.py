"""Hostile: tries to load drill's reference solution instead of writing one — by import, and by reading the file
whose folder the runner's plan names."""
import json
import sys

KMeans = None
try:
    KMeans = __import__("dr" + "ill.grading.judge", fromlist=["x"])
except ImportError:
    pass
with open(sys.argv[1]) as fh:
    plan = json.load(fh)
for folder in plan.get("blocked_paths", []):
    try:
        source = open(folder + "/kmeans/solution.py").read()
    except OSError:
        continue
    namespace = {}
    exec(source, namespace)
    KMeans = namespace["KMeans"]
