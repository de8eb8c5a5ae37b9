/**
 * The refusal for a directory that only has PyTorch pickle checkpoints, with a one-off
 * Python conversion to safetensors. Pickles are never read: unpickling runs code.
 */
export function picklePolicyMessage(dir: string, pickles: readonly string[]): string {
  const hfBin = pickles.some((name) => name.startsWith('pytorch_model'));
  const found = pickles.join(', ');
  const howTo = hfBin
    ? `python -c "from transformers import CLIPModel; CLIPModel.from_pretrained('${dir}').save_pretrained('${dir}', safe_serialization=True)" ` +
      `(or: import torch; from safetensors.torch import save_file; ` +
      `sd = torch.load('pytorch_model.bin', map_location='cpu', weights_only=True); ` +
      `save_file({k: v.contiguous().clone() for k, v in sd.items()}, 'model.safetensors'))`
    : `python -c "import clip, torch; from safetensors.torch import save_file; ` +
      `m, _ = clip.load('${pickles[0] ?? 'ViT-B-32.pt'}', device='cpu', jit=False); ` +
      `save_file({k: v.contiguous().clone() for k, v in m.state_dict().items()}, 'openai_state_dict.safetensors')"`;
  return (
    `Model directory ${dir} holds only PyTorch pickle checkpoints (${found}), which stroop does not read ` +
    `(unpickling can run arbitrary code); convert them to safetensors once, e.g. ${howTo}`
  );
}
