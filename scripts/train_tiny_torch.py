#!/usr/bin/python3
"""Trains stroop-tiny in PyTorch on the batches stroop streams to it (stroop-batches/1).

An offline tool, not part of stroop: it needs Debian's PyTorch (apt-get install python3-torch
libopenblas0-pthread; run it with /usr/bin/python3) and is never run by the Quickstart or CI.
stroop composes every batch (images, captions, where each caption is pooled) and writes them
to a pipe or file (node dist/scripts/emitTrainingBatches.js, format in docs/training.md); this
script only runs the optimiser: the model is Hugging Face's CLIPModel, parameter for parameter
(state_dict keys are the HF names), so the checkpoints it writes load in stroop unchanged.

    node dist/scripts/emitTrainingBatches.js --steps 900 | \\
        /usr/bin/python3 scripts/train_tiny_torch.py --out /tmp/tt [--checkpoint-every 100]
    /usr/bin/python3 scripts/train_tiny_torch.py --input batches.bin --out /tmp/tt

Training matches stroop's trainer (src/train/trainClip.ts): symmetric InfoNCE on
exp(min(logit_scale, ln 100)) * cosine similarities, Adam (beta 0.9 / 0.999, epsilon 1e-7 as
tfjs's float32 backends use, no weight decay), a linear warm-up to the peak learning rate and a
cosine decay to 0 (learningRateAt), OpenAI CLIP's initialisation (initialClipWeights; the same
distributions, not the same numbers, since stroop's seeded generator is not reproduced here).

Outputs, in --out: step-<n>/ every --checkpoint-every steps and final/ at the end, each a model
directory stroop loads (model.safetensors, config.json, preprocessor_config.json and the
tokenizer files of models/stroop-tiny), and training.jsonl (one JSON line per log point).
"""
import argparse
import hashlib
import json
import math
import re
import os
import shutil
import struct
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKENIZER_DIR = os.path.join(REPO, "models", "stroop-tiny")
TOKENIZER_FILES = ("vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json")
MAX_LOGIT_SCALE = math.log(100)

# ---------------------------------------------------------------------------------------------
# Hugging Face CLIPModel, parameter for parameter (transformers' modeling_clip.py), inference as
# stroop's tfjs encoder runs it (src/families/clip/clipTfjsEncoder.ts, src/families/tfjsBlocks.ts).
# ---------------------------------------------------------------------------------------------


def activation(name):
    if name == "quick_gelu":
        return lambda x: x * torch.sigmoid(1.702 * x)
    if name == "gelu":
        return lambda x: F.gelu(x)
    if name in ("gelu_new", "gelu_pytorch_tanh"):
        return lambda x: F.gelu(x, approximate="tanh")
    if name == "relu":
        return F.relu
    raise ValueError(f"unknown hidden_act {name!r}")


class CLIPAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        if width % heads:
            raise ValueError(f"hidden_size {width} is not a multiple of num_attention_heads {heads}")
        self.heads = heads
        self.head_dim = width // heads
        self.scale = self.head_dim ** -0.5
        self.k_proj = nn.Linear(width, width)
        self.v_proj = nn.Linear(width, width)
        self.q_proj = nn.Linear(width, width)
        self.out_proj = nn.Linear(width, width)

    def forward(self, x, causal):
        b, n, w = x.shape
        split = lambda t: t.view(b, n, self.heads, self.head_dim).transpose(1, 2)
        q, k, v = split(self.q_proj(x)), split(self.k_proj(x)), split(self.v_proj(x))
        # q * head_dim^-0.5, as HF's CLIPAttention and stroop's block (Debian's torch 1.13 has no
        # scaled_dot_product_attention).
        scores = (q * self.scale) @ k.transpose(-1, -2)
        if causal:
            scores = scores + torch.full((n, n), float("-inf")).triu(1)
        out = scores.softmax(dim=-1) @ v
        return self.out_proj(out.transpose(1, 2).reshape(b, n, w))


