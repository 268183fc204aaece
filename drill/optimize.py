"""`drill optimize`: FSRS parameters fitted to the learner's own review log, kept only when they predict better.

The fit is fsrs-rs's (through its Python binding, a small Rust wheel: no PyTorch). Questions and exercises are
fitted apart, since re-implementing a whole exercise is not the same kind of memory as recalling a fact. To judge
a fit honestly it is made on the older 80% of the log and compared with the parameters in force on the newest 20%
(a time-series split: the model never sees the future it is scored on); when it wins, the parameters kept are
fitted again on the whole log.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from drill.config import Config, load_config, save_parameters
from drill.errors import DrillError
from drill.store import LoggedReview, open_store

if TYPE_CHECKING:
    from fsrs_rs_python import FSRSItem

MINIMUM_REVIEWS = 400  # below this a fit mostly learns noise (fsrs's own guidance is a few hundred reviews)
TEST_SHARE = 0.2


@dataclass(frozen=True)
class Fit:
    kind: str  # "question" or "exercise"
    reviews: int
    needed: int = 0  # reviews still needed before a fit is tried (0: it was)
    old_log_loss: float = 0.0
    old_rmse: float = 0.0
    new_log_loss: float = 0.0
    new_rmse: float = 0.0
    kept: bool = False
    parameters: tuple[float, ...] = ()

    @property
    def better(self) -> bool:
        return self.new_log_loss < self.old_log_loss


@dataclass(frozen=True)
class OptimizeReport:
    fits: tuple[Fit, ...]
    fitted_on: date
    config_path: str = ""  # where kept parameters were written ("" when nothing changed)


def optimize(today: date, *, dry_run: bool = False) -> OptimizeReport:
    """Fit both kinds; write the parameters that won into config.toml (unless dry_run)."""
    config = load_config()
    store = open_store()
    try:
        log = store.scheduling_log()
    finally:
        store.close()
    fits = tuple(fit_kind(kind, log, current_parameters(config, kind)) for kind in ("question", "exercise"))
    kept = {fit.kind: fit.parameters for fit in fits if fit.kept}
    path = ""
    if kept and not dry_run:
        path = str(save_parameters(kept.get("question"), kept.get("exercise"), today.isoformat()))
    return OptimizeReport(fits, today, path)


def current_parameters(config: Config, kind: str) -> tuple[float, ...]:
    from fsrs_rs_python import DEFAULT_PARAMETERS

    fitted = config.exercise_parameters if kind == "exercise" else config.parameters
    return tuple(fitted) if fitted else tuple(DEFAULT_PARAMETERS)


def fit_kind(kind: str, log: list[LoggedReview], current: tuple[float, ...]) -> Fit:
    histories = review_histories(log, kind)
    reviews = sum(len(history) for history in histories)
    if reviews < MINIMUM_REVIEWS:
        return Fit(kind, reviews, needed=MINIMUM_REVIEWS - reviews)
    import fsrs_rs_python as fsrs_rs

    items = training_items(histories)
    split = int(len(items) * (1 - TEST_SHARE))
    train = [item for _, item in items[:split]]
    test = [item for _, item in items[split:]]
    try:
        challenger = _rounded(fsrs_rs.FSRS(list(current)).compute_parameters(train))
        old = fsrs_rs.FSRS(list(current)).evaluate(test)
        new = fsrs_rs.FSRS(list(challenger)).evaluate(test)
        better = new.log_loss < old.log_loss
        kept = _rounded(fsrs_rs.FSRS(list(current)).compute_parameters([i for _, i in items])) if better else ()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # fsrs-rs refuses what it cannot fit, a Rust panic included (not an Exception)
        raise DrillError(f"fsrs-rs could not fit the {kind} reviews ({exc}) — the parameters in force are kept") from exc
    return Fit(kind, reviews, 0, float(old.log_loss), float(old.rmse_bins), float(new.log_loss),
               float(new.rmse_bins), better, kept)


def review_histories(log: list[LoggedReview], kind: str) -> list[list[tuple[int, date, str]]]:
    """Each card's scheduled reviews (cramming left out) as (rating, study day, UTC moment), oldest first."""
    cards: dict[str, list[tuple[int, date, str]]] = defaultdict(list)
    for entry in log:
        review = entry.review
        if review.kind == kind and not review.cram:
            cards[review.item_id].append((review.rating, entry.study_day, review.reviewed_at.isoformat()))
    return [sorted(history, key=lambda r: r[2]) for history in cards.values()]


def training_items(histories: list[list[tuple[int, date, str]]]) -> list[tuple[str, FSRSItem]]:
    """fsrs-rs's training items, oldest first by the review each one predicts: for every review after a card's
    first, the card's history up to it, with the days elapsed between study days (fsrs counts whole days) —
    those predicting a review on the same day as the one before left out, as fsrs-rs requires."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    items = []
    for history in histories:
        reviews = []
        previous: date | None = None
        for rating, day, moment in history:
            gap = 0 if previous is None else (day - previous).days
            reviews.append(FSRSReview(rating, gap))
            previous = day
            # an item predicts its last review across the days before it: fsrs-rs trains and scores only those
            # whose last review came a day or more after the one before (it panics or refuses on the others) —
            # a card relearnt within one day says nothing about forgetting over days
            if len(reviews) > 1 and gap > 0:
                items.append((moment, FSRSItem(list(reviews))))
    items.sort(key=lambda pair: pair[0])
    return items


def _rounded(parameters) -> tuple[float, ...]:
    """As config.toml keeps them (4 decimals), so what is evaluated is what will schedule."""
    return tuple(round(float(w), 4) for w in parameters)
