"""Hostile: leaves a sleeping child process behind (subprocess), and records its pid beside this file."""
import os
import subprocess

import numpy as np

_sleeper = subprocess.Popen(["sleep", "300"])
with open(os.path.join(os.path.dirname(__file__), "pids.txt"), "a") as fh:
    fh.write(f"{_sleeper.pid}\n")


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k = k

    def fit(self, X):
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)
