import 'reflect-metadata';

export * from './config';
export * from './context';
export * from './database';
export * from './errors';
export * from './federation';
export * from './http';
export * from './loaders';
export * from './log';
export * from './partial-date';
export * from './party';
export * from './provenance';
export * from './reference-data';
export * from './subgraph';
export * from './organisation';
export * from './embedded-postgres';
export * from './depth-limit';
