export * from './audit';
export * from './auth';
export * from './billing';
export * from './documents';
export * from './events';
export * from './orders';
export * from './printers';
export * from './shops';