class CLIPMLP(nn.Module):
    def __init__(self, width, hidden, act):
        super().__init__()
        self.act = activation(act)
        self.fc1 = nn.Linear(width, hidden)
        self.fc2 = nn.Linear(hidden, width)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class CLIPEncoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        width, eps = cfg["hidden_size"], cfg["layer_norm_eps"]
        self.self_attn = CLIPAttention(width, cfg["num_attention_heads"])
        self.layer_norm1 = nn.LayerNorm(width, eps=eps)
        self.mlp = CLIPMLP(width, cfg["intermediate_size"], cfg["hidden_act"])
        self.layer_norm2 = nn.LayerNorm(width, eps=eps)

    def forward(self, x, causal):
        x = x + self.self_attn(self.layer_norm1(x), causal)
        return x + self.mlp(self.layer_norm2(x))


class CLIPEncoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.layers = nn.ModuleList(CLIPEncoderLayer(cfg) for _ in range(cfg["num_hidden_layers"]))

    def forward(self, x, causal):
        for layer in self.layers:
            x = layer(x, causal)
        return x


class CLIPTextEmbeddings(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.token_embedding = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"])
        self.position_embedding = nn.Embedding(cfg["max_position_embeddings"], cfg["hidden_size"])

    def forward(self, ids):
        return self.token_embedding(ids) + self.position_embedding.weight[: ids.shape[1]]


class CLIPTextTransformer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embeddings = CLIPTextEmbeddings(cfg)
        self.encoder = CLIPEncoder(cfg)
        self.final_layer_norm = nn.LayerNorm(cfg["hidden_size"], eps=cfg["layer_norm_eps"])

    def forward(self, ids, pooled):
        """Hidden state at each row's pooled position (after final_layer_norm). Attention is
        causal, so positions after the last pooled one cannot matter: the sequence is cut
        there, as stroop does."""
        length = int(pooled.max()) + 1
        x = self.encoder(self.embeddings(ids[:, :length]), causal=True)
        x = x[torch.arange(ids.shape[0]), pooled]
        return self.final_layer_norm(x)


class CLIPVisionEmbeddings(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        width, patch = cfg["hidden_size"], cfg["patch_size"]
        self.class_embedding = nn.Parameter(torch.empty(width))
        self.patch_embedding = nn.Conv2d(cfg["num_channels"], width, patch, patch, bias=False)
        self.position_embedding = nn.Embedding((cfg["image_size"] // patch) ** 2 + 1, width)

    def forward(self, pixels):
        x = self.patch_embedding(pixels).flatten(2).transpose(1, 2)
        cls = self.class_embedding.expand(x.shape[0], 1, -1)
        return torch.cat([cls, x], dim=1) + self.position_embedding.weight


class CLIPVisionTransformer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        width, eps = cfg["hidden_size"], cfg["layer_norm_eps"]
        self.embeddings = CLIPVisionEmbeddings(cfg)
        self.pre_layrnorm = nn.LayerNorm(width, eps=eps)  # sic: HF's name
        self.encoder = CLIPEncoder(cfg)
        self.post_layernorm = nn.LayerNorm(width, eps=eps)

    def forward(self, pixels):
        x = self.encoder(self.pre_layrnorm(self.embeddings(pixels)), causal=False)
        return self.post_layernorm(x[:, 0])


TEXT_DEFAULTS = dict(vocab_size=49408, hidden_size=512, intermediate_size=2048, num_attention_heads=8, num_hidden_layers=12,
                     max_position_embeddings=77, hidden_act="quick_gelu", layer_norm_eps=1e-5)
VISION_DEFAULTS = dict(hidden_size=768, intermediate_size=3072, num_attention_heads=12, num_hidden_layers=12, image_size=224,
                       patch_size=32, num_channels=3, hidden_act="quick_gelu", layer_norm_eps=1e-5)


class CLIPModel(nn.Module):
    """transformers' CLIPModel: state_dict() keys are exactly the Hugging Face names."""

    def __init__(self, config):
        super().__init__()
        self.text_cfg = {**TEXT_DEFAULTS, **(config.get("text_config") or {})}
        self.vision_cfg = {**VISION_DEFAULTS, **(config.get("vision_config") or {})}
        dim = config.get("projection_dim", 512)
        self.logit_scale_init = config.get("logit_scale_init_value", 2.6592)
        self.text_model = CLIPTextTransformer(self.text_cfg)
        self.vision_model = CLIPVisionTransformer(self.vision_cfg)
        self.visual_projection = nn.Linear(self.vision_cfg["hidden_size"], dim, bias=False)
        self.text_projection = nn.Linear(self.text_cfg["hidden_size"], dim, bias=False)
        self.logit_scale = nn.Parameter(torch.tensor(float(self.logit_scale_init)))

    def get_image_features(self, pixels):
        return self.visual_projection(self.vision_model(pixels))

    def get_text_features(self, ids, pooled):
        return self.text_projection(self.text_model(ids, pooled))

    @torch.no_grad()
    def init_like_stroop(self, generator=None):
        """initialClipWeights (src/train/trainableClip.ts): OpenAI CLIP's initialize_parameters."""
        normal = lambda p, std: p.normal_(0.0, std, generator=generator)
        for name, p in self.named_parameters():
            tower = self.vision_cfg if name.startswith("vision_model") or name == "visual_projection.weight" else self.text_cfg
            width, layers = tower["hidden_size"], tower["num_hidden_layers"]
            attn_std = width ** -0.5
            proj_std = attn_std * (2 * layers) ** -0.5
            if name == "logit_scale":
                p.fill_(self.logit_scale_init)
            elif re.search(r"(layer_?norm\d?|layrnorm)\.weight$", name):
                p.fill_(1.0)
            elif name == "vision_model.embeddings.patch_embedding.weight":
                bound = (p[0].numel()) ** -0.5
                p.uniform_(-bound, bound, generator=generator)
            elif any(name.endswith(f"self_attn.{x}_proj.weight") for x in "qkv"):
                normal(p, attn_std)
            elif name.endswith("self_attn.out_proj.weight") or name.endswith("mlp.fc2.weight"):
                normal(p, proj_std)
            elif name.endswith("mlp.fc1.weight"):
                normal(p, (2 * width) ** -0.5)
            elif name in ("text_projection.weight", "visual_projection.weight"):
                normal(p, attn_std)
            elif name == "text_model.embeddings.token_embedding.weight":
                normal(p, 0.02)
            elif name == "text_model.embeddings.position_embedding.weight":
                normal(p, 0.01)
            elif name in ("vision_model.embeddings.class_embedding", "vision_model.embeddings.position_embedding.weight"):
                normal(p, attn_std)
            elif name.endswith(".bias"):
                p.zero_()
            else:
                raise ValueError(f"no initialisation rule for {name}")
        return self


def info_nce(model, pixels, ids, pooled):
    """stroop's symmetricInfoNce: mean of both cross-entropies of exp(min(s, ln 100)) * cos."""
    image = F.normalize(model.get_image_features(pixels), dim=-1)
    text = F.normalize(model.get_text_features(ids, pooled), dim=-1)
    logits = model.logit_scale.clamp(max=MAX_LOGIT_SCALE).exp() * image @ text.t()
    labels = torch.arange(logits.shape[0])
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels)) / 2


def learning_rate_at(step, peak, warmup, total):
    """stroop's learningRateAt: linear warm-up to the peak, then cosine decay to 0 at the last step."""
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return peak * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


# ---------------------------------------------------------------------------------------------
# safetensors (F32), written and read without the safetensors package
# ---------------------------------------------------------------------------------------------


def write_safetensors(path, tensors, metadata=None):
    """tensors: name -> torch tensor (any float dtype; stored as little-endian F32)."""
    header = {"__metadata__": dict(metadata or {"format": "pt"})}
    blobs, offset = [], 0
    for name in sorted(tensors):
        data = tensors[name].detach().to(torch.float32).contiguous().cpu().numpy().astype("<f4", copy=False).tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # tensors start 8-byte aligned
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    os.replace(tmp, path)


def read_safetensors(path):
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {entry['dtype']}, only F32 is read")
        start, end = entry["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(data[start:end], dtype="<f4").copy().reshape(entry["shape"]))
    return out


def merges_count(path):
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f.read().split("\n") if line.strip()]
    return len(lines) - (1 if lines and lines[0].startswith("#version") else 0)


def write_model_dir(directory, model, config, preprocessor, training=None):
    """A model directory stroop loads: weights, config.json, preprocessor_config.json, tokenizer,
    and training.json (how it was made) when `training` is given."""
    os.makedirs(directory, exist_ok=True)
    if training is not None:
        with open(os.path.join(directory, "training.json"), "w", encoding="utf-8") as f:
            f.write(json.dumps(training, indent=2) + "\n")
    write_safetensors(os.path.join(directory, "model.safetensors"), model.state_dict())
    for name, value in (("config.json", config), ("preprocessor_config.json", preprocessor)):
        with open(os.path.join(directory, name), "w", encoding="utf-8") as f:
            f.write(json.dumps(value, indent=2) + "\n")
    for name in TOKENIZER_FILES:
        shutil.copyfile(os.path.join(TOKENIZER_DIR, name), os.path.join(directory, name))


# ---------------------------------------------------------------------------------------------
# stroop-batches/1
# ---------------------------------------------------------------------------------------------


def read_exactly(stream, n):
    chunks, got = [], 0
    while got < n:
        chunk = stream.read(n - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_stream(stream):
    """Yields the header dict, then (step, pixels, ids, pooled, classes) per record."""
    line = stream.readline()
    if not line.endswith(b"\n"):
        raise ValueError("stream ended before its header line")
    header = json.loads(line)
    if header.get("format") != "stroop-batches/1":
        raise ValueError(f"not a stroop-batches/1 stream (format {header.get('format')!r})")
    yield header
    size, channels, context = header["imageSize"], header["channels"], header["contextLength"]
    while True:
        head = read_exactly(stream, 8)
        if not head:
            return
        if len(head) < 8:
            raise ValueError("stream truncated inside a record header")
        step, b = struct.unpack("<II", head)
        sizes = (b * channels * size * size * 4, b * context * 4, b * 4, b * 4)
        body = read_exactly(stream, sum(sizes))
        if len(body) < sum(sizes):
            raise ValueError(f"stream truncated inside the record of step {step}")
        parts, o = [], 0
        for n in sizes:
            parts.append(body[o:o + n])
            o += n
        pixels = torch.from_numpy(np.frombuffer(parts[0], dtype="<f4").reshape(b, channels, size, size).copy())
        ids = torch.from_numpy(np.frombuffer(parts[1], dtype="<i4").astype(np.int64).reshape(b, context))
        pooled = torch.from_numpy(np.frombuffer(parts[2], dtype="<i4").astype(np.int64))
        classes = np.frombuffer(parts[3], dtype="<i4")
        yield step, pixels, ids, pooled, classes


def resized_to(state, model):
    """`state` (a checkpoint's weights) fitted to `model` when only the patch size differs by a
    whole factor k (e.g. 16 px -> 8 px patches at the same image size): the patch embedding's
    kernel is summed over k x k blocks, which is exactly what the old kernel computes on the
    image upsampled k times (nearest), and the position grid is interpolated bicubically to
    the new grid (the class position is kept). Returns (state, note), note None when nothing
    changed; raises on any other mismatch."""
    ours = model.state_dict()
    kernel_name = "vision_model.embeddings.patch_embedding.weight"
    position_name = "vision_model.embeddings.position_embedding.weight"
    old_kernel, new_shape = state.get(kernel_name), ours[kernel_name].shape
    if old_kernel is None or old_kernel.shape == new_shape:
        return state, None
    old_patch, new_patch = old_kernel.shape[-1], new_shape[-1]
    if old_kernel.shape[:2] != new_shape[:2] or old_patch % new_patch != 0:
        raise SystemExit(f"train_tiny_torch: --init's {old_patch} px patches cannot be resized to {new_patch} px (only by a whole factor)")
    k = old_patch // new_patch
    kernel = old_kernel.reshape(*old_kernel.shape[:2], new_patch, k, new_patch, k).sum(dim=(3, 5))
    positions = state[position_name]
    old_grid, new_grid = math.isqrt(positions.shape[0] - 1), math.isqrt(ours[position_name].shape[0] - 1)
    grid = positions[1:].reshape(old_grid, old_grid, -1).permute(2, 0, 1).unsqueeze(0)
    grid = F.interpolate(grid, size=(new_grid, new_grid), mode="bicubic", align_corners=False)
    grid = grid.squeeze(0).permute(1, 2, 0).reshape(new_grid * new_grid, -1)
    resized = {**state, kernel_name: kernel.contiguous(), position_name: torch.cat([positions[:1], grid]).contiguous()}
    return resized, f"{old_patch} px patches summed to {new_patch} px, {old_grid}x{old_grid} positions interpolated to {new_grid}x{new_grid}"


def check_header(header, model):
    problems = []
    text = model.text_cfg
    if header["contextLength"] != text["max_position_embeddings"]:
        problems.append(f"contextLength {header['contextLength']} != max_position_embeddings {text['max_position_embeddings']}")
    if header["imageSize"] != model.vision_cfg["image_size"]:
        problems.append(f"imageSize {header['imageSize']} != image_size {model.vision_cfg['image_size']}")
    if header.get("eosTokenId", text.get("eos_token_id")) != text.get("eos_token_id", header.get("eosTokenId")):
        problems.append(f"eosTokenId {header['eosTokenId']} != eos_token_id {text.get('eos_token_id')}")
    ours = merges_count(os.path.join(TOKENIZER_DIR, "merges.txt"))
    theirs = (header.get("tokenizer") or {}).get("merges")
    if theirs != ours:
        problems.append(f"the stream's tokenizer has {theirs} merges, models/stroop-tiny/merges.txt {ours}: the copied tokenizer would not match")
    with open(os.path.join(TOKENIZER_DIR, "vocab.json"), encoding="utf-8") as f:
        vocab = len(json.load(f))
    if vocab != text["vocab_size"]:
        problems.append(f"models/stroop-tiny/vocab.json has {vocab} tokens, config vocab_size {text['vocab_size']}")
    if problems:
        raise SystemExit("train_tiny_torch: the stream does not fit:\n  " + "\n  ".join(problems))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", help="a stroop-batches/1 file (default: stdin)")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--checkpoint-every", type=int, default=0, help="write step-<n>/ every N steps (0: only final/)")
    parser.add_argument("--learning-rate", type=float, help="Adam's peak learning rate (default: the header's schedule, else 1e-3)")
    parser.add_argument("--warmup-steps", type=int, help="linear warm-up steps (default: the header's schedule, else 40)")
    parser.add_argument("--total-steps", type=int, help="steps of the whole schedule (default: the header's schedule, else firstStep + steps)")
    parser.add_argument("--init", help="start from this model directory's model.safetensors instead of a fresh init "
                        "(larger patches are resized to the stream's by a whole factor)")
    parser.add_argument("--seed", type=int, help="init seed (default: the header's seed)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (1 measured fastest for this model)")
    parser.add_argument("--log-every", type=int, default=20)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    stream = open(args.input, "rb") if args.input else sys.stdin.buffer
    records = read_stream(stream)
    header = next(records)
    config, preprocessor = header["config"], header["preprocessor"]
    seed = args.seed if args.seed is not None else int(header.get("seed", 0))
    torch.manual_seed(seed)
    model = CLIPModel(config)
    check_header(header, model)
    init_note = init_sha256 = None
    if args.init:
        init_file = os.path.join(args.init, "model.safetensors")
        with open(init_file, "rb") as f:
            init_sha256 = hashlib.sha256(f.read()).hexdigest()
        state, init_note = resized_to(read_safetensors(init_file), model)
        model.load_state_dict(state)
        print(f"train_tiny_torch: starting from {args.init}" + (f" ({init_note})" if init_note else ""), file=sys.stderr)
    elif (header.get("settings") or {}).get("startsFrom"):
        raise SystemExit(f"train_tiny_torch: the recipe starts from the {header['settings']['startsFrom']} weights; give them with --init DIR")
    else:
        model.init_like_stroop(torch.Generator().manual_seed(seed))
    first = int(header.get("firstStep", 0))
    schedule = header.get("schedule", {})
    total = args.total_steps or int(schedule.get("totalSteps", first + int(header["steps"])))
    args.learning_rate = args.learning_rate if args.learning_rate is not None else float(schedule.get("learningRate", 1e-3))
    args.warmup_steps = args.warmup_steps if args.warmup_steps is not None else int(schedule.get("warmupSteps", 40))
    # tfjs's Adam: epsilon = backend epsilon (1e-7 in float32), added to sqrt(v_hat) as torch does.
    optimiser = torch.optim.Adam(model.parameters(), lr=args.learning_rate, betas=(0.9, 0.999), eps=1e-7)
    os.makedirs(args.out, exist_ok=True)
    log_file = open(os.path.join(args.out, "training.jsonl"), "a", encoding="utf-8")
    parameters = sum(p.numel() for p in model.parameters())
    print(f"train_tiny_torch: {header.get('recipe')} steps {first}..{first + int(header['steps']) - 1} of {total}, "
          f"{parameters:,} parameters, pytorch {torch.__version__}, {args.threads} thread(s)", file=sys.stderr)

    log_entries = []

    def training_record(steps_done):
        return {"trainer": "scripts/train_tiny_torch.py", "pytorch": torch.__version__, "threads": args.threads,
                "recipe": header.get("settings"), "pool": header.get("pool"), "firstStep": first,
                "init": None if not args.init else {"from": os.path.relpath(os.path.abspath(args.init), REPO), "sha256": init_sha256, "resized": init_note},
                "stepsDone": steps_done, "schedule": {"learningRate": args.learning_rate, "warmupSteps": args.warmup_steps,
                                                      "totalSteps": total}, "log": log_entries}

    losses, done, started = [], 0, time.perf_counter()
    window_start, window_steps = started, 0
    step = first - 1
    for step, pixels, ids, pooled, _classes in records:
        lr = learning_rate_at(step, args.learning_rate, args.warmup_steps, total)
        for group in optimiser.param_groups:
            group["lr"] = lr
        optimiser.zero_grad(set_to_none=True)
        loss = info_nce(model, pixels, ids, pooled)
        loss.backward()
        optimiser.step()
        losses.append(loss.item())
        done += 1
        window_steps += 1
        if (step + 1) % args.log_every == 0:
            now = time.perf_counter()
            recent = losses[-window_steps:]
            entry = {"step": step + 1, "loss": sum(recent) / len(recent), "lr": lr, "logit_scale": model.logit_scale.item(),
                     "inverse_temperature": math.exp(min(model.logit_scale.item(), MAX_LOGIT_SCALE)),
                     "s_per_step": (now - window_start) / window_steps}
            window_start, window_steps = now, 0
            print(f"step {entry['step']}/{total}: loss {entry['loss']:.4f}, lr {lr:.2e}, logit scale {entry['logit_scale']:.4f} "
                  f"(x{entry['inverse_temperature']:.2f}), {entry['s_per_step']:.3f} s/step", file=sys.stderr)
            log_entries.append(entry)
            log_file.write(json.dumps(entry) + "\n")
            log_file.flush()
        if args.checkpoint_every > 0 and (step + 1) % args.checkpoint_every == 0:
            write_model_dir(os.path.join(args.out, f"step-{step + 1}"), model, config, preprocessor, training_record(step + 1))
    write_model_dir(os.path.join(args.out, "final"), model, config, preprocessor, training_record(step + 1))
    seconds = time.perf_counter() - started
    summary = {"done": True, "steps": done, "last_step": step + 1, "seconds": seconds, "s_per_step": seconds / max(1, done),
               "final_loss": sum(losses[-20:]) / max(1, len(losses[-20:])), "logit_scale": model.logit_scale.item()}
    log_file.write(json.dumps(summary) + "\n")
    log_file.close()
    print(f"train_tiny_torch: {done} steps in {seconds:.1f} s ({summary['s_per_step']:.3f} s/step), "
          f"final loss {summary['final_loss']:.4f}; wrote {os.path.join(args.out, 'final')}", file=sys.stderr)


if __name__ == "__main__":
    main()
