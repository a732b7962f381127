import type { Context } from '@hub/kit';
import type { Loaders } from './loaders';

export type EducationContext = Context<Loaders>;
