/**
 * The four matchers of the public API.
 *
 * @module
 */
export { createProductMatcher } from './product-matcher.js';
export { createEnterpriseIndex } from './enterprise-index.js';
export { createInvestorMatcher } from './investor-matcher.js';
export { createProjectIndex } from './project-index.js';
export { selectTopK } from '../../compile/select.js';
export { compileProspectFilter } from './prospect-filter.js';
