#!/usr/bin/env python3
"""Times one training step of stroop-tiny's model in PyTorch on the CPU (issue #21, item 3).

An offline measurement tool, not part of stroop: it needs Debian's python3-torch
(apt-get install python3-torch) and is never run by the Quickstart or CI. It builds a CLIP
of the sizes a config.json gives (default models/stroop-tiny/config.json), random weights,
random images and token ids, and times forward + backward + Adam on the symmetric InfoNCE
loss, the step `stroop train` takes in tfjs (scripts/measureTrainingStep.ts times that one).
Random inputs: it measures speed, not learning.

    python3 scripts/measure_training_step_torch.py [--config models/stroop-tiny/config.json]
        [--batch 64] [--tokens 12] [--steps 20] [--warmup 3] [--threads 2] [--json]
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


class Block(nn.Module):
    """A pre-norm transformer block with CLIP's quick GELU."""

    def __init__(self, width, heads, mlp, causal):
        super().__init__()
        self.ln1 = nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.ln2 = nn.LayerNorm(width)
        self.fc1 = nn.Linear(width, mlp)
        self.fc2 = nn.Linear(mlp, width)
        self.causal = causal

    def forward(self, x):
        h = self.ln1(x)
        mask = None
        if self.causal:
            n = x.shape[1]
            mask = torch.triu(torch.full((n, n), float("-inf")), diagonal=1)
        x = x + self.attn(h, h, h, attn_mask=mask, need_weights=False)[0]
        h = self.fc1(self.ln2(x))
        h = h * torch.sigmoid(1.702 * h)
        return x + self.fc2(h)


class TinyClip(nn.Module):
    def __init__(self, config):
        super().__init__()
        v, t = config["vision_config"], config["text_config"]
        dim = config.get("projection_dim", 512)
        self.patch = nn.Conv2d(3, v["hidden_size"], v["patch_size"], v["patch_size"], bias=False)
        patches = (v["image_size"] // v["patch_size"]) ** 2
        self.cls = nn.Parameter(torch.zeros(v["hidden_size"]))
        self.vpos = nn.Parameter(torch.zeros(patches + 1, v["hidden_size"]))
        self.vpre = nn.LayerNorm(v["hidden_size"])
        self.vblocks = nn.ModuleList(Block(v["hidden_size"], v["num_attention_heads"], v["intermediate_size"], False) for _ in range(v["num_hidden_layers"]))
        self.vpost = nn.LayerNorm(v["hidden_size"])
        self.vproj = nn.Linear(v["hidden_size"], dim, bias=False)
        self.tok = nn.Embedding(t["vocab_size"], t["hidden_size"])
        self.tpos = nn.Parameter(torch.zeros(t["max_position_embeddings"], t["hidden_size"]))
        self.tblocks = nn.ModuleList(Block(t["hidden_size"], t["num_attention_heads"], t["intermediate_size"], True) for _ in range(t["num_hidden_layers"]))
        self.tpost = nn.LayerNorm(t["hidden_size"])
        self.tproj = nn.Linear(t["hidden_size"], dim, bias=False)
        self.scale = nn.Parameter(torch.tensor(2.6592))

    def images(self, pixels):
        x = self.patch(pixels).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, -1), x], dim=1) + self.vpos
        x = self.vpre(x)
        for block in self.vblocks:
            x = block(x)
        return self.vproj(self.vpost(x[:, 0]))

    def texts(self, ids):
        x = self.tok(ids) + self.tpos[: ids.shape[1]]
        for block in self.tblocks:
            x = block(x)
        x = self.tpost(x)
        return self.tproj(x[torch.arange(ids.shape[0]), ids.argmax(dim=-1)])


def info_nce(model, pixels, ids):
    a = nn.functional.normalize(model.images(pixels), dim=-1)
    b = nn.functional.normalize(model.texts(ids), dim=-1)
    logits = model.scale.exp() * a @ b.t()
    labels = torch.arange(a.shape[0])
    return (nn.functional.cross_entropy(logits, labels) + nn.functional.cross_entropy(logits.t(), labels)) / 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="models/stroop-tiny/config.json")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--tokens", type=int, default=12)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    with open(args.config, encoding="utf-8") as f:
        config = json.load(f)
    model = TinyClip(config)
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    side = config["vision_config"]["image_size"]
    pixels = torch.randn(args.batch, 3, side, side)
    ids = torch.randint(1, config["text_config"]["vocab_size"], (args.batch, args.tokens))
    times = []
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        optimiser.zero_grad()
        info_nce(model, pixels, ids).backward()
        optimiser.step()
        if step >= args.warmup:
            times.append(time.perf_counter() - start)
    result = {
        "engine": f"pytorch {torch.__version__} cpu",
        "threads": args.threads,
        "batch": args.batch,
        "parameters": sum(p.numel() for p in model.parameters()),
        "median_step_s": statistics.median(times),
        "min_step_s": min(times),
        "max_step_s": max(times),
        "steps": args.steps,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['engine']}, {args.threads} threads, batch {args.batch}, {result['parameters']:,} parameters: "
              f"median {result['median_step_s']:.3f} s/step (min {result['min_step_s']:.3f}, max {result['max_step_s']:.3f}) over {args.steps} steps")


if __name__ == "__main__":
    main()
