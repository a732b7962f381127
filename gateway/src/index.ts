export { createHub, type Hub } from './hub';
export { startGateway } from './gateway';
