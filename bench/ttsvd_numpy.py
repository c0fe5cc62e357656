#!/usr/bin/python3
"""numpy baseline for `joulebench bench ttsvd`: textbook TT-SVD (one np.linalg.svd(full_matrices=False) per
unfolding, keep the chi largest) of an N x N float32 matrix over the same balanced interleaved shape as
MpoShape.balanced (greedy largest-prime-first spread; rows descending, columns ascending). Matrices:
'gaussian' = standard normal entries; 'decaying' = G1 (N x N/4) @ G2 (N/4 x N) / sqrt(N/4), a product of
Gaussians with decaying singular values. Timed: interleaving transpose + all SVDs; --warmup untimed runs
(default 1), then the median of --repeat. The relative Frobenius error is computed by contracting the cores
back to the dense matrix."""
import argparse
import statistics
import time

import numpy as np


def spread(n, sites):
    primes, rest, p = [], n, 2
    while p * p <= rest:
        while rest % p == 0:
            primes.append(p)
            rest //= p
        p += 1
    if rest > 1:
        primes.append(rest)
    site = [1] * sites
    for p in sorted(primes, reverse=True):
        smallest = min(range(sites), key=lambda s: (site[s], s))
        site[smallest] *= p
    return site


def balanced(rows, cols, sites):
    return sorted(spread(rows, sites), reverse=True), sorted(spread(cols, sites))


def tt_svd(w, rf, cf, chi):
    d = len(rf)
    perm = [x for k in range(d) for x in (k, d + k)]
    c = w.reshape(rf + cf).transpose(perm).copy()
    cores, r = [], 1
    for k in range(d - 1):
        c = c.reshape(r * rf[k] * cf[k], -1)
        u, s, vt = np.linalg.svd(c, full_matrices=False)
        rk = min(chi, s.size)
        cores.append(u[:, :rk].reshape(r, rf[k], cf[k], rk))
        c = s[:rk, None] * vt[:rk]
        r = rk
    cores.append(c.reshape(r, rf[-1], cf[-1], 1))
    return cores


def to_dense(cores, rf, cf):
    d = len(rf)
    acc = np.ones((1, 1), dtype=np.float64)
    for core in cores:
        acc = (acc @ core.reshape(core.shape[0], -1).astype(np.float64)).reshape(-1, core.shape[-1])
    t = acc.reshape([x for k in range(d) for x in (rf[k], cf[k])])
    inv = list(range(0, 2 * d, 2)) + list(range(1, 2 * d, 2))
    return t.transpose(inv).reshape(int(np.prod(rf)), int(np.prod(cf)))


def matrix(kind, n, rng):
    if kind == "gaussian":
        return rng.standard_normal((n, n)).astype(np.float32)
    inner = n // 4
    a = rng.standard_normal((n, inner))
    b = rng.standard_normal((inner, n))
    return (a @ b / np.sqrt(inner)).astype(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1024,2048,4096")
    ap.add_argument("--chi", type=int, default=64)
    ap.add_argument("--sites", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs first (numpy has no JIT; 0 saves time at 4096)")
    ap.add_argument("--matrix", default="gaussian", choices=["gaussian", "decaying"])
    args = ap.parse_args()
    rng = np.random.default_rng(42)
    for n in [int(s) for s in args.sizes.split(",")]:
        w = matrix(args.matrix, n, rng)
        rf, cf = balanced(n, n, args.sites)
        for _ in range(args.warmup):
            tt_svd(w, rf, cf, args.chi)
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            cores = tt_svd(w, rf, cf, args.chi)
            times.append(time.perf_counter() - t0)
        w64 = w.astype(np.float64)
        err = np.linalg.norm(w64 - to_dense(cores, rf, cf)) / np.linalg.norm(w64)
        bonds = [c.shape[-1] for c in cores[:-1]]
        print(f"numpy {np.__version__} TT-SVD {args.matrix} {n}x{n} shape {rf}x{cf} chi {args.chi}: "
              f"median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f}), "
              f"relative error {err:.6f}, bonds {bonds}", flush=True)


if __name__ == "__main__":
    main()
