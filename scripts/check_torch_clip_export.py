#!/usr/bin/python3
"""Checks that scripts/train_tiny_torch.py's CLIPModel is the model stroop runs.

An offline check, not part of stroop's tests (it needs Debian's PyTorch, /usr/bin/python3, and a
build of stroop): it builds the PyTorch model with fresh random weights (the trainer's init),
writes the checkpoint as the trainer does, has stroop embed texts and 112 x 112 PNG images from
that folder (`stroop embed --engine tfjs --json`, fp32), and compares with the PyTorch model's
embeddings of the same inputs. The same comparison runs on models/stroop-tiny's trained weights
loaded into the PyTorch model. Token ids come from stroop's own tokenizer (the built
ClipTokenizer), pixels are normalised as stroop's normalizationTable does (float32 steps), and a
112 px image is neither resized nor cropped, so both sides see identical inputs.

    npx tsc -p tsconfig.json --outDir dist-torch
    /usr/bin/python3 scripts/check_torch_clip_export.py [--dist dist-torch] [--tolerance 1e-4]

Exit status 0 when every difference is within the tolerance.
"""
import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_tiny_torch as tt  # noqa: E402

REPO = tt.REPO
TEXTS = ["a cat", "an emoji of the pizza.", "a drawing of the red apple on a table.", "x"]


def write_png(path, rgb):
    """An 8-bit RGB PNG, no interlace, filter 0 on every row."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def normalise(rgb, pre):
    """stroop's normalizationTable: float32(v * rescale), then float32(float32(x - mean) / std)."""
    out = np.empty((3,) + rgb.shape[:2], dtype=np.float32)
    for c in range(3):
        x = np.float32(rgb[:, :, c].astype(np.float64) * pre["rescale_factor"])
        x = np.float32(np.float32(x - np.float32(pre["image_mean"][c])) / np.float32(pre["image_std"][c]))
        out[c] = x
    return out


def stroop_token_ids(dist, model_dir, texts, context):
    script = (
        f"import {{ loadClipTokenizer }} from '{os.path.join(REPO, dist, 'src/families/clip/tokenizer/ClipTokenizer.js')}';"
        f"const t = await loadClipTokenizer(process.argv[1]);"
        f"console.log(JSON.stringify(Array.from(t.tokenize(JSON.parse(process.argv[2]), {context}))));"
    )
    out = subprocess.run(["node", "--input-type=module", "-e", script, model_dir, json.dumps(texts)],
                         check=True, capture_output=True, text=True, cwd=REPO).stdout
    return torch.tensor(json.loads(out), dtype=torch.int64).reshape(len(texts), context)


def pooled_positions(ids, eos):
    """stroop's poolPositions: the first eos, else argmax."""
    out = []
    for row in ids.tolist():
        out.append(row.index(eos) if eos in row else int(np.argmax(row)))
    return torch.tensor(out, dtype=torch.int64)


def stroop_embed(dist, model_dir, texts, images):
    cmd = ["node", os.path.join(dist, "src/cli/main.js"), "embed", "--model", model_dir, "--engine", "tfjs", "--dtype", "fp32",
           "--device", "cpu", "--json"]
    for text in texts:
        cmd += ["--text", text]
    for image in images:
        cmd += ["--image", image]
    result = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO).stdout)
    return np.array(result["text_embeds"], dtype=np.float64), np.array(result["image_embeds"], dtype=np.float64), result


