/**
 * The anomaly detector's public face, pure TypeScript with no AWS: settings, the streaming
 * detector and `evaluate`, the settling rule, the alert lifecycle and its notifications.
 */
export * from './detector.js';
export * from './errors.js';
export * from './lifecycle.js';
export * from './notification.js';
export * from './settings.js';
export * from './settling.js';
export * from './types.js';
