#!/usr/bin/env python3
"""PyTorch reference for Joulebench's Mono-Forward step (dev.joulebench.train.mf): per hidden layer
a = ReLU(W x + b), local logits g = a M^T, local softmax cross-entropy, input detached, one Adam
per layer; every batch updates all layers (schedule `all`). Same data as `joulebench bench train`
(the samples' train images, pixel/255), same per-step work (batch gather, forward, summed local
losses backward, one optimizer step per layer, each layer's loss and correct count read back).
samples/s over --steps after --warmup. Run with Debian's python3-torch."""
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


class MfLayer(torch.nn.Module):
    def __init__(self, inputs, width, classes):
        super().__init__()
        self.dense = torch.nn.Linear(inputs, width)
        self.projection = torch.nn.Linear(width, classes, bias=False)  # M: classes x width

    def forward(self, x):
        a = torch.relu(self.dense(x))
        return a, self.projection(a)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=str(Path(__file__).resolve().parent.parent / "samples" / "fashion-mnist"))
    p.add_argument("--sizes", default="784-1000-1000", help="input and hidden sizes")
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--steps", type=int, default=200)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    x_all = torch.from_numpy(read_idx(Path(a.data) / "train-images-idx3-ubyte.gz").reshape(-1, 784).copy())
    y_all = torch.from_numpy(read_idx(Path(a.data) / "train-labels-idx1-ubyte.gz").astype(np.int64))
    sizes = [int(s) for s in a.sizes.split("-")]
    layers = [MfLayer(sizes[i - 1], sizes[i], a.classes) for i in range(1, len(sizes))]
    opts = [torch.optim.Adam(l.parameters(), lr=1e-3) for l in layers]
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
        for o in opts:
            o.zero_grad(set_to_none=True)
        h, losses, logits = x, [], []
        for layer in layers:
            h, out = layer(h.detach())
            losses.append(loss_fn(out, y))
            logits.append(out)
        torch.stack(losses).sum().backward()
        for o in opts:
            o.step()
        for l, out in zip(losses, logits):
            l.item()
            (out.argmax(1) == y).sum().item()
        done += 1
    seconds = time.perf_counter() - t0
    print(json.dumps({"framework": "pytorch", "method": "mf", "version": torch.__version__,
                      "threads": torch.get_num_threads(), "model": "mlp:" + a.sizes, "batch": a.batch,
                      "steps": a.steps, "seconds": seconds, "samples_per_second": a.steps * a.batch / seconds,
                      "ms_per_step": seconds * 1000 / a.steps}))


if __name__ == "__main__":
    main()
