"""Hidden tests for `classification-metrics`. Every function has one right answer for given labels, so each result is
compared with the reference's: confusion matrices exactly, scores within 1e-12 + 1e-9·|expected|. When a score
differs, the judge computes the classic wrong answers on the same data (precision and recall swapped, the accuracy,
pos_label ignored, macro over y_true's labels only, the F1 of macro P and R, the support-weighted mean, 0/0
counted as 1 or left out, micro for macro and back) and names the one the submission matches."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func

RTOL, ATOL = 1e-9, 1e-12
METRICS = ("precision", "recall", "f1_score")


# --- the parent's own arithmetic, for the likely causes ----------------------------------------------------------


def per_class(y_true: np.ndarray, y_pred: np.ndarray, labels: np.ndarray, zero: float = 0.0) -> dict[str, np.ndarray]:
    """Per-class precision, recall, F1 (0/0 → `zero`; NaN keeps it) and support, for these labels."""
    tp = np.array([np.sum((y_true == c) & (y_pred == c)) for c in labels], dtype=float)
    pred = np.array([np.sum(y_pred == c) for c in labels], dtype=float)
    true = np.array([np.sum(y_true == c) for c in labels], dtype=float)
    with np.errstate(all="ignore"):
        p, r = tp / pred, tp / true
        f = 2 * tp / (pred + true)
    return {"precision": np.where(pred > 0, p, zero), "recall": np.where(true > 0, r, zero),
            "f1_score": np.where(pred + true > 0, f, zero), "support": true}


def union(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    return np.unique(np.concatenate([y_true, y_pred]))


def score(metric: str, y_true: np.ndarray, y_pred: np.ndarray, average: str, pos_label: object,
          labels: np.ndarray | None = None, zero: float = 0.0) -> float:
    if average == "binary":
        return float(per_class(y_true, y_pred, np.array([pos_label]), zero)[metric][0])
    if average == "micro":
        return float(np.mean(y_true == y_pred))
    return float(np.mean(per_class(y_true, y_pred, union(y_true, y_pred) if labels is None else labels, zero)[metric]))


def candidates(metric: str, y_true: np.ndarray, y_pred: np.ndarray, average: str, pos_label: object) -> list:
    """(value, cause) for the classic wrong answers to metric(y_true, y_pred, average, pos_label)."""
    other = {"precision": "recall", "recall": "precision"}.get(metric)
    labels = union(y_true, y_pred)
    out: list[tuple[float, str]] = []
    if other:
        out.append((score(other, y_true, y_pred, average, pos_label),
                    "precision and recall are swapped — precision divides by what was PREDICTED as the class "
                    "(TP + FP), recall by what truly is the class (TP + FN)"))
    if average != "micro":
        out.append((float(np.mean(y_true == y_pred)), "this is the accuracy — the spec asks for the "
                    f"{average} {metric}"))
    if average == "binary":
        if pos_label != 1:
            one = score(metric, y_true, y_pred, "binary", 1) if np.isin(1, labels) and labels.dtype.kind in "iuf" \
                else 0.0
            out.append((one, "pos_label is ignored (the class 1 is scored) — compare with pos_label, e.g. "
                        "`y_pred == pos_label`"))
        rest = [c for c in labels.tolist() if c != pos_label]
        if rest:
            out.append((score(metric, y_true, y_pred, "binary", rest[0]),
                        f"this is the score of the class {rest[0]!r} — the positive class is pos_label="
                        f"{pos_label!r}"))
    if average == "macro":
        stats = per_class(y_true, y_pred, labels)
        out.append((float(np.average(stats[metric], weights=stats["support"])),
                    "this is the support-weighted mean; the macro average is the plain mean over the classes"))
        out.append((score(metric, y_true, y_pred, "macro", None, labels=np.unique(y_true)),
                    "the mean runs over the labels of y_true only — a class that is only ever predicted counts "
                    "too: labels = np.unique(np.concatenate([y_true, y_pred]))"))
        out.append((score(metric, y_true, y_pred, "micro", None), "this is the micro average (the accuracy); "
                    "macro is the plain mean of the per-class scores"))
        nan_stats = per_class(y_true, y_pred, labels, zero=np.nan)
        if np.isnan(nan_stats[metric]).any() and not np.isnan(nan_stats[metric]).all():
            out.append((float(np.nanmean(nan_stats[metric])), "classes whose score is 0/0 are left out of the "
                        "mean — the spec counts them as 0.0"))
        if metric == "f1_score":
            mp, mr = score("precision", y_true, y_pred, "macro", None), score("recall", y_true, y_pred, "macro", None)
            out.append((2 * mp * mr / (mp + mr) if mp + mr else 0.0,
                        "this is the F1 of macro precision and macro recall — macro F1 is the mean of the "
                        "per-class F1 scores"))
    if average == "micro":
        out.append((score(metric, y_true, y_pred, "macro", None), "this is the macro average (the plain mean of "
                    "the per-class scores); micro sums TP, FP and FN over the classes first"))
    out.append((score(metric, y_true, y_pred, average, pos_label, zero=1.0),
                "a 0/0 score counts as 1.0 here — the spec's zero-division rule is 0.0"))
    return out


# --- judges -------------------------------------------------------------------------------------------------------


def judge_matrix(case: Case, got: Outputs, expected: Outputs) -> None:
    y_true, y_pred = case.inputs["y_true"], case.inputs["y_pred"]
    exp = expected.values["cm"]
    what = case.call.split(" # ")[0]
    cm = checks.value(got, "cm", what)
    k = exp.shape[0]
    if cm.shape != exp.shape:
        cause = ""
        if y_true.dtype.kind in "iu" and cm.shape == (int(union(y_true, y_pred).max()) + 1,) * 2:
            cause = ("the matrix is indexed by the label's VALUE (size max label + 1) — map each label to its "
                     "position in the sorted labels (np.searchsorted, or a dict)")
        elif cm.shape == (len(np.unique(y_true)),) * 2:
            cause = ("the labels come from y_true only — a class that is only ever predicted needs its column "
                     "too: labels = np.unique(np.concatenate([y_true, y_pred]))")
        elif cm.shape == (len(np.unique(y_pred)),) * 2:
            cause = ("the labels come from y_pred only — a class that is never predicted needs its row too: "
                     "labels = np.unique(np.concatenate([y_true, y_pred]))")
        raise Fail(f"{what} has shape {cm.shape}, expected {(k, k)}", expected=f"shape {(k, k)}",
                   got=checks.fmt(cm), cause=cause or "one row and one column per label — every label of y_true "
                   "and y_pred (or of `labels`, when it is given)")
    cm = checks.array(got, "cm", what, (k, k))
    if np.array_equal(cm, exp):
        return
    if cm.dtype.kind == "f" and not np.all(cm == np.round(cm)):
        cause = "counts are whole numbers — count samples (np.bincount, or += 1), don't average"
    elif np.array_equal(cm, exp.T):
        cause = ("rows and columns are swapped — rows are the TRUE labels, columns the PREDICTED ones: "
                 "C[i, j] counts true labels[i] predicted as labels[j]")
    elif cm.sum() == exp.sum() and sorted(cm.ravel().tolist()) == sorted(exp.ravel().tolist()):
        cause = ("the counts are right but in other rows and columns — order them as the sorted labels, or as "
                 "`labels` when it is given")
    elif cm.sum() != len(y_true):
        cause = f"the counts add up to {cm.sum():g}, not to the {len(y_true)} samples — each sample adds 1 to one cell"
    else:
        cause = "C[i, j] must count the samples whose true label is labels[i] and whose prediction is labels[j]"
    checks.close(cm, exp, what, rtol=0.0, atol=0.0, cause=cause)


def judge_scores(case: Case, got: Outputs, expected: Outputs) -> None:
    for key, metric, y_true_name, y_pred_name, average, pos_label in case.params["calls"]:
        y_true, y_pred = case.inputs[y_true_name], case.inputs[y_pred_name]
        args = [f"average={average!r}"] if average != "binary" else []
        if pos_label != 1:
            args.append(f"pos_label={pos_label!r}")
        what = f"{metric}({y_true_name}, {y_pred_name}{''.join(', ' + a for a in args)})"
        value = checks.value(got, key, what)
        if value.shape != () or value.dtype.kind not in "biuf":
            raise Fail(f"{what} has shape {value.shape} and dtype {value.dtype}, expected one float",
                       got=checks.fmt(value), expected="one number, e.g. 0.75",
                       cause="return a single number: float(...) of your result" if value.size == 1 else
                       "return the averaged score, one number, not the per-class scores")
        number, exp = float(value), float(expected.values[key])
        if np.isnan(number):
            raise Fail(f"{what} is nan", expected=f"{exp:.6g}", got="nan",
                       cause="0/0 — the spec's zero-division rule: a score whose denominator is 0 is 0.0 (check "
                       "the denominator before dividing, or np.divide(..., where=den > 0))")
        if abs(number - exp) <= ATOL + RTOL * abs(exp):
            continue
        cause = next((c for v, c in candidates(metric, y_true, y_pred, average, pos_label)
                      if abs(v - exp) > 1e-9 and abs(number - v) <= 1e-9), "")
        if not cause:
            cause = {"precision": "precision = TP / (TP + FP)", "recall": "recall = TP / (TP + FN)",
                     "f1_score": "F1 = 2·P·R / (P + R) per class"}[metric] + " — count TP, FP and FN for the " + \
                    ("class pos_label" if average == "binary" else "classes") + " and check the averaging rule " \
                    "in the module docstring"
        raise Fail(f"{what} = {number:.6g}, expected {exp:.6g}", expected=f"{exp:.10g}", got=f"{number:.10g}",
                   cause=cause)


# --- data and cases -----------------------------------------------------------------------------------------------


def noisy(seed: int, n: int, classes: list, accuracy: float) -> tuple[np.ndarray, np.ndarray]:
    """y_true uniform over classes; y_pred = y_true with probability `accuracy`, else another random class."""
    rng = np.random.default_rng(seed)
    classes_arr = np.array(classes)
    y_true = classes_arr[rng.integers(0, len(classes), n)]
    wrong = classes_arr[rng.integers(0, len(classes), n)]
    return y_true, np.where(rng.random(n) < accuracy, y_true, wrong)


def binary(seed: int, n: int, labels: tuple = (0, 1)) -> tuple[np.ndarray, np.ndarray]:
    """Two classes; a true labels[1] is missed 35% of the time, a true labels[0] flagged 10% of the time (so
    precision and recall differ)."""
    rng = np.random.default_rng(seed)
    positive = rng.random(n) < 0.5
    flipped = rng.random(n) < np.where(positive, 0.35, 0.10)
    names = np.array(labels)
    return names[positive.astype(int)], names[(positive ^ flipped).astype(int)]


def matrix_case(name: str, y_true: np.ndarray, y_pred: np.ndarray, on: str, labels: list | None = None) -> Case:
    kwargs = {} if labels is None else {"labels": labels}
    call_text = "confusion_matrix(y_true, y_pred" + ("" if labels is None else f", labels={labels}") + ")"
    return Case(name, call_text, on, {"y_true": y_true, "y_pred": y_pred},
                (func("confusion_matrix", "y_true", "y_pred", save="cm", **kwargs),), judge_matrix)


def scores_case(name: str, inputs: dict[str, np.ndarray], on: str,
                calls: list[tuple[str, str, str, str, object]]) -> Case:
    """calls: (metric, y_true input, y_pred input, average, pos_label)."""
    steps, params, texts = [], [], []
    for i, (metric, yt, yp, average, pos_label) in enumerate(calls):
        kwargs: dict[str, object] = {}
        if average != "binary":
            kwargs["average"] = average
        if pos_label != 1:
            kwargs["pos_label"] = pos_label
        key = f"s{i}"
        steps.append(func(metric, yt, yp, save=key, **kwargs))
        params.append((key, metric, yt, yp, average, pos_label))
        texts.append(f"{metric}({yt}, {yp}" + "".join(f", {k}={v!r}" for k, v in kwargs.items()) + ")")
    return Case(name, "; ".join(texts), on, inputs, tuple(steps), judge_scores, {"calls": params})


def three(yt: str = "y_true", yp: str = "y_pred", average: str = "binary", pos_label: object = 1) -> list:
    return [(m, yt, yp, average, pos_label) for m in METRICS]


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    yb, pb = noisy(1, 40, [0, 1], 0.7)
    y4, p4 = noisy(2, 60, [2, 5, 9, 11], 0.6)
    ym, pm = noisy(3, 50, [0, 1, 2], 0.6)
    pm[pm == 2] = 1          # class 2 is never predicted
    pm[:3] = 3               # class 3 is only ever predicted
    y3, p3 = noisy(4, 45, [0, 1, 2], 0.6)
    animals = np.array(["bird", "cat", "dog"])
    ys, ps = noisy(5, 50, [0, 1, 2], 0.6)
    y60, p60 = binary(6, 60)
    mail_t, mail_p = binary(7, 50, ("ham", "spam"))
    none = np.zeros(30, dtype=int)
    some = np.random.default_rng(8).integers(0, 2, 30)
    yk, pk = noisy(9, 80, [0, 1, 2, 3], 0.55)
    pk[pk == 3] = 0          # class 3 is never predicted: its precision is 0/0
    yo, po = noisy(10, 70, [0, 1, 2], 0.6)
    po[:6] = 4               # class 4 is only ever predicted: its recall is 0/0
    yu, pu = noisy(11, 90, [0, 1, 2, 3, 4], 0.5)
    return [
        matrix_case("confusion_matrix_binary", yb, pb, "y_true, y_pred shape (40,), labels 0/1, seed 1"),
        matrix_case("confusion_matrix_labels_not_0_to_k", y4, p4,
                    "y_true, y_pred shape (60,), labels 2, 5, 9, 11 (the matrix is 4 × 4), seed 2"),
        matrix_case("confusion_matrix_every_label_has_a_row_and_column", ym, pm,
                    "y_true, y_pred shape (50,), seed 3: class 2 is never predicted, class 3 only predicted"),
        matrix_case("confusion_matrix_given_labels_order", y3, p3, "y_true, y_pred shape (45,), labels 0/1/2, "
                    "seed 4; rows and columns in the order 2, 0, 1", labels=[2, 0, 1]),
        matrix_case("confusion_matrix_string_labels", animals[ys], animals[ps],
                    "y_true, y_pred shape (50,), labels 'bird', 'cat', 'dog', seed 5"),
        scores_case("binary_precision_recall_f1", {"y_true": y60, "y_pred": p60},
                    "y_true, y_pred shape (60,), labels 0/1, seed 6", three()),
        scores_case("pos_label_zero", {"y_true": y60, "y_pred": p60},
                    "y_true, y_pred shape (60,), labels 0/1, seed 6; class 0 is the positive one",
                    three(pos_label=0)),
        scores_case("string_pos_label", {"y_true": mail_t, "y_pred": mail_p},
                    "y_true, y_pred shape (50,), labels 'ham'/'spam', seed 7", three(pos_label="spam")),
        scores_case("zero_division_is_zero", {"y": some, "none": none},
                    "y shape (30,) with some 1s, seed 8; none = zeros(30): nothing predicted positive, or nothing "
                    "truly positive",
                    [("precision", "y", "none", "binary", 1), ("recall", "none", "y", "binary", 1),
                     ("f1_score", "y", "none", "binary", 1)]),
        scores_case("macro_average", {"y_true": yk, "y_pred": pk},
                    "y_true, y_pred shape (80,), labels 0–3, seed 9; class 3 is never predicted (its precision "
                    "is 0/0 → 0.0)", three(average="macro")),
        scores_case("macro_includes_labels_only_predicted", {"y_true": yo, "y_pred": po},
                    "y_true, y_pred shape (70,), labels 0–2 in y_true, seed 10; 4 appears only in y_pred",
                    three(average="macro")),
        scores_case("micro_average_equals_accuracy", {"y_true": yu, "y_pred": pu},
                    "y_true, y_pred shape (90,), labels 0–4, seed 11", three(average="micro")),
    ]


def perf() -> Perf:
    y_true, y_pred = noisy(31, 200_000, list(range(10)), 0.6)
    return Perf(
        steps=(func("confusion_matrix", "y_true", "y_pred"), func("f1_score", "y_true", "y_pred", average="macro"),
               func("precision", "y_true", "y_pred", average="micro")),
        inputs={"y_true": y_true, "y_pred": y_pred},
        describe="confusion_matrix, f1_score(average='macro') and precision(average='micro') on 200,000 samples, "
        "10 classes",
        slow_hint="a Python loop over the samples? count with boolean masks per class, or np.bincount on "
        "true_index * k + pred_index",
    )
