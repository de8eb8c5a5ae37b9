"""SigLIP's encoders in plain PyTorch, for `bench_pytorch.py` where transformers cannot be installed.

The same computation as transformers' `modeling_siglip.py` (eager attention): patch Conv2d with
bias + position embeddings, pre-LN encoder layers with tanh-approximated GELU, post-layernorm,
the attention-pooling head (`nn.MultiheadAttention` over the patches with a learned probe, then
x + mlp(layernorm(x))); token + position embeddings, bidirectional encoder, final layernorm, the
last position, a Linear head. Weights come from `model.safetensors` (F32/F16/BF16) through a small
reader, since Debian has no python3-safetensors. `check_goldens` proves it against a fixture.
"""
import json
import math
import struct
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

_DTYPES = {"F32": np.float32, "F16": np.float16}


def read_safetensors(path: Path) -> dict:
    data = path.read_bytes()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + header_len])
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        raw = data[base + start : base + end]
        if info["dtype"] == "BF16":
            words = np.frombuffer(raw, dtype=np.uint16).astype(np.uint32) << 16
            array = words.view(np.float32)
        else:
            array = np.frombuffer(raw, dtype=_DTYPES[info["dtype"]]).astype(np.float32)
        tensors[name] = torch.from_numpy(array.copy()).reshape(info["shape"])
    return tensors


def _act(x, name):
    if name in ("gelu_pytorch_tanh", "gelu_new"):
        return F.gelu(x, approximate="tanh")
    if name == "gelu":
        return F.gelu(x)
    if name == "quick_gelu":
        return x * torch.sigmoid(1.702 * x)
    return F.relu(x)


class Siglip:
    def __init__(self, model_dir: str):
        directory = Path(model_dir)
        self.config = json.loads((directory / "config.json").read_text())
        self.w = read_safetensors(directory / "model.safetensors")
        # transformers' SiglipTextConfig / SiglipVisionConfig defaults, under what config.json says.
        tower = {"hidden_act": "gelu_pytorch_tanh", "layer_norm_eps": 1e-6, "num_attention_heads": 12, "num_hidden_layers": 12}
        self.text_cfg = {**tower, "vocab_size": 32000, "max_position_embeddings": 64, "pad_token_id": 1, "eos_token_id": 1, **self.config.get("text_config", {})}
        self.vision_cfg = {**tower, "image_size": 224, "patch_size": 16, **self.config.get("vision_config", {})}
        self.config = {**self.config, "text_config": self.text_cfg, "vision_config": self.vision_cfg}

    def _ln(self, x, name, eps):
        return F.layer_norm(x, x.shape[-1:], self.w[f"{name}.weight"], self.w[f"{name}.bias"], eps)

    def _lin(self, x, name):
        return F.linear(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"])

    def _attention(self, q, k, v, heads):
        batch, queries, width = q.shape
        keys = k.shape[1]
        head_dim = width // heads
        q = q.view(batch, queries, heads, head_dim).transpose(1, 2)
        k = k.view(batch, keys, heads, head_dim).transpose(1, 2)
        v = v.view(batch, keys, heads, head_dim).transpose(1, 2)
        weights = torch.softmax(torch.matmul(q, k.transpose(2, 3)) * head_dim**-0.5, dim=-1)
        return torch.matmul(weights, v).transpose(1, 2).reshape(batch, queries, width)

    def _encoder(self, x, tower, cfg):
        eps, act, heads = cfg["layer_norm_eps"], cfg["hidden_act"], cfg["num_attention_heads"]
        for i in range(cfg["num_hidden_layers"]):
            at = f"{tower}.encoder.layers.{i}"
            h = self._ln(x, f"{at}.layer_norm1", eps)
            attn = self._attention(self._lin(h, f"{at}.self_attn.q_proj"), self._lin(h, f"{at}.self_attn.k_proj"), self._lin(h, f"{at}.self_attn.v_proj"), heads)
            x = x + self._lin(attn, f"{at}.self_attn.out_proj")
            h = self._ln(x, f"{at}.layer_norm2", eps)
            x = x + self._lin(_act(self._lin(h, f"{at}.mlp.fc1"), act), f"{at}.mlp.fc2")
        return x

    def get_image_features(self, pixel_values):
        cfg, w = self.vision_cfg, self.w
        patch = cfg["patch_size"]
        x = F.conv2d(pixel_values, w["vision_model.embeddings.patch_embedding.weight"], w["vision_model.embeddings.patch_embedding.bias"], stride=patch)
        x = x.flatten(2).transpose(1, 2) + w["vision_model.embeddings.position_embedding.weight"]
        x = self._encoder(x, "vision_model", cfg)
        x = self._ln(x, "vision_model.post_layernorm", cfg["layer_norm_eps"])
        width = x.shape[-1]
        in_w, in_b = w["vision_model.head.attention.in_proj_weight"], w["vision_model.head.attention.in_proj_bias"]
        probe = w["vision_model.head.probe"].expand(x.shape[0], -1, -1)
        q = F.linear(probe, in_w[:width], in_b[:width])
        k = F.linear(x, in_w[width : 2 * width], in_b[width : 2 * width])
        v = F.linear(x, in_w[2 * width :], in_b[2 * width :])
        h = self._lin(self._attention(q, k, v, cfg["num_attention_heads"]), "vision_model.head.attention.out_proj")
        normed = self._ln(h, "vision_model.head.layernorm", cfg["layer_norm_eps"])
        h = h + self._lin(_act(self._lin(normed, "vision_model.head.mlp.fc1"), cfg["hidden_act"]), "vision_model.head.mlp.fc2")
        return h[:, 0]

    def get_text_features(self, input_ids):
        cfg, w = self.text_cfg, self.w
        x = F.embedding(input_ids, w["text_model.embeddings.token_embedding.weight"]) + w["text_model.embeddings.position_embedding.weight"][: input_ids.shape[1]]
        x = self._encoder(x, "text_model", cfg)
        x = self._ln(x, "text_model.final_layer_norm", cfg["layer_norm_eps"])
        return self._lin(x[:, -1], "text_model.head")


def check_goldens(fixture: str) -> dict:
    """Max |diff| of this implementation against a fixture's transformers goldens (golden inputs)."""
    model = Siglip(fixture)
    golden = json.loads((Path(fixture) / "golden" / "embeddings.json").read_text())
    size = model.vision_cfg["image_size"]
    pixels = []
    for image in golden["images"]:
        raw = (Path(fixture) / "golden" / "pixel_values" / (Path(image).stem + ".bin")).read_bytes()
        pixels.append(torch.from_numpy(np.frombuffer(raw, dtype=np.float32).copy()).reshape(3, size, size))
    with torch.inference_mode():
        images = model.get_image_features(torch.stack(pixels))
        texts = model.get_text_features(torch.tensor(golden["text_input_ids"], dtype=torch.long))
    return {
        "image_max_abs_diff": float((images - torch.tensor(golden["image_embeds"])).abs().max()),
        "text_max_abs_diff": float((texts - torch.tensor(golden["text_embeds"])).abs().max()),
    }
