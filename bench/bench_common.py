"""Shared by the PyTorch benchmark scripts: the samples' IDX files, and the timed loop every
script runs (seeded shuffled batches, pixel/255, warm-up steps untimed), so the scripts differ
only in the training step they time."""
import gzip
import struct
import time
from pathlib import Path

import numpy as np
import torch

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "fashion-mnist"


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_train(data_dir, sample_shape):
    """The train images as a uint8 tensor of shape (n, *sample_shape) and the labels as int64."""
    x = torch.from_numpy(read_idx(Path(data_dir) / "train-images-idx3-ubyte.gz").reshape((-1, *sample_shape)).copy())
    y = torch.from_numpy(read_idx(Path(data_dir) / "train-labels-idx1-ubyte.gz").astype(np.int64))
    return x, y


def time_steps(step, x_all, y_all, batch, warmup, steps, g):
    """Calls step(x, y) on batches of a seeded permutation; returns the seconds of the timed steps."""
    n = x_all.shape[0]
    perm = torch.randperm(n, generator=g)
    done, pos, t0 = 0, 0, None
    while done < warmup + steps:
        if done == warmup:
            t0 = time.perf_counter()
        if pos + batch > n:
            perm, pos = torch.randperm(n, generator=g), 0
        idx = perm[pos:pos + batch]
        pos += batch
        step(x_all[idx].float().div_(255.0), y_all[idx])
        done += 1
    return time.perf_counter() - t0
