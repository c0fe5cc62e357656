#!/usr/bin/env python3
"""PyTorch reference for Joulebench's Mono-Forward step (dev.joulebench.train.mf): per hidden layer
a = ReLU(W x + b), local logits g = a M^T, local softmax cross-entropy, input detached, one Adam
per layer; every batch updates all layers (schedule `all`). Same data as `joulebench bench train`
(the samples' train images, pixel/255), same per-step work (batch gather, forward, summed local
losses backward, one optimizer step per layer, each layer's loss and correct count read back).
samples/s over --steps after --warmup. Run with Debian's python3-torch."""
import argparse
import json

import torch

from bench_common import SAMPLES, load_train, time_steps


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
    p.add_argument("--data", default=str(SAMPLES))
    p.add_argument("--sizes", default="784-1000-1000", help="input and hidden sizes")
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--steps", type=int, default=200)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    x_all, y_all = load_train(a.data, (784,))
    sizes = [int(s) for s in a.sizes.split("-")]
    layers = [MfLayer(sizes[i - 1], sizes[i], a.classes) for i in range(1, len(sizes))]
    opts = [torch.optim.Adam(l.parameters(), lr=1e-3) for l in layers]
    loss_fn = torch.nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(42)

    def step(x, y):
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

    seconds = time_steps(step, x_all, y_all, a.batch, a.warmup, a.steps, g)
    print(json.dumps({"framework": "pytorch", "method": "mf", "version": torch.__version__,
                      "threads": torch.get_num_threads(), "model": "mlp:" + a.sizes, "batch": a.batch,
                      "steps": a.steps, "seconds": seconds, "samples_per_second": a.steps * a.batch / seconds,
                      "ms_per_step": seconds * 1000 / a.steps}))


if __name__ == "__main__":
    main()
