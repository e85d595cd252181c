export { createEngine, type Engine, type EngineOptions } from './engine.js';
export type { PartnerChoice } from './lookup.js';
export * from './types.js';
