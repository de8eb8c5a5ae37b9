import type { ClipConfig } from '../families/clip/clipConfig.js';
import { clipArchitectures } from '../families/clip/writeClipCheckpoint.js';

/** The architecture of OpenAI's ViT-B/32 CLIP (`openai/clip-vit-base-patch32`). */
export const vitB32Config: ClipConfig = clipArchitectures['vit-b-32'] as ClipConfig;
