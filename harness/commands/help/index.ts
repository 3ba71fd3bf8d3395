// Every command's help, in the order the command list and README show them.
import { bootstrapServeHelp } from './bootstrap-serve.ts';
import { checkProfileHelp } from './check-profile.ts';
import type { CommandHelp } from './command-help.ts';
import { decodeHelp } from './decode.ts';
import { deviceHelp } from './device.ts';
import { encodeHelp } from './encode.ts';
import { fleetHelp } from './fleet.ts';
import { listHelp } from './list.ts';
import { matrixHelp } from './matrix.ts';
import { mergeReportsHelp } from './merge-reports.ts';
import { runHelp } from './run.ts';
import { serveHelp } from './serve.ts';

export const commandHelps: readonly CommandHelp[] = [runHelp, listHelp, mergeReportsHelp, matrixHelp, checkProfileHelp, serveHelp, bootstrapServeHelp, deviceHelp, decodeHelp, encodeHelp, fleetHelp];
