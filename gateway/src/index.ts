export { createHub, type Hub } from './hub';
export { composeSupergraph } from './compose';
export { startGateway } from './gateway';
