/**
 * stroop as a library: the stable, typed surface. Everything else under src/ is internal and may
 * change between versions; the `stroop` CLI is a front door over these same functions.
 *
 * - Suites: {@link loadSuite}, then {@link auditSuite} (run + reports + gates) or {@link searchSuite}.
 * - Models: {@link openModel} (an engine that embeds), {@link openZeroShotClassifier} (classes in, predictions out).
 * - Datasets and protocols: {@link openDataset}, {@link openHubDataset} (a Hugging Face Parquet
 *   dataset, extracted once), and the benchmark protocols of {@link protocolOf}.
 * - Attacks: {@link renderAttack}, the fast-check arbitrary {@link attackSpecArb}, and the property
 *   {@link topOneSurvivesAttacks} to run in your own test runner.
 * - Results: the types and schemas of `results.jsonl` and `summary.json`.
 */

// Suites and audits
export { loadSuite, parseSuite } from './suite/loadSuite.js';
export type { Suite, SuiteAttack, SuiteDataset, SuiteGates, SuiteModel, SuitePrompts, SuiteThresholds } from './suite/suite.js';
export { suiteJsonSchema } from './suite/suiteJsonSchema.js';
export {
  auditSuite,
  prepareAudit,
  runPreparedAudit,
  runFailureOf,
  ensureSuiteDatasets,
  type AuditSuiteOptions,
  type AuditedSuite,
  type PreparedAudit,
} from './audit/auditSuite.js';
export { searchSuite, runSearchPlan, type SearchSuiteOptions, type SearchedSuite } from './audit/searchSuite.js';
export { exportAttacks, type ExportAttacksOptions, type ExportedAttacks, type ExportProgress } from './audit/exportAttacks.js';
export type { RunProgress, RunResult } from './run/runSuite.js';
export type { SearchRunResult } from './search/runSearch.js';

// Models and zero-shot classification
export { openModel, type ModelArgs, type OpenModel } from './engines/openModel.js';
export type { Device, Dtype, EmbeddingEngine } from './engines/embeddingEngine.js';
export { loadModel, loadModelTokenizer } from './families/loadModel.js';
export type { LoadedModel, ModelConfig } from './families/modelFamily.js';
export {
  openZeroShotClassifier,
  topOneSurvivesAttacks,
  type SurvivalCase,
  type ZeroShotClassifier,
  type ZeroShotClassifierOptions,
} from './audit/zeroShotClassifier.js';
export { buildClassEmbeddings, expandPrompts } from './zeroshot/classEmbeddings.js';
export { classifyZeroShot, zeroShotLogits, type EmbeddingMatrix, type Prediction, type RankedClass } from './zeroshot/zeroShotClassification.js';
export { probabilitiesOf, type ScoringKind, type ScoringRule } from './zeroshot/scoringRule.js';
export { protocolNames, protocolOf, rankCandidates, type Protocol, type ProtocolName, type PromptEnsemble } from './zeroshot/protocols.js';

// Datasets
export { openDataset } from './datasets/openDataset.js';
export type { Dataset, DatasetSpec, Sample } from './datasets/dataset.js';
export { openHubDataset, type HubDataset, type OpenHubDatasetOptions } from './datasets/hub/openHubDataset.js';

// Images and attacks
export { readImageFile, decodeImage, type DecodeOptions } from './image/decodeImage.js';
export type { DecodedImage } from './image/decodedImage.js';
export { toRgba } from './image/convertImage.js';
export type { RgbaImage } from './image/rgbaImage.js';
export { renderAttack, type RenderOutcome, type RenderedAttack, type UnrenderableAttack } from './attacks/render/renderAttack.js';
/** Call before your own code creates a node-canvas canvas in a process that renders attacks: fontconfig reads its configuration once, at the first canvas. */
export { useBundledFontconfig } from './util/bundledFontconfig.js';
export { parseAttackSpec, attackSpecSchema, type AttackSpec } from './attacks/attackSpec.js';
export { attackSpecArb, sampleAttackSpecs, replayAttackSpec, type AttackConstraintsInput } from './attacks/attackSpecArb.js';

// Results: what runs and searches write, and what later stages read
export { outcomeSchema, type Outcome, type ScoredOutcome, type ErrorOutcome, type UnrenderableOutcome } from './results/outcome.js';
export { readResultLog } from './results/resultLog.js';
export { summarySchema, type RunSummary } from './reports/runSummary.js';
export type { RunMetrics, ModelMetrics, AttackMetrics } from './metrics/runMetrics.js';
export { compareTypes, type TypeComparison, type TypeAccuracy, type TypePair } from './metrics/typeComparison.js';
export type { GateResult } from './gates/gates.js';
export type { SearchRecord } from './results/searchRecord.js';
export type { SearchSummary } from './search/summarizeSearch.js';

// Errors: every error stroop throws on purpose is a StroopError
export {
  StroopError,
  UsageError,
  OutputLockedError,
  ConfigError,
  SuiteError,
  ModelLoadError,
  ImageError,
  EngineError,
  AttackError,
  DatasetError,
  HubError,
  RunError,
  MetricsError,
  type SuiteIssue,
} from './errors/errors.js';
