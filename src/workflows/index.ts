export { caseWorkflow } from './caseWorkflow';
export { productionBatchWorkflow } from './productionBatchWorkflow';
