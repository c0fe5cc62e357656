#!/usr/bin/env python3
"""The PyTorch side of Joulebench's Forward-Forward benchmark (FfBenchmark in the train module's
test sources): the same FF training step on the samples' train images (pixel/255): label one-hot
written into the first 10 inputs (positives: true label, negatives: a random wrong label), each
layer x / sqrt(mean(x^2) + 1e-8) -> Linear -> ReLU, goodness sum(h^2), logit goodness - width,
softplus BCE per layer, detached layer inputs, one backward of the summed losses, one Adam per
layer, the per-layer statistics read back. Timed after warm-up. Run with Debian's python3-torch."""
import argparse
import json

import numpy as np
import torch
import torch.nn.functional as F

from bench_common import SAMPLES, load_train, time_steps


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=str(SAMPLES))
    p.add_argument("--sizes", default="784-1000-1000-1000")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--classes", type=int, default=10)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    x_all, y_all = load_train(a.data, (784,))
    sizes = [int(s) for s in a.sizes.split("-")]
    layers = [torch.nn.Linear(sizes[i - 1], sizes[i]) for i in range(1, len(sizes))]
    opts = [torch.optim.Adam(l.parameters(), lr=1e-3) for l in layers]
    c = a.classes
    g = torch.Generator().manual_seed(42)

    def step(x, y):
        wrong = (y + torch.randint(1, c, y.shape, generator=g)) % c
        b = x.shape[0]
        both = torch.cat([x, x])
        both[:, :c] = F.one_hot(torch.cat([y, wrong]), c).float()
        for o in opts:
            o.zero_grad(set_to_none=True)
        inp, total, stats = both, 0, []
        for layer in layers:
            z = inp / torch.sqrt(inp.pow(2).mean(1, keepdim=True) + 1e-8)
            h = torch.relu(layer(z))
            good = h.pow(2).sum(1) - layer.out_features
            loss = torch.cat([F.softplus(-good[:b]), F.softplus(good[b:])]).mean()
            total = total + loss
            stats += [loss.detach(), good[:b].detach().mean(), good[b:].detach().mean()]
            inp = h.detach()
        total.backward()
        for o in opts:
            o.step()
        torch.stack(stats).tolist()

    seconds = time_steps(step, x_all, y_all, a.batch, a.warmup, a.steps, g)
    print(json.dumps({"framework": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(),
                      "model": "mlp:" + a.sizes, "batch": a.batch, "steps": a.steps, "seconds": seconds,
                      "samples_per_second": a.steps * a.batch / seconds,
                      "ms_per_step": seconds * 1000 / a.steps}))


if __name__ == "__main__":
    main()
