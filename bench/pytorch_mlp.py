#!/usr/bin/env python3
"""The PyTorch side of `joulebench bench train`: the same MLP, optimizer, batch and data
(the samples' train images, pixel/255), the same step (batch gather, forward, cross-entropy,
backward, optimizer step, loss read back), timed after warm-up. Run with Debian's python3-torch."""
import argparse
import json

import torch

from bench_common import SAMPLES, load_train, time_steps


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=str(SAMPLES))
    p.add_argument("--sizes", default="784-1000-1000-10")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--optimizer", default="adam", choices=["adam", "sgd"])
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    x_all, y_all = load_train(a.data, (784,))
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
    g = torch.Generator().manual_seed(42)

    def step(x, y):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        loss.item()

    seconds = time_steps(step, x_all, y_all, a.batch, a.warmup, a.steps, g)
    print(json.dumps({"framework": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(),
                      "model": "mlp:" + a.sizes, "batch": a.batch, "steps": a.steps, "seconds": seconds,
                      "samples_per_second": a.steps * a.batch / seconds,
                      "ms_per_step": seconds * 1000 / a.steps}))


if __name__ == "__main__":
    main()