def compare(label, model, model_dir, dist, images, pixels, pre_config):
    ids = stroop_token_ids(dist, model_dir, TEXTS, model.text_cfg["max_position_embeddings"])
    pooled = pooled_positions(ids, model.text_cfg["eos_token_id"])
    with torch.no_grad():
        text_torch = model.get_text_features(ids, pooled).double().numpy()
        image_torch = model.get_image_features(pixels).double().numpy()
    text_stroop, image_stroop, meta = stroop_embed(dist, model_dir, TEXTS, images)
    text_diff = float(np.abs(text_torch - text_stroop).max())
    image_diff = float(np.abs(image_torch - image_stroop).max())
    scale = max(float(np.abs(text_torch).max()), float(np.abs(image_torch).max()))
    print(f"{label}: stroop {meta.get('engine')}/{meta.get('backend')}; {len(TEXTS)} texts, {len(images)} images; "
          f"max |torch - stroop|: text {text_diff:.2e}, image {image_diff:.2e} (largest |value| {scale:.2f})")
    return max(text_diff, image_diff)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", default="dist-torch", help="stroop's build (npx tsc -p tsconfig.json --outDir dist-torch)")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", help="write the random-init checkpoint here instead of a temporary folder")
    args = parser.parse_args()
    torch.set_num_threads(1)
    if not os.path.exists(os.path.join(REPO, args.dist, "src/cli/main.js")):
        raise SystemExit(f"no stroop build at {args.dist}: run npx tsc -p tsconfig.json --outDir {args.dist}")

    reference = os.path.join(REPO, "models", "stroop-tiny")
    with open(os.path.join(reference, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    with open(os.path.join(reference, "preprocessor_config.json"), encoding="utf-8") as f:
        pre = json.load(f)
    model = tt.CLIPModel(config).init_like_stroop(torch.Generator().manual_seed(args.seed)).eval()

    # Names and shapes: the PyTorch state_dict against the checkpoint stroop already loads.
    ref_weights = tt.read_safetensors(os.path.join(reference, "model.safetensors"))
    ours = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    theirs = {k: tuple(v.shape) for k, v in ref_weights.items()}
    if ours != theirs:
        raise SystemExit(f"state_dict differs from models/stroop-tiny: only ours {sorted(set(ours) - set(theirs))}, "
                         f"only stroop-tiny's {sorted(set(theirs) - set(ours))}, shapes "
                         f"{[k for k in ours if k in theirs and ours[k] != theirs[k]]}")
    print(f"state_dict: {len(ours)} tensors, {sum(p.numel() for p in model.parameters()):,} parameters, names and shapes = models/stroop-tiny")

    side = model.vision_cfg["image_size"]
    rng = np.random.default_rng(args.seed)
    yy, xx = np.mgrid[0:side, 0:side]
    arrays = [rng.integers(0, 256, (side, side, 3), dtype=np.uint8),
              np.stack([xx * 255 // (side - 1), yy * 255 // (side - 1), (xx + yy) * 255 // (2 * side - 2)], -1).astype(np.uint8)]
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        images = []
        for i, rgb in enumerate(arrays):
            images.append(os.path.join(tmp, f"image{i}.png"))
            write_png(images[-1], rgb)
        pixels = torch.from_numpy(np.stack([normalise(rgb, pre) for rgb in arrays]))

        out_dir = args.keep or os.path.join(tmp, "random-init")
        tt.write_model_dir(out_dir, model, config, pre)
        back = tt.read_safetensors(os.path.join(out_dir, "model.safetensors"))
        exact = all(torch.equal(back[k], v) for k, v in model.state_dict().items())
        print(f"written {out_dir}/model.safetensors reads back {'bit-exact' if exact else 'DIFFERENT'}")
        worst = max(worst, 0.0 if exact else float("inf"))
        worst = max(worst, compare("random init (trainer's init, written by the trainer)", model, out_dir, args.dist, images, pixels, pre))

        model.load_state_dict(ref_weights)
        worst = max(worst, compare("models/stroop-tiny weights in the PyTorch model", model, reference, args.dist, images, pixels, pre))

    verdict = "PASS" if worst <= args.tolerance else "FAIL"
    print(f"{verdict}: largest difference {worst:.2e} (tolerance {args.tolerance:g})")
    sys.exit(0 if verdict == "PASS" else 1)


if __name__ == "__main__":
    main()
