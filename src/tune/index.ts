export {
  tuneWeights,
  type TuneOptions,
  type TuneResult,
  type TuneTrial,
  type Objective,
  type Weights,
} from './tune.js';
export { TUNE_DEFAULTS } from './defaults.js';
