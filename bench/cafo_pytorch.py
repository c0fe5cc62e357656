#!/usr/bin/env python3
"""PyTorch reference for Joulebench's CaFo-Rand-CE step (dev.joulebench.train.cafo): frozen random conv
blocks (Conv3x3 pad 1 -> ReLU -> MaxPool 2x2 -> BatchNorm2d without affine, fixed statistics), one linear
predictor per block on the flattened block output, softmax cross-entropy per predictor, one Adam for the
predictors (lr 1e-3). Same data as Joulebench (the samples' train images, pixel/255) and the same per-step
work (batch gather, no-grad block forward, predictors forward, summed losses backward, Adam step, each
predictor's loss and correct count and the summed prediction's correct count read back).
samples/s over --steps after --warmup. Run with Debian's python3-torch."""
import argparse
import json

import torch

from bench_common import SAMPLES, load_train, time_steps


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=str(SAMPLES))
    p.add_argument("--channels", default="32-128-512", help="conv channels per block")
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--steps", type=int, default=40)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    x_all, y_all = load_train(a.data, (1, 28, 28))
    chans = [int(c) for c in a.channels.split("-")]
    blocks, preds, cin, hw = [], [], 1, 28
    for c in chans:
        hw //= 2
        bn = torch.nn.BatchNorm2d(c, affine=False)
        blocks.append(torch.nn.Sequential(torch.nn.Conv2d(cin, c, 3, padding=1), torch.nn.ReLU(),
                                          torch.nn.MaxPool2d(2), bn).eval())
        preds.append(torch.nn.Linear(c * hw * hw, a.classes))
        cin = c
    for b in blocks:
        for q in b.parameters():
            q.requires_grad_(False)
    opt = torch.optim.Adam([q for pr in preds for q in pr.parameters()], lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(42)

    def step(x, y):
        opt.zero_grad(set_to_none=True)
        feats = []
        with torch.no_grad():
            h = x
            for b in blocks:
                h = b(h)
                feats.append(h.flatten(1))
        outs = [pr(f) for pr, f in zip(preds, feats)]
        losses = [loss_fn(o, y) for o in outs]
        torch.stack(losses).sum().backward()
        opt.step()
        for l, o in zip(losses, outs):
            l.item()
            (o.argmax(1) == y).sum().item()
        (torch.stack(outs).sum(0).argmax(1) == y).sum().item()

    seconds = time_steps(step, x_all, y_all, a.batch, a.warmup, a.steps, g)
    print(json.dumps({"framework": "pytorch", "method": "cafo", "variant": "rand", "loss": "ce",
                      "version": torch.__version__, "threads": torch.get_num_threads(),
                      "model": "cnn:1x28x28-" + "-".join("c" + c for c in a.channels.split("-")) + "-10",
                      "batch": a.batch, "steps": a.steps, "seconds": seconds,
                      "samples_per_second": a.steps * a.batch / seconds, "ms_per_step": seconds * 1000 / a.steps}))


if __name__ == "__main__":
    main()
