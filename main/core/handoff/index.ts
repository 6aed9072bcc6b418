/**
 * Handing credentials to tools: environment variables, shell snippets, KooCLI arguments (pure), and
 * the writers that keep keys in other tools' configuration files (opt-in, per profile).
 */
export { envFor, envRecord, HANDOFF_VARIABLE_NAMES, SECRET_VARIABLE_NAMES } from './env-vars';
export type { EnvVar, EnvVars, HandoffVariableName } from './env-vars';
export { credentialsJson, isSnippetFormat, SHELL_FORMATS, snippet, SNIPPET_FORMATS, unsetSnippet } from './snippets';
export type { CredentialsJson, ShellFormat, SnippetFormat, SnippetOptions } from './snippets';
export { koocliArgs, koocliArgsLine } from './koocli-args';
export * from './tool-files/index';
