#!/usr/bin/env python3
"""A steady GPU load for the energy check: large fp32/bf16 matmuls from --start for --seconds."""
import argparse
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--start", type=float, default=10)
p.add_argument("--seconds", type=float, default=25)
p.add_argument("--n", type=int, default=8192)
a = p.parse_args()
time.sleep(a.start)
x = torch.randn(a.n, a.n, device="cuda", dtype=torch.bfloat16)
y = torch.randn(a.n, a.n, device="cuda", dtype=torch.bfloat16)
t0 = time.time()
n = 0
while time.time() - t0 < a.seconds:
    for _ in range(20):
        z = x @ y
    torch.cuda.synchronize()
    n += 20
dt = time.time() - t0
print(f"gpu load: {n} matmuls of {a.n}x{a.n} bf16 in {dt:.1f} s = {2 * a.n ** 3 * n / dt / 1e12:.0f} TFLOP/s")
