import type { RunModel } from './openRunModel.js';
import type { ModelProvenance } from './runManifest.js';
import type { PlannedModel } from './runPlan.js';

/** What a run or search records about a model it opened: as planned, the files it loaded, and the engine that embeds it. */
export function modelProvenance(planned: PlannedModel, opened: RunModel): ModelProvenance {
  const { model, engine, files } = opened;
  return {
    id: planned.id,
    ref: planned.ref,
    dir: model.dir,
    files,
    engine: engine.engine,
    backend: engine.backend,
    dtype: planned.dtype,
    logitScale: engine.scoring.logitScale,
    family: model.config.family,
    scoring: engine.scoring,
    preprocessor: model.preprocessor,
  };
}
