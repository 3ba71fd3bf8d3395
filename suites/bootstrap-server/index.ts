// Every case that tests a bootstrap server.
import { bootstrapPack } from './bootstrap-pack.ts';
import { provisioning, unknownEndpoint } from './provisioning.ts';

export const bootstrapServerCases = [provisioning, unknownEndpoint, bootstrapPack];
