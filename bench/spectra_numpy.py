#!/usr/bin/python3
"""numpy baseline for `joulebench bench spectra`: ESD of Gaussian N x M matrices as eigvalsh(W.T @ W / N),
float32 weights promoted to float64 as the Java code does; 2 warm-up runs, median of 5."""
import statistics
import time

import numpy as np


def main():
    rng = np.random.default_rng(42)
    for n, m in [(1024, 1024), (4096, 1024)]:
        w = rng.standard_normal((n, m)).astype(np.float32)

        def esd():
            a = w.astype(np.float64)
            return np.linalg.eigvalsh(a.T @ a / n)

        for _ in range(2):
            esd()
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            ev = esd()
            times.append(time.perf_counter() - t0)
        print(f"numpy {np.__version__} ESD {n}x{m}: median {statistics.median(times):.3f} s "
              f"(min {min(times):.3f}, max {max(times):.3f}), lambda_max {ev[-1]:.4f}")


if __name__ == "__main__":
    main()
