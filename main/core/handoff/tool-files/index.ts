/**
 * The tool-file writers, built from one injected context. The broker calls `write` on every refresh
 * of a profile that opted in to a tool, and `clean` when the session stops.
 */
import { KoocliConfigWriter } from './koocli-config';
import { obsutilConfigWriter } from './obsutil-config';
import { sdkCredentialsFileWriter } from './sdk-credentials-file';
import type { ToolFileContext, ToolFileId, ToolFileWriter } from './types';

export function createToolFileWriters(ctx: ToolFileContext): Record<ToolFileId, ToolFileWriter> {
  return {
    'sdk-credentials': sdkCredentialsFileWriter(ctx),
    koocli: new KoocliConfigWriter(ctx),
    obsutil: obsutilConfigWriter(ctx),
  };
}

export { KoocliConfigWriter, koocliConfigPath, koocliEntry, koocliProfileName } from './koocli-config';
export { obsEndpointFor, obsutilConfigPath, obsutilConfigWriter } from './obsutil-config';
export { sdkCredentialsFileWriter, sdkCredentialsPath } from './sdk-credentials-file';
export type { ToolFileCleanResult, ToolFileContext, ToolFileId, ToolFileWriteResult, ToolFileWriter } from './types';
