export { createEngine, type Engine, type EngineOptions } from './engine.js';
export * from './types.js';
