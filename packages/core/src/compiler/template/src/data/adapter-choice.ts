import type { AdapterChoice } from './adapter';

// The apps origin serves this file as is; an exported project is written with a local choice instead.
export const adapterChoice: AdapterChoice = { kind: 'host' };
