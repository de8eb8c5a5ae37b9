#!/usr/bin/env python3
"""PyTorch reference throughput for `stroop bench` comparisons.

Times transformers' CLIPModel.get_image_features / get_text_features on the same kind of
inputs `stroop bench` uses (synthetic pixels; texts of --text-tokens positions) and prints one
JSON object shaped like `stroop bench --json`. Needs torch and transformers; run it on the
same machine as stroop, interleaved (see scripts/benchVsPytorch.sh).

    python3 scripts/bench_pytorch.py --model <dir> --batch 1 --batch 32 --threads 2
"""
import argparse
import json
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="model directory in Hugging Face CLIP layout (safetensors)")
    parser.add_argument("--batch", type=int, action="append", help="batch size (repeatable; default 1, 8, 32)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per batch size after one warm-up")
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads")
    parser.add_argument("--text-tokens", type=int, default=10, help="positions per text, sot and eot included")
    args = parser.parse_args()
    try:
        import torch
        from transformers import CLIPModel
    except ImportError as error:
        print(f"bench_pytorch: needs torch and transformers ({error})", file=sys.stderr)
        return 2

    torch.set_num_threads(args.threads)
    model = CLIPModel.from_pretrained(args.model, torch_dtype=torch.float32).eval()
    vision, text = model.config.vision_config, model.config.text_config
    results = []
    for batch in args.batch or [1, 8, 32]:
        generator = torch.Generator().manual_seed(12345)
        pixels = torch.rand(batch, 3, vision.image_size, vision.image_size, generator=generator) * 4 - 2
        ids = torch.zeros(batch, 77, dtype=torch.long)
        ids[:, 0] = text.bos_token_id
        ids[:, 1 : args.text_tokens - 1] = torch.randint(0, text.bos_token_id, (batch, args.text_tokens - 2), generator=generator)
        ids[:, args.text_tokens - 1] = text.eos_token_id

        def timed(fn):
            fn()
            seconds = []
            for _ in range(args.runs):
                start = time.perf_counter()
                fn()
                seconds.append(time.perf_counter() - start)
            return seconds

        with torch.inference_mode():
            image_s = timed(lambda: model.get_image_features(pixel_values=pixels))
            text_s = timed(lambda: model.get_text_features(input_ids=ids))
        results.append({
            "batch": batch,
            "images_per_s": batch / statistics.median(image_s),
            "texts_per_s": batch / statistics.median(text_s),
            "image_seconds": image_s,
            "text_seconds": text_s,
        })
    print(json.dumps({"engine": "pytorch", "backend": f"torch {torch.__version__}, {args.threads} threads", "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
