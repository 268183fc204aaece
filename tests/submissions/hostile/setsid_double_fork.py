"""Hostile: a daemon-style double fork into a new session (escaping the process group), recording the
grandchild's pid beside this file; the grandchild then sleeps forever."""
import os
import time

import numpy as np

_pids = os.path.join(os.path.dirname(__file__), "pids.txt")
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        with open(_pids, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        while True:
            time.sleep(1)
    os._exit(0)
time.sleep(0.2)  # let the grandchild write its pid


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k = k

    def fit(self, X):
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)
