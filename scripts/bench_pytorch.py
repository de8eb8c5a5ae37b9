#!/usr/bin/env python3
"""PyTorch reference throughput for `stroop bench` comparisons.

Times get_image_features / get_text_features on the same kind of inputs `stroop bench` uses
(synthetic pixels; texts of --text-tokens positions, SigLIP's padded to its full context) and
prints one JSON object shaped like `stroop bench --json`. CLIP needs transformers (CLIPModel);
SigLIP (config.json model_type "siglip") runs transformers' SiglipModel when it is installed,
else the same computation in plain PyTorch (scripts/siglip_torch.py; Debian's python3-torch has
no transformers beside it). Run it on the same machine as stroop, interleaved.

    python3 scripts/bench_pytorch.py --model <dir> --batch 1 --batch 32 --threads 2
    python3 scripts/bench_pytorch.py --check-goldens test/fixtures/siglip-tiny
"""
import argparse
import json
import statistics
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="model directory in Hugging Face layout (safetensors), CLIP or SigLIP")
    parser.add_argument("--impl", choices=["auto", "transformers", "plain"], default="auto", help="SigLIP only: transformers, or plain PyTorch (auto: transformers when installed)")
    parser.add_argument("--check-goldens", metavar="FIXTURE", help="check the plain-PyTorch SigLIP against a fixture's transformers goldens and exit")
    parser.add_argument("--batch", type=int, action="append", help="batch size (repeatable; default 1, 8, 32)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per batch size after one warm-up")
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads")
    parser.add_argument("--text-tokens", type=int, default=10, help="positions per text, sot and eot included")
    args = parser.parse_args()
    try:
        import torch
    except ImportError as error:
        print(f"bench_pytorch: needs torch ({error})", file=sys.stderr)
        return 2
    if args.check_goldens:
        from siglip_torch import check_goldens

        print(json.dumps(check_goldens(args.check_goldens)))
        return 0
    if not args.model:
        parser.error("--model is required")
    torch.set_num_threads(args.threads)
    model_type = json.loads((Path(args.model) / "config.json").read_text()).get("model_type", "clip")
    try:
        model, impl = load_model(args.model, model_type, args.impl)
    except ImportError as error:
        print(f"bench_pytorch: {model_type} with --impl {args.impl} needs transformers ({error})", file=sys.stderr)
        return 2
    vision, text = model.config["vision_config"], model.config["text_config"]
    results = []
    for batch in args.batch or [1, 8, 32]:
        generator = torch.Generator().manual_seed(12345)
        pixels = torch.rand(batch, 3, vision["image_size"], vision["image_size"], generator=generator) * 4 - 2
        ids = synthetic_ids(model_type, text, batch, args.text_tokens, generator)

        def timed(fn):
            fn()
            seconds = []
            for _ in range(args.runs):
                start = time.perf_counter()
                fn()
                seconds.append(time.perf_counter() - start)
            return seconds

        with torch.inference_mode():
            image_s = timed(lambda: model.get_image_features(pixels))
            text_s = timed(lambda: model.get_text_features(ids))
        results.append({
            "batch": batch,
            "images_per_s": batch / statistics.median(image_s),
            "texts_per_s": batch / statistics.median(text_s),
            "image_seconds": image_s,
            "text_seconds": text_s,
        })
    print(json.dumps({"engine": "pytorch", "backend": f"torch {torch.__version__} {impl}, {args.threads} threads", "results": results}))
    return 0


class _Hf:
    """A transformers model with its config as a plain dict, like siglip_torch.Siglip."""

    def __init__(self, model):
        self.model = model
        self.config = model.config.to_dict()

    def get_image_features(self, pixel_values):
        return self.model.get_image_features(pixel_values=pixel_values)

    def get_text_features(self, input_ids):
        return self.model.get_text_features(input_ids=input_ids)


def load_model(model_dir, model_type, impl):
    import torch

    if model_type == "siglip" and impl in ("plain", "auto"):
        try:
            if impl == "plain":
                raise ImportError("plain PyTorch asked for")
            from transformers import SiglipModel

            return _Hf(SiglipModel.from_pretrained(model_dir, torch_dtype=torch.float32).eval()), "transformers SiglipModel"
        except ImportError:
            from siglip_torch import Siglip

            return Siglip(model_dir), "plain PyTorch SigLIP (scripts/siglip_torch.py)"
    if model_type == "siglip":
        from transformers import SiglipModel

        return _Hf(SiglipModel.from_pretrained(model_dir, torch_dtype=torch.float32).eval()), "transformers SiglipModel"
    from transformers import CLIPModel

    return _Hf(CLIPModel.from_pretrained(model_dir, torch_dtype=torch.float32).eval()), "transformers CLIPModel"


def synthetic_ids(model_type, text, batch, tokens, generator):
    """CLIP: <sot> ids <eot> then zeros, 77 positions; SigLIP: ids, eos, then its pad id up to its full context."""
    import torch

    if model_type == "siglip":
        context = text.get("max_position_embeddings", 64)
        ids = torch.full((batch, context), text.get("pad_token_id") or 1, dtype=torch.long)
        ids[:, : tokens - 1] = torch.randint(2, text["vocab_size"], (batch, tokens - 1), generator=generator)
        ids[:, tokens - 1] = text.get("eos_token_id") or 1
        return ids
    ids = torch.zeros(batch, 77, dtype=torch.long)
    ids[:, 0] = text["bos_token_id"]
    ids[:, 1 : tokens - 1] = torch.randint(0, text["bos_token_id"], (batch, tokens - 2), generator=generator)
    ids[:, tokens - 1] = text["eos_token_id"]
    return ids


if __name__ == "__main__":
    sys.exit(main())
