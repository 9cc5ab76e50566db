export * from './audit';
export * from './auth';
export * from './events';
export * from './printers';
export * from './shops';
