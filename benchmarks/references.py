"""Reference solutions against scikit-learn on the same data, alternating runs, in one process.

Targets (2-core machine): KNN predict (20,000 × 32 train, 2,000 queries, k=5) vs brute-force KNeighborsClassifier
≤ 1.0×; K-means, 20 Lloyd iterations (100,000 × 16, k=16) vs KMeans(algorithm="lloyd") ≤ 1.5×; logistic regression
(Newton) and linear regression (normal equation) fits on 100,000 × 50 vs LogisticRegression / LinearRegression ≤ 1.0×.
scikit-learn is a benchmark-only extra: `pip install '.[bench]'`.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5


def reference(slug: str):  # noqa: ANN201 - a module
    path = ROOT / "reference" / slug / "solution.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"reference_{slug.replace('-', '_')}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def alternate(measures: dict[str, Callable[[], object]], runs: int = RUNS) -> dict[str, float]:
    for measure in measures.values():  # warm-up
        measure()
    times: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            time.sleep(0.05)  # let the other side's idle BLAS/OpenMP threads stop spinning before the clock starts
            started = time.perf_counter()
            measure()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def row(name: str, ours: float, theirs: float, target: str) -> None:
    ratio = ours / theirs
    print(f"{name:<44} {ours * 1000:>10.1f} ms {theirs * 1000:>10.1f} ms {ratio:>7.2f}×   {target}")


def main() -> None:
    try:
        from sklearn.cluster import KMeans as SkKMeans
        from sklearn.linear_model import LinearRegression as SkLinear
        from sklearn.linear_model import LogisticRegression as SkLogistic
        from sklearn.neighbors import KNeighborsClassifier
    except ImportError:
        sys.exit("scikit-learn is needed for this benchmark: pip install '.[bench]'")
    rng = np.random.default_rng(0)
    print(f"References vs scikit-learn  ({os.cpu_count()} cores, NumPy {np.__version__}, Python {sys.version.split()[0]})")
    print(f"{'measure':<44} {'reference':>13} {'sklearn':>13} {'ratio':>8}   target")

    knn = reference("knn")
    X = rng.normal(size=(20_000, 32))
    y = rng.integers(0, 5, 20_000)
    Q = rng.normal(size=(2_000, 32))
    ours_knn = knn.KNN(k=5).fit(X, y)
    theirs_knn = KNeighborsClassifier(n_neighbors=5, algorithm="brute").fit(X, y)
    t = alternate({"ours": lambda: ours_knn.predict(Q), "sk": lambda: theirs_knn.predict(Q)})
    row("KNN predict 20,000×32, 2,000 queries, k=5", t["ours"], t["sk"], "≤ 1.0×")

    kmeans = reference("kmeans")
    Xk = rng.normal(size=(100_000, 16)) + rng.integers(0, 16, 100_000)[:, None] * 0.5
    t = alternate({
        "ours": lambda: kmeans.KMeans(k=16, max_iters=20, random_state=0).fit(Xk),
        # both seed with k-means++ (scikit-learn's greedy variant) and then run Lloyd to 20 iterations
        "sk": lambda: SkKMeans(n_clusters=16, algorithm="lloyd", max_iter=20, n_init=1, tol=0.0,
                               random_state=0).fit(Xk),
    })
    row("K-means 20 Lloyd iterations 100,000×16, k=16", t["ours"], t["sk"], "≤ 1.5×")

    Xl = rng.normal(size=(100_000, 50))
    w = rng.normal(size=50)
    newton = reference("logistic-regression-newton")
    if newton is not None:
        yl = (rng.random(100_000) < 1 / (1 + np.exp(-(Xl @ w) / 4))).astype(int)
        model = newton.NewtonLogisticRegression
        # The same objective: mean log-loss + (α/2)‖w‖² is scikit-learn's C = 1 / (n α), and lbfgs's tol is the
        # same stopping rule as ours (every |∂L/∂θ| < tol). Matched at our default 1e-8, then at lbfgs's default
        # 1e-4 for both, where Newton's quadratic convergence saves it only one step of five.
        C = 1 / (len(Xl) * 1e-3)
        for tol in (1e-8, 1e-4):
            t = alternate({
                "ours": lambda tol=tol: model(alpha=1e-3, tol=tol).fit(Xl, yl),
                "sk": lambda tol=tol: SkLogistic(C=C, tol=tol, max_iter=1000).fit(Xl, yl),
            })
            row(f"logistic regression (Newton) 100,000×50, tol {tol:g}", t["ours"], t["sk"], "≤ 1.0×")
    else:
        print("logistic-regression-newton: no reference yet")
    normal = reference("linear-regression-normal-equation")
    if normal is not None:
        yr = Xl @ w + rng.normal(size=100_000)
        model = normal.LinearRegression
        t = alternate({"ours": lambda: model().fit(Xl, yr), "sk": lambda: SkLinear().fit(Xl, yr)})
        row("linear regression (normal equation) 100,000×50", t["ours"], t["sk"], "≤ 1.0×")
    else:
        print("linear-regression-normal-equation: no reference yet")


if __name__ == "__main__":
    main()
