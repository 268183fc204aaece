"""Content tests for questions/attention-and-transformers.yaml: every computable claim, checked with NumPy.

Each numeric answer is recomputed from scratch; each derivation's identities are checked on random data (the
variance of q·k, the tiny attention output, permutation equivariance, RoPE's relative scores, the online
softmax, the FLOP count, BPE merges); the facts the answers lean on are reproduced in small seeded experiments
(softmax saturation, masks and their failure modes, KV-cache decoding equal to a full forward pass, GQA, nucleus
sampling, perplexity across tokenizers, tiled attention). Typical right and wrong phrasings go through the matcher.
The bank's form (format rules, minimums, key-point patterns) is checked in tests/test_bank_form.py.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from bank_content import key_point, read_bank, tolerance_of

from drill.banks import load_bank
from drill.lint import example_problems
from drill.matching import judge_point
from drill.models import KeyPoint

BANK_PATH, BANK, Q = read_bank("attention-and-transformers")
QUESTIONS = BANK["questions"]


# ----------------------------------------------------------------------------- helpers


def softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - m)
    return e / e.sum(axis=axis, keepdims=True)


def attention(Q_, K, V, mask=None):
    """softmax(QKᵀ/√d)V; mask is True where attention is allowed (−∞ added elsewhere, before the softmax)."""
    S = Q_ @ K.T / math.sqrt(Q_.shape[-1])
    if mask is not None:
        S = np.where(mask, S, -np.inf)
    return softmax(S) @ V


def causal_mask(n):
    return np.tril(np.ones((n, n), dtype=bool))


def layer_norm(x, eps=1e-5):
    mu = x.mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(x.var(-1, keepdims=True) + eps)


class MHA:
    """Multi-head self-attention with h query heads and g key/value heads (g = h: MHA, g = 1: MQA)."""

    def __init__(self, rng, d, h, g=None, bias=True):
        self.d, self.h, self.g = d, h, g or h
        self.dh = d // h
        kv = self.g * self.dh
        self.Wq, self.Wk, self.Wv = (
            rng.normal(size=(d, d)),
            rng.normal(size=(d, kv)),
            rng.normal(size=(d, kv)),
        )
        self.Wo = rng.normal(size=(d, d))
        self.biases = [rng.normal(size=n) for n in (d, kv, kv, d)] if bias else []
        for W in (self.Wq, self.Wk, self.Wv, self.Wo):
            W /= math.sqrt(d)

    def n_params(self):
        return sum(W.size for W in (self.Wq, self.Wk, self.Wv, self.Wo)) + sum(b.size for b in self.biases)

    def qkv(self, X):
        bq, bk, bv, _ = self.biases or [0, 0, 0, 0]
        n = X.shape[0]
        q = (X @ self.Wq + bq).reshape(n, self.h, self.dh)
        k = (X @ self.Wk + bk).reshape(n, self.g, self.dh)
        v = (X @ self.Wv + bv).reshape(n, self.g, self.dh)
        return q, k, v

    def attend(self, q, k, v, mask):
        """q: (n, h, dh); k, v: (m, g, dh). Query head i uses key/value head i // (h/g)."""
        per = self.h // self.g
        heads = [attention(q[:, i], k[:, i // per], v[:, i // per], mask) for i in range(self.h)]
        bo = self.biases[3] if self.biases else 0
        return np.concatenate(heads, axis=-1) @ self.Wo + bo

    def __call__(self, X, mask=None):
        q, k, v = self.qkv(X)
        return self.attend(q, k, v, mask)


# ----------------------------------------------------------------------------- numeric answers, recomputed


def solve_var_qk() -> float:
    d = 128
    return float(sum(1.0 * 1.0 for _ in range(d)))  # Σ E[qᵢ²]E[kᵢ²]


TINY_Q = np.array([1.0, 0, 1, 0])
TINY_K = np.array([[2.0, 0, 2, 0], [1, 1, 1, 1], [0, 1, 0, 1]])
TINY_V = np.array([[1.0, 0], [0, 1], [1, 1]])


def solve_tiny_weight() -> float:
    return float(softmax(TINY_K @ TINY_Q / math.sqrt(4))[0])


def solve_param_count() -> float:
    return float(MHA(np.random.default_rng(0), d=768, h=12).n_params())


def solve_score_memory() -> float:
    heads, n, bytes_per = 32, 8192, 2
    return heads * n * n * bytes_per / 2**30


def sinusoidal(pos, d):
    i = np.arange(d // 2)
    angle = pos / 10000 ** (2 * i / d)
    pe = np.empty(d)
    pe[0::2], pe[1::2] = np.sin(angle), np.cos(angle)
    return pe


def solve_sinusoidal() -> float:
    return float(sinusoidal(3, 8)[2])


def block_weight_shapes(d, mlp=4):
    return [(d, d)] * 4 + [(d, mlp * d), (mlp * d, d)]


def solve_block_params() -> float:
    return 12 * sum(a * b for a, b in block_weight_shapes(768)) / 1e6


def kv_cache_bytes(layers, kv_heads, d_head, seq, batch, bytes_per):
    return 2 * layers * kv_heads * d_head * seq * batch * bytes_per


def solve_kv_cache() -> float:
    return kv_cache_bytes(32, 32, 128, 4096, 8, 2) / 1e9


def solve_gqa() -> float:
    return kv_cache_bytes(80, 8, 128, 4096, 1, 2) / 1e9


def solve_decode_bandwidth() -> float:
    return 7e9 * 2 / 2e12 * 1e3


def solve_temperature() -> float:
    return float(softmax(np.array([3.0, 2.0, 0.0]) / 2)[0])


def nucleus(p, top_p):
    """The smallest set of most probable tokens whose total probability is at least top_p, renormalised."""
    order = np.argsort(-p, kind="stable")
    keep = int(np.searchsorted(np.cumsum(p[order]), top_p - 1e-12) + 1)
    out = np.zeros_like(p)
    out[order[:keep]] = p[order[:keep]]
    return out / out.sum()


def solve_top_p() -> float:
    return float(nucleus(np.array([0.5, 0.2, 0.15, 0.1, 0.05]), 0.8).max())


def solve_perplexity() -> float:
    return math.exp(2.5)


NUMERIC_SOLVERS = {
    "attn-var-qk-numeric": solve_var_qk,
    "attn-tiny-weight-numeric": solve_tiny_weight,
    "attn-param-count-numeric": solve_param_count,
    "attn-score-memory-numeric": solve_score_memory,
    "attn-sinusoidal-numeric": solve_sinusoidal,
    "attn-block-params-numeric": solve_block_params,
    "attn-kv-cache-numeric": solve_kv_cache,
    "attn-gqa-numeric": solve_gqa,
    "attn-decode-bandwidth-numeric": solve_decode_bandwidth,
    "attn-temperature-numeric": solve_temperature,
    "attn-top-p-numeric": solve_top_p,
    "attn-perplexity-numeric": solve_perplexity,
}


def test_every_numeric_question_has_a_solver():
    assert {q["id"] for q in QUESTIONS if q["type"] == "numeric"} == set(NUMERIC_SOLVERS)


@pytest.mark.parametrize("qid", sorted(NUMERIC_SOLVERS))
def test_numeric_answer_recomputed(qid):
    q = Q[qid]
    value = NUMERIC_SOLVERS[qid]()
    assert abs(value - q["answer"]) <= tolerance_of(q), f"{qid}: bank says {q['answer']}, computed {value}"


# ----------------------------------------------------------------------------- scaled dot-product attention


def test_var_qk_by_monte_carlo_and_scaling():
    rng = np.random.default_rng(1)
    for d in (16, 128):
        q, k = rng.normal(size=(40_000, d)), rng.normal(size=(40_000, d))
        dots = (q * k).sum(1)
        assert abs(dots.mean()) < 0.05 * math.sqrt(d)
        assert dots.var() == pytest.approx(d, rel=0.03)
        assert (dots / math.sqrt(d)).var() == pytest.approx(1.0, rel=0.03)
    # the derivation's caveat: non-zero means make the mean score grow like d·μ_q·μ_k
    q, k = rng.normal(0.5, 1, size=(20_000, 64)), rng.normal(0.5, 1, size=(20_000, 64))
    assert (q * k).sum(1).mean() == pytest.approx(64 * 0.25, rel=0.05)
    # the explanation's numbers: std √128 ≈ 11.3, √64 = 8
    assert math.sqrt(128) == pytest.approx(11.3, abs=0.05) and math.sqrt(64) == 8


def test_softmax_jacobian_and_saturation():
    rng = np.random.default_rng(2)
    z = rng.normal(size=6)
    p = softmax(z)
    J = np.diag(p) - np.outer(p, p)
    h = 1e-6
    numeric = np.stack([(softmax(z + h * e) - softmax(z - h * e)) / (2 * h) for e in np.eye(6)], axis=1)
    assert np.allclose(J, numeric, atol=1e-8)

    # unscaled logits of large-d dot products make the softmax nearly one-hot and its Jacobian tiny
    d, n = 512, 16
    Qm, K = rng.normal(size=(200, d)), rng.normal(size=(n, d))

    def mean_jacobian_norm(scale):
        P = softmax(Qm @ K.T * scale)
        return np.mean([np.linalg.norm(np.diag(r) - np.outer(r, r)) for r in P]), P.max(1).mean()

    scaled, scaled_max = mean_jacobian_norm(1 / math.sqrt(d))
    raw, raw_max = mean_jacobian_norm(1.0)
    assert raw_max > 0.9 and scaled_max < 0.6
    assert raw < 0.3 * scaled


def test_tiny_output_derivation():
    scores = TINY_K @ TINY_Q
    assert scores.tolist() == [4, 2, 0]
    w = softmax(scores / 2)
    assert np.allclose(w, [0.665, 0.245, 0.090], atol=5e-4) and w.sum() == pytest.approx(1)
    assert np.exp([2, 1, 0]).sum() == pytest.approx(11.107, abs=5e-4)
    out = w @ TINY_V
    assert np.allclose(out, [0.755, 0.335], atol=5e-4)
    assert np.allclose(attention(TINY_Q[None], TINY_K, TINY_V)[0], out)
    raw = softmax(scores)
    assert np.allclose(raw, [0.867, 0.117, 0.016], atol=5e-4)
    assert np.allclose(raw @ TINY_V, [0.883, 0.133], atol=5e-4)
    assert np.all((out >= TINY_V.min(0)) & (out <= TINY_V.max(0)))


# ----------------------------------------------------------------------------- masks


def test_mask_before_softmax_zero_weights_rows_sum_to_one():
    rng = np.random.default_rng(3)
    S = rng.normal(size=(5, 5))
    P = softmax(np.where(causal_mask(5), S, -np.inf))
    assert np.all(P[~causal_mask(5)] == 0) and np.allclose(P.sum(1), 1)
    # a large finite negative value gives the same weights to float precision
    assert np.allclose(P, softmax(np.where(causal_mask(5), S, -1e9)))
    # padding: the output at real positions does not depend on how much padding the batch has
    X = rng.normal(size=(3, 4))
    padded = np.vstack([X, rng.normal(size=(4, 4))])
    key_ok = np.array([True] * 3 + [False] * 4)
    out_padded = attention(padded, padded, padded, np.broadcast_to(key_ok, (7, 7)))[:3]
    assert np.allclose(out_padded, attention(X, X, X))


def test_mask_after_softmax_leaks_the_future():
    rng = np.random.default_rng(4)
    n, d = 6, 4
    X = rng.normal(size=(n, d))
    Y = X.copy()
    Y[-1] += 3.0  # change only the last (future) token
    M = causal_mask(n)

    def post_mask(Z, renormalise=False):
        P = softmax(Z @ Z.T / math.sqrt(d)) * M
        if renormalise:
            P = P / P.sum(1, keepdims=True)
        return P, P @ Z

    P, out_x = post_mask(X)
    _, out_y = post_mask(Y)
    assert np.all(P.sum(1)[:-1] < 1 - 1e-6)  # rows no longer sum to 1
    assert not np.allclose(out_x[0], out_y[0])  # position 0's output moved when the last token changed
    pre_x, pre_y = attention(X, X, X, M), attention(Y, Y, Y, M)
    assert np.allclose(pre_x[:-1], pre_y[:-1])  # the correct mask: no leak
    assert np.allclose(post_mask(X, renormalise=True)[1], pre_x)  # renormalising recovers it


def test_fully_masked_row_gives_nan_that_spreads():
    rng = np.random.default_rng(5)
    n, d = 4, 3
    X = rng.normal(size=(n, d))
    # left padding: position 0 is a pad token; keys may not be pads, and the mask is causal
    allowed = causal_mask(n) & np.array([False, True, True, True])
    with np.errstate(invalid="ignore"):
        S = np.where(allowed, X @ X.T, -np.inf)
        P = softmax(S)
        assert np.all(np.isnan(P[0])) and not np.isnan(P[1:]).any()
        out = P @ X
        assert np.isnan(0.0 * out[0]).all()  # masking the loss by multiplication keeps NaN
        # next layer: the NaN row is a masked key/value for the others, yet 0 weight × NaN value is NaN
        P2 = softmax(np.where(allowed, out @ out.T, -np.inf))
        assert np.isnan(P2[1:] @ out).any()
        # backward through the softmax at that row: p ⊙ (g − Σ p g) with zero upstream gradient is NaN
        g = np.zeros(n)
        assert np.isnan(P[0] * (g - (P[0] * g).sum())).all()
    # the fix: a large finite negative gives a harmless uniform row
    P_fixed = softmax(np.where(allowed, X @ X.T, -1e9))
    assert np.allclose(P_fixed[0], 1 / n) and not np.isnan(P_fixed).any()
    assert np.exp(-np.inf) == 0.0  # not an overflow


# ----------------------------------------------------------------------------- heads, parameters, cost


def test_param_count_does_not_depend_on_heads():
    rng = np.random.default_rng(6)
    d = 768
    assert MHA(rng, d, 12).n_params() == 4 * d * d + 4 * d == 2_362_368
    assert MHA(rng, d, 12, bias=False).n_params() == 4 * d * d == 2_359_296
    assert MHA(rng, 512, 8).n_params() == MHA(rng, 512, 16).n_params()
    # 8 → 16 heads: same QKᵀ multiply-adds (h·n²·d_head), twice the n × n weight matrices
    n = 100
    for h in (8, 16):
        assert h * n * n * (512 // h) == n * n * 512
    assert 16 * n * n == 2 * 8 * n * n


def test_heads_split_the_width_and_rank_is_bounded():
    rng = np.random.default_rng(7)
    mha = MHA(rng, d=32, h=8, bias=False)
    X = rng.normal(size=(20, 32))
    q, k, _ = mha.qkv(X)
    assert q.shape == (20, 8, 4)
    S = q[:, 0] @ k[:, 0].T  # one head's 20 × 20 score matrix
    assert np.linalg.matrix_rank(S) <= 4
    # one head of full width is the h = 1 case: same parameter count
    assert MHA(rng, 32, 1, bias=False).n_params() == mha.n_params()


def layer_macs(n, d, h, mlp=4):
    """Multiply-adds of one layer, from the shapes of its matrix products."""
    dh = d // h
    products = [(n, d, d)] * 3 + [(n, d, d)]  # Q, K, V, output projections: (n × d)(d × d)
    products += [(n, dh, n)] * h + [(n, n, dh)] * h  # QₕKₕᵀ and AₕVₕ for every head
    products += [(n, d, mlp * d), (n, mlp * d, d)]  # the MLP
    return sum(a * b * c for a, b, c in products)


def test_layer_cost_and_crossover():
    for n, d, h in [(128, 64, 4), (1000, 256, 8), (4096, 4096, 32)]:
        assert layer_macs(n, d, h) == 12 * n * d * d + 2 * n * n * d
    d = 4096
    assert 6 * d == 24_576
    for n in (6 * d - 1000, 6 * d + 1000):
        assert (2 * n * n * d > 12 * n * d * d) == (n > 6 * d)
    # the complexity answer's 64 GiB: n = 32k, 32 heads, 16-bit, one layer
    assert 32 * 32768**2 * 2 == 64 * 2**30
    # the score-memory explanation: 32 layers → 128 GiB, doubling n quadruples it
    assert 32 * solve_score_memory() == 128
    assert 32 * (2 * 8192) ** 2 * 2 / 2**30 == 4 * solve_score_memory()


# ----------------------------------------------------------------------------- positions


def block(X, mha, W1, W2, mask=None):
    """A pre-norm Transformer block: x + MHA(LN(x)), then x + MLP(LN(x))."""
    X = X + mha(layer_norm(X), mask)
    return X + np.maximum(layer_norm(X) @ W1, 0) @ W2


def test_permutation_equivariance_and_causal_mask_breaks_it():
    rng = np.random.default_rng(8)
    n, d = 7, 16
    mha = MHA(rng, d, 4)
    W1, W2 = rng.normal(size=(d, 4 * d)) / 4, rng.normal(size=(4 * d, d)) / 8
    X = rng.normal(size=(n, d))
    P = np.eye(n)[rng.permutation(n)]
    # the derivation's steps: projections, scores P S Pᵀ, row-wise softmax commutes
    S = X @ X.T
    assert np.allclose((P @ X) @ (P @ X).T, P @ S @ P.T)
    assert np.allclose(softmax(P @ S @ P.T), P @ softmax(S) @ P.T)
    assert np.allclose(mha(P @ X), P @ mha(X))
    assert np.allclose(block(P @ X, mha, W1, W2), P @ block(X, mha, W1, W2))
    assert np.allclose(block(P @ X, mha, W1, W2).mean(0), block(X, mha, W1, W2).mean(0))  # pooled: invariant
    M = causal_mask(n)
    assert not np.allclose(mha(P @ X, M), P @ mha(X, M))
    # "dog bites man" vs "man bites dog": the same multiset of outputs without positions
    dog, bites, man = rng.normal(size=(3, d))
    a, b = mha(np.stack([dog, bites, man])), mha(np.stack([man, bites, dog]))
    assert np.allclose(a[[2, 1, 0]], b)


def test_sinusoidal_shift_is_a_rotation_and_dot_depends_on_offset():
    d = 16
    omega = 1 / 10000 ** (2 * np.arange(d // 2) / d)
    for k in (1, 5, 37):
        R = np.zeros((d, d))
        for i, w in enumerate(omega):
            c, s = math.cos(k * w), math.sin(k * w)
            R[2 * i : 2 * i + 2, 2 * i : 2 * i + 2] = [[c, s], [-s, c]]  # acting on (sin, cos)
        for pos in (0, 3, 100):
            assert np.allclose(sinusoidal(pos + k, d), R @ sinusoidal(pos, d))
        dots = [sinusoidal(p, d) @ sinusoidal(p + k, d) for p in (0, 9, 250)]
        assert np.allclose(dots, np.cos(k * omega).sum())
    # the numeric explanation's other numbers
    pe = sinusoidal(3, 8)
    assert pe[3] == pytest.approx(0.9553, abs=5e-5) and pe[0] == pytest.approx(0.1411, abs=5e-5)
    assert 10000 ** (2 / 8) == pytest.approx(10)
    assert 2 * math.pi * 10 == pytest.approx(63, abs=0.5)
    # wavelengths run geometrically from 2π to (almost) 10000·2π
    wl = 2 * math.pi / omega
    assert wl[0] == pytest.approx(2 * math.pi) and wl[-1] < 10000 * 2 * math.pi
    assert np.allclose(wl[1:] / wl[:-1], wl[1] / wl[0])


def rot(alpha):
    return np.array([[math.cos(alpha), -math.sin(alpha)], [math.sin(alpha), math.cos(alpha)]])


def rope(x, pos, base=10000.0):
    """Rotate each consecutive pair of x's coordinates by pos·θᵢ, θᵢ = base^(−2i/d)."""
    d = x.shape[-1]
    theta = base ** (-2 * np.arange(d // 2) / d)
    out = np.empty_like(x)
    for i, t in enumerate(theta):
        out[2 * i : 2 * i + 2] = rot(pos * t) @ x[2 * i : 2 * i + 2]
    return out


def test_rope_scores_depend_only_on_the_offset():
    rng = np.random.default_rng(9)
    a, b, th = rng.uniform(-3, 3, size=3)
    assert np.allclose(rot(a).T, rot(-a)) and np.allclose(rot(a) @ rot(b), rot(a + b))
    q2, k2 = rng.normal(size=(2, 2))
    m, n = 7, 3
    assert (rot(m * th) @ q2) @ (rot(n * th) @ k2) == pytest.approx(q2 @ rot((n - m) * th) @ k2)
    # complex form: multiplying by e^(iα) is the rotation, and Re(conj(a)·b) is the real dot product
    zq, zk = complex(*q2), complex(*k2)
    rotated = zq * np.exp(1j * m * th)
    assert np.allclose([rotated.real, rotated.imag], rot(m * th) @ q2)
    assert (np.conj(zq * np.exp(1j * m * th)) * zk * np.exp(1j * n * th)).real == pytest.approx(
        (rot(m * th) @ q2) @ (rot(n * th) @ k2)
    )
    q, k = rng.normal(size=(2, 64))
    score = rope(q, 10) @ rope(k, 4)
    for shift in (1, 50, 1000):
        assert rope(q, 10 + shift) @ rope(k, 4 + shift) == pytest.approx(score)
    assert rope(q, 10) @ rope(k, 5) != pytest.approx(score)
    assert np.linalg.norm(rope(q, 123)) == pytest.approx(np.linalg.norm(q))  # norms preserved


def test_rope_slow_frequencies_have_not_cycled_within_training_length():
    d, train_len = 128, 4096
    theta = 10000 ** (-2 * np.arange(d // 2) / d)
    turns = train_len * theta / (2 * math.pi)
    assert turns[0] > 100 and turns[-1] < 1  # fast pairs wrap many times, the slowest not even once
    # position interpolation squeezes 4× longer inputs back into the trained range of angles
    assert (4 * train_len / 4) * theta[-1] <= train_len * theta[-1]


def test_alibi_slopes_are_geometric():
    h = 8
    slopes = np.array([2 ** (-8 * (i + 1) / h) for i in range(h)])
    assert np.allclose(slopes, [1 / 2**k for k in range(1, 9)])
    i, j = 10, np.arange(11)
    bias = -slopes[0] * (i - j)
    assert bias[-1] == 0 and np.all(np.diff(bias) > 0)  # farther keys are penalised more


# ----------------------------------------------------------------------------- block and model sizes


def test_block_params_and_gpt2_small_total():
    d, L, V, ctx = 768, 12, 50_257, 1024
    weights = sum(a * b for a, b in block_weight_shapes(d))
    assert weights == 12 * d * d == 7_077_888
    assert L * weights == 84_934_656
    per_block = (4 * d * d + 4 * d) + (8 * d * d + 5 * d) + 2 * 2 * d  # attention, MLP, two LayerNorms
    total = L * per_block + V * d + ctx * d + 2 * d  # + tied embedding, positions, final LayerNorm
    assert total == 124_439_808
    assert (L * per_block - L * weights) / 1e6 == pytest.approx(0.12, abs=0.005)
    assert V * d / 1e6 == pytest.approx(38.6, abs=0.05) and ctx * d / 1e6 == pytest.approx(0.8, abs=0.05)
    assert 8 * d * d / weights == pytest.approx(2 / 3)  # the MLP's share of a block
    assert round(8 / 3 * 4096 / 256) * 256 == 11_008 or math.ceil(8 / 3 * 4096 / 256) * 256 == 11_008


# ----------------------------------------------------------------------------- KV cache, MQA / GQA, decoding


class TinyDecoder:
    """A stack of causal GQA attention layers with residuals, run in full or one token at a time with a cache."""

    def __init__(self, rng, layers, d, h, g):
        self.layers = [MHA(rng, d, h, g, bias=False) for _ in range(layers)]

    def full(self, X):
        for layer in self.layers:
            X = X + layer(X, causal_mask(len(X)))
        return X

    def step(self, x, cache):
        """x: (1, d). The cache holds each layer's K and V of all earlier tokens; queries are never stored."""
        for layer, entry in zip(self.layers, cache):
            q, k, v = layer.qkv(x)
            entry["k"] = np.concatenate([entry["k"], k.astype(np.float16)])
            entry["v"] = np.concatenate([entry["v"], v.astype(np.float16)])
            ks, vs = entry["k"].astype(float), entry["v"].astype(float)
            ks[-1], vs[-1] = k[0], v[0]  # use the exact current k, v; the cache stores them in 16 bits
            x = x + layer.attend(q, ks, vs, None)
        return x


def test_kv_cache_decoding_matches_full_forward_and_its_size_is_the_formula():
    rng = np.random.default_rng(10)
    layers, d, h, g, T = 3, 32, 8, 2, 9
    model = TinyDecoder(rng, layers, d, h, g)
    X = rng.normal(size=(T, d))
    full = model.full(X)
    dh = d // h
    cache = [
        {"k": np.zeros((0, g, dh), np.float16), "v": np.zeros((0, g, dh), np.float16)} for _ in range(layers)
    ]
    outs = np.vstack([model.step(X[t : t + 1], cache) for t in range(T)])
    assert np.allclose(
        outs, full, atol=2e-2
    )  # the cached 16-bit K/V differ from the exact ones in rounding only
    cached_bytes = sum(e["k"].nbytes + e["v"].nbytes for e in cache)
    assert cached_bytes == kv_cache_bytes(layers, g, dh, T, 1, 2)
    # per-token and per-sequence figures in the answers
    assert kv_cache_bytes(32, 32, 128, 1, 1, 2) == 524_288 == 2**19  # 0.5 MiB
    assert kv_cache_bytes(32, 32, 128, 4096, 1, 2) == 2 * 2**30  # 2 GiB
    assert kv_cache_bytes(32, 32, 128, 4096, 8, 2) == 16 * 2**30
    # the same 32 × 128 geometry with GQA's 8 K/V heads (Mistral 7B): a quarter, 128 KiB per token
    assert kv_cache_bytes(32, 8, 128, 1, 1, 2) * 4 == kv_cache_bytes(32, 32, 128, 1, 1, 2)
    assert kv_cache_bytes(32, 8, 128, 1, 1, 2) == 128 * 2**10
    weights_gb = 6.74e9 * 2 / 1e9  # LLaMA-7B's 16-bit weights
    assert weights_gb == pytest.approx(13.5, abs=0.05) and weights_gb < solve_kv_cache()


def test_gqa_interpolates_between_mqa_and_mha():
    rng = np.random.default_rng(11)
    d, h = 32, 8
    X = rng.normal(size=(6, d))
    gqa = MHA(rng, d, h, g=2, bias=False)
    # GQA equals multi-head attention whose K/V heads are repeated within each group
    mha = MHA(rng, d, h, bias=False)
    mha.Wq, mha.Wo = gqa.Wq, gqa.Wo
    dh, per = d // h, h // 2
    mha.Wk = np.concatenate([gqa.Wk[:, (i // per) * dh : (i // per + 1) * dh] for i in range(h)], axis=1)
    mha.Wv = np.concatenate([gqa.Wv[:, (i // per) * dh : (i // per + 1) * dh] for i in range(h)], axis=1)
    assert np.allclose(gqa(X, causal_mask(6)), mha(X, causal_mask(6)))
    assert gqa.Wk.shape[1] * per == mha.Wk.shape[1]  # K/V projections (and cache) shrink by h/g
    # the 70B example: MHA 8× larger, MQA 8× smaller; the number of query heads does not enter
    assert kv_cache_bytes(80, 64, 128, 4096, 1, 2) / 1e9 == pytest.approx(10.74, abs=0.005)
    assert kv_cache_bytes(80, 1, 128, 4096, 1, 2) / 1e9 == pytest.approx(0.168, abs=0.0005)
    assert kv_cache_bytes(80, 8, 128, 4096, 1, 2) == 1_342_177_280


def test_decoding_bandwidth_numbers():
    params, bw = 7e9, 2e12
    assert params * 2 / 1e9 == 14
    assert 1 / (solve_decode_bandwidth() / 1e3) == pytest.approx(143, abs=0.5)
    compute_ms = 2 * params / 312e12 * 1e3
    assert compute_ms == pytest.approx(0.045, abs=0.001)
    assert solve_decode_bandwidth() / compute_ms == pytest.approx(156, abs=1)
    assert 312e12 / bw == pytest.approx(156)  # A100 FLOPs per byte of bandwidth
    assert 989e12 / 3.35e12 == pytest.approx(295, abs=1)  # H100 SXM, dense 16-bit
    # batch 1 matrix–vector product: 2 FLOPs per weight, 2 bytes per weight → 1 FLOP/byte
    assert (2 * params) / (2 * params) == 1
    # prefill of n tokens: 2n FLOPs per 2-byte weight read, n FLOPs/byte — compute-bound past the GPU's ratio,
    # i.e. once the prompt has more than a few hundred tokens (about 156 on an A100, 295 on an H100)
    for n, ratio in ((156, 312e12 / bw), (295, 989e12 / 3.35e12)):
        intensity = (2 * n * params) / (2 * params)
        assert intensity == n and abs(intensity - ratio) < 1
    # at batch 16 (no cache), compute stays well under the 7 ms of weight reads
    assert 16 * compute_ms < 0.15 * solve_decode_bandwidth()


# ----------------------------------------------------------------------------- sampling and search


def test_temperature_values_and_limits():
    z = np.array([3.0, 2.0, 0.0])
    assert softmax(z)[0] == pytest.approx(0.705, abs=5e-4)
    assert softmax(z / 0.5)[0] == pytest.approx(0.879, abs=5e-4)
    assert np.exp(1.5) == pytest.approx(4.482, abs=5e-4) and (np.exp([1.5, 1, 0]).sum()) == pytest.approx(
        8.2, abs=5e-4
    )
    assert np.allclose(softmax(z / 1e4), 1 / 3, atol=1e-3)
    assert softmax(z / 1e-3)[0] == pytest.approx(1.0)
    for T in (0.3, 1.0, 5.0):  # temperature never changes the ranking
        assert np.array_equal(np.argsort(softmax(z / T)), np.argsort(z))


def test_nucleus_and_top_k():
    p = np.array([0.5, 0.2, 0.15, 0.1, 0.05])
    kept = nucleus(p, 0.8)
    assert np.count_nonzero(kept) == 3
    assert np.allclose(kept[:3], [0.588, 0.235, 0.176], atol=5e-4)
    assert np.allclose(np.cumsum(p)[:3], [0.5, 0.7, 0.85])
    top2 = np.where(np.arange(5) < 2, p, 0)
    assert top2[0] / top2.sum() == pytest.approx(0.714, abs=5e-4)
    # the usual implementation (drop tokens whose ascending cumulative mass is ≤ 1 − p) keeps the same set
    asc = np.argsort(p)
    dropped = asc[np.cumsum(p[asc]) <= 1 - 0.8 + 1e-12]
    assert set(range(5)) - set(dropped.tolist()) == set(np.flatnonzero(kept).tolist())
    # "tokens with probability above p" (the wrong reading) would keep nothing here
    assert not np.any(p > 0.8)
    # a flatter distribution gets a larger nucleus
    assert np.count_nonzero(nucleus(np.full(10, 0.1), 0.8)) == 8


def test_beam_search_repairs_greedys_early_choice_and_favours_short():
    # step-1 probabilities, then step-2 probabilities given the first token
    first = {"a": 0.6, "b": 0.4}
    second = {"a": {"x": 0.3, "y": 0.3, "z": 0.4}, "b": {"x": 0.9, "y": 0.1}}
    greedy_first = max(first, key=first.get)
    greedy = (greedy_first, max(second[greedy_first], key=second[greedy_first].get))
    beams = sorted(
        ((f, s) for f in first for s in second[f]), key=lambda t: -first[t[0]] * second[t[0]][t[1]]
    )
    assert greedy == ("a", "z") and first["a"] * second["a"]["z"] == pytest.approx(0.24)
    assert beams[0] == ("b", "x") and first["b"] * second["b"]["x"] == pytest.approx(0.36)
    # summed log-probabilities only fall as a hypothesis grows: shorter ones are favoured
    logp = np.log([0.9, 0.9, 0.9, 0.9])
    assert np.all(np.diff(np.cumsum(logp)) < 0)


# ----------------------------------------------------------------------------- tokenisation


def bpe_train(word_counts: dict[str, int], merges: int) -> list[tuple[str, str]]:
    words = {tuple(w): c for w, c in word_counts.items()}
    learned = []
    for _ in range(merges):
        pairs: Counter = Counter()
        for symbols, c in words.items():
            for a, b in zip(symbols, symbols[1:]):
                pairs[(a, b)] += c
        best = max(pairs, key=lambda p: pairs[p])
        assert list(pairs.values()).count(pairs[best]) == 1, "a tie would make the hand computation ambiguous"
        learned.append(best)
        new = {}
        for symbols, c in words.items():
            out, i = [], 0
            while i < len(symbols):
                if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                    out.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            new[tuple(out)] = c
        words = new
    return learned


def bpe_encode(word: str, merges: list[tuple[str, str]]) -> list[str]:
    symbols = list(word)
    for a, b in merges:
        i, out = 0, []
        while i < len(symbols):
            if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == (a, b):
                out.append(a + b)
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        symbols = out
    return symbols


def test_bpe_merges_by_hand():
    corpus = {"hug": 10, "pug": 5, "pun": 12, "bun": 4, "hugs": 5}
    merges = bpe_train(corpus, 3)
    assert merges == [("u", "g"), ("u", "n"), ("h", "ug")]
    pairs: Counter = Counter()
    for w, c in corpus.items():
        for a, b in zip(w, w[1:]):
            pairs[a + b] += c
    assert dict(pairs) == {"hu": 15, "ug": 20, "pu": 17, "un": 16, "bu": 4, "gs": 5}
    assert [bpe_encode(w, merges) for w in corpus] == [
        ["hug"],
        ["p", "ug"],
        ["p", "un"],
        ["b", "un"],
        ["hug", "s"],
    ]
    assert bpe_encode("bug", merges) == ["b", "ug"]
    alphabet = set("".join(corpus))
    assert "m" not in alphabet and len(set(bytes(range(256)))) == 256


def test_byte_level_base_covers_any_string():
    text = "naïve 数学 🙂 tokenisation"
    data = text.encode("utf-8")
    assert all(0 <= b < 256 for b in data) and data.decode("utf-8") == text
    assert len(data) > len(text)  # non-ASCII characters take several bytes: more tokens for other scripts


# ----------------------------------------------------------------------------- perplexity


def test_perplexity_definitions_agree():
    rng = np.random.default_rng(12)
    p = rng.uniform(0.01, 1, size=50)  # probabilities the model gave the actual tokens
    nll = -np.log(p).mean()
    ppl = math.exp(nll)
    assert ppl == pytest.approx(1 / np.exp(np.log(p).mean()))  # inverse geometric mean
    assert 2 ** (-np.log2(p).mean()) == pytest.approx(ppl)  # base-2 version
    for k in (2, 7, 50_257):  # uniform over k choices → perplexity k
        assert math.exp(-math.log(1 / k)) == pytest.approx(k)
    assert 2**2.5 == pytest.approx(5.66, abs=0.005)
    assert math.log(50_257) == pytest.approx(10.82, abs=0.005)


def test_perplexity_depends_on_the_tokenizer():
    n_bytes = 4e6
    tokens_a, ppl_a, tokens_b, ppl_b = 1.0e6, 10.0, 0.75e6, 14.0
    nll_a, nll_b = tokens_a * math.log(ppl_a), tokens_b * math.log(ppl_b)
    assert nll_a / 1e6 == pytest.approx(2.30, abs=0.005) and nll_b / 1e6 == pytest.approx(1.98, abs=0.005)
    assert nll_b < nll_a  # B gives the text more probability despite its higher perplexity
    assert (nll_a - nll_b) / 1e6 == pytest.approx(0.32, abs=0.005)
    bpb_a, bpb_b = nll_a / math.log(2) / n_bytes, nll_b / math.log(2) / n_bytes
    assert bpb_a == pytest.approx(0.83, abs=0.005) and bpb_b == pytest.approx(0.71, abs=0.005)
    assert Q["attn-perplexity-tokeniser-choice"]["answer"] == 1


# ----------------------------------------------------------------------------- FlashAttention and efficient attention


def online_combine(blocks):
    """Fold (scores, values) blocks into the running (m, ℓ, o) of the online softmax."""
    m, ell, o = -np.inf, 0.0, 0.0
    for s, V in blocks:
        mb = s.max()
        e = np.exp(s - mb)
        lb, ob = e.sum(), e @ V
        new_m = max(m, mb)
        ell = math.exp(m - new_m) * ell + math.exp(mb - new_m) * lb
        o = math.exp(m - new_m) * o + math.exp(mb - new_m) * ob
        m = new_m
    return m, ell, o


def test_online_softmax_is_exact():
    rng = np.random.default_rng(13)
    s, V = rng.normal(size=40) * 5, rng.normal(size=(40, 3))
    exact = softmax(s) @ V
    for cuts in ([20], [3, 17, 30], list(range(1, 40))):
        edges = [0, *cuts, 40]
        m, ell, o = online_combine([(s[a:b], V[a:b]) for a, b in zip(edges, edges[1:])])
        assert np.allclose(o / ell, exact)
        assert m + math.log(ell) == pytest.approx(np.log(np.exp(s - s.max()).sum()) + s.max())  # saved LSE
        assert np.allclose(np.exp(s - (m + math.log(ell))), softmax(s))  # backward recomputes P from it
    # huge scores: each block's exponentials stay ≤ 1, no overflow
    big = s + 1000.0
    m, ell, o = online_combine([(big[:20], V[:20]), (big[20:], V[20:])])
    assert np.all(np.isfinite(o / ell)) and np.allclose(o / ell, exact)


def tiled_attention(Q_, K, V, block=8):
    """Attention computed block by block: never more than a block × block tile of scores at a time."""
    out = np.empty((Q_.shape[0], V.shape[1]))
    for i in range(0, len(Q_), block):
        q = Q_[i : i + block]
        m = np.full(len(q), -np.inf)
        ell = np.zeros(len(q))
        o = np.zeros((len(q), V.shape[1]))
        for j in range(0, len(K), block):
            s = q @ K[j : j + block].T / math.sqrt(Q_.shape[1])
            assert s.shape[1] <= block
            new_m = np.maximum(m, s.max(1))
            p = np.exp(s - new_m[:, None])
            scale = np.exp(m - new_m)
            ell = scale * ell + p.sum(1)
            o = scale[:, None] * o + p @ V[j : j + block]
            m = new_m
        out[i : i + block] = o / ell[:, None]
    return out


def test_tiled_attention_equals_standard_attention():
    rng = np.random.default_rng(14)
    Q_, K, V = rng.normal(size=(50, 16)), rng.normal(size=(37, 16)), rng.normal(size=(37, 5))
    assert np.allclose(tiled_attention(Q_, K, V), attention(Q_, K, V))


def test_linear_attention_reorders_the_product():
    rng = np.random.default_rng(15)
    n, d = 64, 8
    phiQ, phiK, V = np.exp(rng.normal(size=(3, n, d)) * 0.3)  # a positive feature map
    left = (phiQ @ phiK.T) @ V  # n × n intermediate: O(n²d)
    right = phiQ @ (phiK.T @ V)  # d × d intermediate: O(nd²)
    assert np.allclose(left, right)
    # normalised kernel attention is a weighted average, but not softmax attention
    approx = left / (phiQ @ phiK.sum(0))[:, None]
    assert not np.allclose(approx, attention(phiQ, phiK, V))


# ----------------------------------------------------------------------------- the bank's text


def test_choice_answers_point_at_the_intended_statement():
    expected = {
        "attn-mask-after-softmax": "future",
        "attn-fully-masked-row": "NaN",
        "attn-heads-params-choice": "unchanged (still 4d² + 4d)",
        "attn-alibi-choice": "−m·(i − j)",
        "attn-span-corruption-choice": "`<X> for inviting <Y> last <Z>`",
        "attn-perplexity-tokeniser-choice": "1.98 M nats",
    }
    for qid, phrase in expected.items():
        q = Q[qid]
        assert phrase in q["choices"][q["answer"]], qid


def test_say_it_aloud_items():
    aloud = [q for q in QUESTIONS if "say-it-aloud" in q["tags"]]
    assert {q["id"] for q in aloud} >= {"attn-why-sqrt-d", "attn-kv-cache", "attn-flashattention"}
    assert all(q["prompt"].startswith("Say it out loud") for q in aloud)


def test_examples_pass_lint():
    bank, problems = load_bank(BANK_PATH)
    assert bank is not None and not problems
    found = [p for q in bank.questions for p in example_problems(q)]
    assert not found, [str(p) for p in found]
    assert all(len(q.good_examples) >= 2 and q.bad_examples for q in bank.questions if q.type == "recall")


def point(qid: str, number: int) -> KeyPoint:
    return key_point(Q[qid], number)


ACCEPTED = [
    ("attn-sdpa-formula", 1, "softmax(Q K^T / sqrt(d_k)) V"),
    ("attn-sdpa-formula", 4, "the score matrix is seq_len by seq_len"),
    ("attn-why-sqrt-d", 1, "the dot product is a sum of d terms so its variance is d"),
    ("attn-why-sqrt-d", 2, "the softmax saturates into almost one-hot weights"),
    ("attn-why-sqrt-d", 3, "so the gradients vanish"),
    ("attn-why-sqrt-d", 4, "dividing keeps the variance at 1 regardless of the dimension"),
    ("attn-masks", 1, "we don't attend to padding tokens"),
    ("attn-masks", 2, "each token can only see itself and previous tokens, never the future"),
    ("attn-masks", 3, "masked_fill the scores with -1e9 before the softmax"),
    ("attn-masks", 4, "exp(-inf) = 0 so they get zero weight"),
    ("attn-self-vs-cross", 2, "keys and values come from the encoder output"),
    ("attn-multi-head-why", 2, "each head has dimension d_model/h so the cost is the same as one head"),
    ("attn-complexity", 2, "it's O(n^2 d) time"),
    ("attn-complexity", 3, "and n^2 memory for the attention weights"),
    ("attn-permutation-equivariance", 1, "without positions attention is permutation equivariant"),
    ("attn-permutation-equivariance", 2, "it cannot tell the word order"),
    ("attn-rope", 2, "the rotations combine so it only depends on m - n"),
    ("attn-rope", 3, "it is applied to queries and keys in every layer, not to the values"),
    ("attn-pre-vs-post-norm", 1, "post-norm puts the layer norm on the residual path"),
    ("attn-pre-vs-post-norm", 3, "post-LN needs a warm-up or it diverges"),
    ("attn-kv-cache", 2, "so the keys and values don't have to be recomputed"),
    ("attn-kv-cache", 3, "queries aren't needed again"),
    ("attn-mqa-gqa", 1, "all the query heads share a single key and value head"),
    ("attn-decode-memory-bound", 2, "the arithmetic intensity is about one flop per byte"),
    ("attn-sampling-methods", 2, "lower temperature = more deterministic"),
    ("attn-sampling-methods", 4, "keep adding tokens until the cumulative probability exceeds p"),
    ("attn-beam-search", 3, "for chat the most likely text is bland and generic"),
    ("attn-bpe", 1, "merge the most frequent pair of adjacent symbols"),
    ("attn-why-subwords", 1, "word-level can't handle out-of-vocabulary words"),
    ("attn-tokenisation-artefacts", 2, "the model can't count the letters because it sees tokens"),
    ("attn-perplexity", 1, "e to the mean negative log-likelihood"),
    ("attn-perplexity", 3, "it isn't comparable across different tokenizers"),
    ("attn-flashattention", 3, "it never materialises the n x n matrix in HBM"),
    ("attn-flashattention", 4, "same output, it is exact"),
    # right phrasings that are negative by nature, and right answers that name a wrong one only to deny it
    ("attn-masks", 2, "the causal mask means no peeking at the future"),
    ("attn-masks", 2, "tokens can't attend to future positions"),
    ("attn-masks", 3, "don't set the masked scores to zero, add minus infinity before the softmax"),
    ("attn-causal-training-parallel", 1, "no position can look ahead at the answer"),
    ("attn-kv-cache", 3, "queries don't need to be cached"),
    ("attn-flashattention", 4, "it doesn't approximate anything, the output is identical"),
    ("attn-flashattention", 4, "it still does n squared work"),
    ("attn-decode-memory-bound", 3, "prefill isn't memory-bound, it is compute-bound"),
    ("attn-sampling-methods", 2, "T > 1 flattens, T < 1 sharpens"),
    ('attn-sdpa-formula', 1, 'softmax(QK^T / d_k^0.5) V, the scores divided by the square root of d_k'),
    ('attn-block-structure', 4, 'LayerNorm, unlike batch norm, normalises per token; pre-norm in modern models'),
    ('attn-sampling-methods', 2, 'T below 1 makes it sharper, not flatter; above 1 flatter'),
    ('attn-kv-cache', 2, "a new token computes only its own q, k, v, so the prefix isn't recomputed"),
]

REJECTED = [  # (qid, point, typed, expected status): wrong statements must not tick the point
    ("attn-sdpa-formula", 2, "the softmax is taken over the queries", "contradicted"),
    ("attn-why-sqrt-d", 3, "it's to stop the exponentials from overflowing", "contradicted"),
    ("attn-masks", 2, "the causal mask hides the previous tokens", "contradicted"),
    ("attn-masks", 3, "we multiply the weights by the mask after the softmax", "contradicted"),
    ("attn-multi-head-why", 2, "each head has the full d_model width", "contradicted"),
    ("attn-permutation-equivariance", 1, "attention already knows the order", "contradicted"),
    ("attn-pre-vs-post-norm", 1, "pre-norm is LN(x + F(x))", "contradicted"),
    ("attn-kv-cache", 3, "it caches the queries, keys and values", "contradicted"),
    ("attn-kv-cache", 4, "the cache size is fixed", "contradicted"),
    ("attn-mqa-gqa", 1, "there is one query head shared by many key heads", "contradicted"),
    ("attn-sampling-methods", 2, "a higher temperature makes it sharper", "contradicted"),
    ("attn-sampling-methods", 4, "keep every token whose probability is above p", "contradicted"),
    ("attn-beam-search", 3, "beam search gives more diverse outputs", "contradicted"),
    ("attn-bpe", 1, "merge the least frequent pair", "contradicted"),
    ("attn-perplexity", 2, "higher perplexity is better", "contradicted"),
    (
        "attn-perplexity",
        3,
        "you can compare perplexity across models with different tokenizers",
        "contradicted",
    ),
    ("attn-flashattention", 4, "flash attention approximates the softmax in linear time", "contradicted"),
    ("attn-decode-memory-bound", 2, "decoding is compute-bound", "contradicted"),
    ("attn-complexity", 1, "it is linear in the sequence length", "missed"),
    ("attn-mlm-details", 1, "the model predicts all the tokens", "contradicted"),
    ("attn-sampling-methods", 4, "sample from all tokens", "missed"),
    ("attn-masks", 3, "set the masked scores to zero before the softmax", "contradicted"),
    ("attn-masks", 3, "you fill the masked logits with 0 before softmax", "contradicted"),
    ("attn-sampling-methods", 2, "T > 1 sharpens the distribution", "contradicted"),
    ("attn-sampling-methods", 2, "higher temperature sharpens the distribution", "contradicted"),
    ("attn-kv-cache", 4, "the cache memory grows quadratically with the context", "contradicted"),
    ("attn-flashattention", 4, "it reduces the FLOPs from n squared to linear", "contradicted"),
    ("attn-decode-memory-bound", 3, "prefill is memory-bound too", "contradicted"),
    ("attn-families", 3, "T5 is an encoder-decoder trained with next-token prediction", "contradicted"),
    ("attn-bpe", 3, "apply the merges greedily by longest match", "contradicted"),
    ('attn-sdpa-formula', 1, 'the scores are QK^T divided by d_k', 'contradicted'),
    ('attn-sdpa-formula', 3, 'the output is a weighted average of the key vectors', 'contradicted'),
    ('attn-rope', 2, 'R_m^T R_n = R_(n+m), so the score depends on n + m', 'contradicted'),
    ('attn-block-structure', 2, 'a position-wise MLP of width d/4', 'contradicted'),
    ('attn-families', 2, 'decoder-only GPT is bidirectional and trained with masked language modelling', 'contradicted'),
    ('attn-kv-cache', 1, 'every layer stores the queries and keys of all past tokens', 'contradicted'),
    ('attn-sampling-methods', 2, 'temperature divides the logits by T: below 1 flatter, above 1 sharper', 'contradicted'),
    ('attn-perplexity', 1, "it's the log of the mean per-token cross-entropy", 'contradicted'),
]


@pytest.mark.parametrize("qid,number,typed", ACCEPTED, ids=[f"{a}:{b}" for a, b, _ in ACCEPTED])
def test_typical_phrasings_are_accepted(qid, number, typed):
    verdict = judge_point(point(qid, number), typed, Q[qid]["prompt"])
    assert verdict.status == "covered", (qid, number, typed, verdict)


@pytest.mark.parametrize(
    "qid,number,typed,status", REJECTED, ids=[f"{a}:{b}:{c[:16]}" for a, b, c, _ in REJECTED]
)
def test_wrong_phrasings_are_not_accepted(qid, number, typed, status):
    verdict = judge_point(point(qid, number), typed, Q[qid]["prompt"])
    assert verdict.status == status, (qid, number, typed, verdict)
