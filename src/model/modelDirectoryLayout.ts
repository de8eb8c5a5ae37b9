/** What a model directory is expected to hold, quoted in "file not found" messages. */
export const modelDirectoryLayout =
  'a Hugging Face CLIP model directory holds config.json, preprocessor_config.json, vocab.json, merges.txt, ' +
  'tokenizer_config.json and model.safetensors (or model.safetensors.index.json with its shards)';
