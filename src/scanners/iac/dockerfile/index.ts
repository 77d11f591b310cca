/** Dockerfile parsing for the iac scanner's Dockerfile rules. */
export { parseDockerfile } from './parse.js';
export { effectiveUser, envPairs, type EnvPair } from './queries.js';
export { shellCommands, type ShellCommand, type ShellSeparator } from './shell.js';
export { spanOf } from './positions.js';
export type {
  Dockerfile,
  EscapeCharacter,
  Heredoc,
  ImageReference,
  Instruction,
  ParseWarning,
  Segment,
  Stage,
} from './types.js';
