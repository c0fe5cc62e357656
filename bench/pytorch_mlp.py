#!/usr/bin/env python3
"""The PyTorch side of `joulebench bench train`: the same MLP, optimizer, batch and data
(the samples' train images, pixel/255), the same step (batch gather, forward, cross-entropy,
backward, optimizer step, loss read back), timed after warm-up. Run with Debian's python3-torch."""
import argparse
import gzip
import json
import struct
import time
from pathlib import Path

import numpy as np
import torch


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=str(Path(__file__).resolve().parent.parent / "samples" / "fashion-mnist"))
    p.add_argument("--sizes", default="784-1000-1000-10")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--optimizer", default="adam", choices=["adam", "sgd"])
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    x_all = torch.from_numpy(read_idx(Path(a.data) / "train-images-idx3-ubyte.gz").reshape(-1, 784).copy())
    y_all = torch.from_numpy(read_idx(Path(a.data) / "train-labels-idx1-ubyte.gz").astype(np.int64))
    sizes = [int(s) for s in a.sizes.split("-")]
    layers = []
    for i in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[i - 1], sizes[i]))
        if i < len(sizes) - 1:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3) if a.optimizer == "adam" \
        else torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x_all.shape[0]
    g = torch.Generator().manual_seed(42)
    perm = torch.randperm(n, generator=g)
    done, pos, t0 = 0, 0, None
    while done < a.warmup + a.steps:
        if done == a.warmup:
            t0 = time.perf_counter()
        if pos + a.batch > n:
            perm, pos = torch.randperm(n, generator=g), 0
        idx = perm[pos:pos + a.batch]
        pos += a.batch
        x = x_all[idx].float().div_(255.0)
        y = y_all[idx]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        loss.item()
        done += 1
    seconds = time.perf_counter() - t0
    print(json.dumps({"framework": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(),
                      "model": "mlp:" + a.sizes, "batch": a.batch, "steps": a.steps, "seconds": seconds,
                      "samples_per_second": a.steps * a.batch / seconds,
                      "ms_per_step": seconds * 1000 / a.steps}))


if __name__ == "__main__":
    main()
