"""Hostile: leaves a sleeping multiprocessing worker behind, and records its pid beside this file."""
import multiprocessing
import os
import time

import numpy as np

_worker = multiprocessing.get_context("fork").Process(target=time.sleep, args=(300,), daemon=False)
_worker.start()
with open(os.path.join(os.path.dirname(__file__), "pids.txt"), "a") as fh:
    fh.write(f"{_worker.pid}\n")


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k = k

    def fit(self, X):
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)
