export {
  trainLinearModel,
  type TrainingExample,
  type TrainOptions,
  type LinearModel,
} from './train.js';
export { learnedStrategy, saveLinearModel, loadLinearModel } from './learned-strategy.js';
export { LEARN_DEFAULTS } from './defaults.js';
