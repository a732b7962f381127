export { createHub, type Hub } from './hub';
export { startGateway } from './gateway';
export { EXPLORER_QUERY } from './explorer';
export { ListSizeStore } from './list-sizes';
