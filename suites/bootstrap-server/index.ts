// Every case that tests a bootstrap server.
import { bootstrapPack } from './bootstrap-pack.ts';
import bss001 from './lwm2mc-bss-001-provisioning.ts';
import bss002 from './lwm2mc-bss-002-unknown-endpoint.ts';

export const bootstrapServerCases = [bss001, bss002, bootstrapPack];
