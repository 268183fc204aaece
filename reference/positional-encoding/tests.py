"""Hidden tests for `positional-encoding`. The table is unique, so it is compared with the reference's: shape
exactly (seq_len, d_model), values within 2e-5 absolute (float32 arithmetic is within 5e-6 for the lengths used).
When it differs, the judge rebuilds the table with each classic mistake — exponent i/d_model or j/d_model, sin and
cos swapped, a sin half then a cos half, positions from 1, the frequency multiplied instead of divided, integer
division in the exponent — and names the one the submission matches."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func

ATOL = 2e-5


def table(seq_len: int, d_model: int, *, exponent: Callable[[np.ndarray, int], np.ndarray] | None = None,
          start: int = 0, swap: bool = False, halves: bool = False, multiply: bool = False, rows: bool = False,
          all_sin: bool = False, zero_first_row: bool = False) -> np.ndarray:
    """The spec's table (defaults), or one of the classic mistakes. exponent(j, d) gives column j's exponent."""
    pos = np.arange(start, start + seq_len, dtype=float)[:, None]
    j = np.arange(d_model)
    if halves:  # a sin block for every frequency, then a cos block
        n_sin = (d_model + 1) // 2
        k = np.where(j < n_sin, j, j - n_sin)
        expo = 2 * k / d_model
        even = j < n_sin
    else:
        expo = (2 * (j // 2) / d_model) if exponent is None else exponent(j, d_model)
        even = j % 2 == 0
    scale = 10000.0 ** expo
    angles = pos * scale if multiply else pos / scale
    with np.errstate(all="ignore"):
        first, second = (np.cos(angles), np.sin(angles)) if swap else (np.sin(angles), np.cos(angles))
    if all_sin:
        second = first
    if rows:  # sin on the even ROWS (positions), cos on the odd ones
        even = (np.arange(seq_len) % 2 == 0)[:, None]
    out = np.where(even, first, second)
    if zero_first_row:
        out[0] = 0.0
    return out


def variants(seq_len: int, d: int) -> list[tuple[np.ndarray, str]]:
    return [
        (table(seq_len, d, exponent=lambda j, d: (j // 2) / d),
         "the exponent is i/d_model; the paper's is 2i/d_model, with i = j // 2 the pair index — so the "
         "wavelengths run up to 10000·2π, not 100·2π"),
        (table(seq_len, d, exponent=lambda j, d: j / d),
         "the exponent uses the column index j; both columns of a pair share the exponent 2i/d_model — for the "
         "cos column j = 2i + 1 that is 2·(j // 2)/d_model, not j/d_model"),
        (table(seq_len, d, exponent=lambda j, d: 2 * j / d),
         "the exponent is 2j/d_model with j the column index; it is 2i/d_model with i = j // 2 the PAIR index, "
         "so columns 2i and 2i + 1 share one frequency"),
        (table(seq_len, d, exponent=lambda j, d: 2 * np.ceil(j / 2) / d),
         "the cos column 2i + 1 uses the NEXT pair's exponent (ceil(j / 2)); both columns of pair i use 2i/d_model: "
         "i = j // 2 (floor)"),
        (table(seq_len, d, rows=True),
         "sin and cos alternate over the ROWS (the positions): pe[0::2] slices rows — slice the columns, "
         "pe[:, 0::2] = sin and pe[:, 1::2] = cos"),
        (table(seq_len, d, all_sin=True),
         "the odd columns hold sines too: column 2i + 1 is the COSINE of the same angle"),
        (table(seq_len, d, zero_first_row=True),
         "row 0 is all zeros (a padding row?): position 0 is encoded too — sin(0) = 0 on the even columns and "
         "cos(0) = 1 on the odd ones"),
        (table(seq_len, d, swap=True),
         "sin and cos are swapped: sin goes on the EVEN columns (0, 2, 4, …), cos on the odd ones — so row 0 is "
         "[0, 1, 0, 1, …]"),
        (table(seq_len, d, halves=True),
         "the sines fill the first half and the cosines the second (np.concatenate); the paper interleaves them: "
         "column 2i is sin, column 2i + 1 is cos of the same angle"),
        (table(seq_len, d, start=1),
         "the positions start at 1; the first position is 0 (so row 0 is [0, 1, 0, 1, …]): np.arange(seq_len)"),
        (table(seq_len, d, multiply=True),
         "the position is multiplied by 10000^(2i/d_model); it is DIVIDED: pos / 10000^(2i/d_model) (or "
         "pos · 10000^(−2i/d_model))"),
        (table(seq_len, d, exponent=lambda j, d: (2 * (j // 2)) // d),
         "the exponent is computed with integer division (2i // d_model is 0): use true division, 2 * i / d_model"),
        (table(seq_len, d, exponent=lambda j, d: (2 * (j // 2)) / (d - 1) if d > 1 else 0 * j),
         "the exponent divides by d_model − 1; it is 2i/d_model"),
    ]


def judge_table(case: Case, got: Outputs, expected: Outputs) -> None:
    seq_len, d = case.params["seq_len"], case.params["d_model"]
    exp = expected.values["pe"]
    what = case.call
    value = checks.value(got, "pe", what)
    if value.shape != (seq_len, d):
        cause = ""
        if value.shape == (1, seq_len, d):
            cause = "there is a leading batch axis (pe[None] or unsqueeze(0)): return the 2-D table, (seq_len, d_model)"
        elif value.shape == (d, seq_len) and d != seq_len:
            cause = "the axes are swapped: one ROW per position, one column per dimension — (seq_len, d_model)"
        elif len(value.shape) == 2 and value.shape[0] == seq_len and value.shape[1] in (d - 1, d + 1):
            cause = ("the number of columns is off by one for an odd d_model: there are (d_model + 1) // 2 sin "
                     "columns and d_model // 2 cos columns — the last column is a sin")
        elif len(value.shape) == 2 and value.shape[1] == d and value.shape[0] in (seq_len - 1, seq_len + 1):
            cause = "one row per position 0 … seq_len − 1: np.arange(seq_len) gives exactly seq_len of them"
        raise Fail(f"{what} has shape {value.shape}, expected {(seq_len, d)}", expected=f"shape {(seq_len, d)}",
                   got=f"shape {value.shape}: {checks.fmt(value)}", cause=cause)
    pe = checks.array(got, "pe", what, (seq_len, d), kinds="f").astype(float)
    if np.allclose(pe, exp, rtol=0, atol=ATOL):
        return
    cause = next((reason for candidate, reason in variants(seq_len, d)
                  if not np.allclose(candidate, exp, rtol=0, atol=ATOL) and np.allclose(pe, candidate, rtol=0,
                                                                                       atol=ATOL)), "")
    if not cause:
        bad_cols = np.flatnonzero(~np.all(np.isclose(pe, exp, rtol=0, atol=ATOL), axis=0))
        if d % 2 == 1 and list(bad_cols) == [d - 1]:
            cause = ("only the last column is wrong: for an odd d_model it is a sin, sin(pos / 10000^((d_model − 1)"
                     "/d_model)), with no cos partner")
        elif np.all(bad_cols % 2 == 1):
            cause = "the sin columns are right but the cos columns are not: column 2i + 1 = cos of the SAME angle"
        elif np.all(bad_cols % 2 == 0):
            cause = "the cos columns are right but the sin columns are not: column 2i = sin(pos / 10000^(2i/d_model))"
        else:
            cause = "PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d_model))"
    err = np.abs(pe - exp)
    bad = ~(err <= ATOL)
    pos, col = (int(k) for k in np.argwhere(bad)[0])
    raise Fail(f"{what} differs from the expected table: {int(bad.sum())} of {bad.size} values differ, max abs "
               f"error {float(np.nanmax(np.where(np.isnan(err), np.inf, err))):.3g}; first at [{pos}, {col}] "
               f"(position {pos}, column {col}: the {'sin' if col % 2 == 0 else 'cos'} of pair {col // 2})",
               expected=f"{checks.fmt(exp)}; at [{pos}, {col}]: {exp[pos, col]:.6g}",
               got=f"{checks.fmt(pe)}; at [{pos}, {col}]: {pe[pos, col]:.6g} (tolerance {ATOL:g})", cause=cause)


def pe_case(name: str, seq_len: int, d_model: int, note: str = "") -> Case:
    call_text = f"sinusoidal_positions({seq_len}, {d_model})"
    return Case(name, call_text, note or f"a ({seq_len}, {d_model}) table", {},
                (func("sinusoidal_positions", save="pe", seq_len=seq_len, d_model=d_model),), judge_table,
                {"seq_len": seq_len, "d_model": d_model})


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    return [
        pe_case("small_table", 4, 6, "positions 0…3, pairs i = 0, 1, 2 (exponents 0, 1/3, 2/3)"),
        pe_case("first_position_is_zero", 1, 8, "one position: row 0 must be [0, 1, 0, 1, 0, 1, 0, 1]"),
        pe_case("typical_sizes", 50, 16, "50 positions, d_model 16"),
        pe_case("odd_d_model", 10, 7, "d_model odd: 4 sin columns (0, 2, 4, 6) and 3 cos columns (1, 3, 5) — the "
                "last column is a sin with no cos partner"),
        pe_case("two_dimensions", 8, 2, "d_model 2: columns sin(pos) and cos(pos)"),
        pe_case("wide_model", 20, 512, "d_model 512, as in the paper: wavelengths from 2π to about 10000·2π"),
        pe_case("long_sequence", 200, 32, "200 positions (angles up to 199 radians)"),
        pe_case("odd_and_tiny", 5, 3, "d_model 3: columns sin, cos, sin"),
    ]


def perf() -> Perf:
    return Perf(
        steps=(func("sinusoidal_positions", seq_len=512, d_model=512),),
        inputs={},
        describe="sinusoidal_positions(512, 512): 262,144 values",
        slow_hint="a double Python loop over positions and columns? build angles = pos[:, None] * freq[None, :] "
        "with broadcasting and apply np.sin / np.cos to whole columns",
    )
