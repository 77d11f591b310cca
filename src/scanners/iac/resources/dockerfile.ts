/**
 * Turns a parsed Dockerfile into resources that data rules can read: one
 * resource of type `stage` per build stage, whose body lists the base
 * image, the effective user, the instructions with their shell commands,
 * and the ENV and ARG pairs, each node at its exact place in the file.
 */
import { effectiveUser, envPairs, shellCommands } from '../dockerfile/index.js';
import type { Dockerfile, Instruction, Stage } from '../dockerfile/types.js';
import type { IacResource } from '../resource.js';
import type { MapEntry, Scalar, Span, TreeNode } from '../tree.js';

function scalar(value: Scalar, span: Span): TreeNode {
  return { kind: 'scalar', span, value };
}

function entry(key: string, value: TreeNode): MapEntry {
  return { key, keySpan: value.span, value };
}

function map(span: Span, entries: Array<MapEntry | undefined>): TreeNode {
  return { kind: 'map', span, entries: entries.filter((item): item is MapEntry => item !== undefined) };
}

function optional(key: string, value: Scalar | undefined, span: Span): MapEntry | undefined {
  return value === undefined ? undefined : entry(key, scalar(value, span));
}

function pairsOf(instruction: Instruction): TreeNode[] {
  return envPairs(instruction).map((pair) =>
    map(pair.span, [entry('key', scalar(pair.key, pair.span)), optional('value', pair.value, pair.span)]),
  );
}

function instructionNode(instruction: Instruction): TreeNode {
  const span = instruction.span;
  const flags = map(
    span,
    Object.entries(instruction.flags).map(([name, values]) => entry(name, scalar(values[values.length - 1] ?? '', span))),
  );
  const commands = instruction.form !== undefined
    ? shellCommands(instruction).map((command) =>
        map(command.span, [
          entry('text', scalar(command.tokens.join(' '), command.span)),
          entry('program', scalar(basenameOf(command.tokens[0] ?? ''), command.span)),
          entry('tokens', { kind: 'list', span: command.span, items: command.tokens.map((token) => scalar(token, command.span)) }),
          optional('separator', command.separator, command.span),
        ]),
      )
    : [];
  return map(span, [
    entry('keyword', scalar(instruction.keyword, span)),
    entry('arguments', scalar(instruction.arguments, span)),
    entry('operands', scalar(instruction.operands, span)),
    entry('flags', flags),
    optional('form', instruction.form, span),
    entry('commands', { kind: 'list', span, items: commands }),
  ]);
}

function basenameOf(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}

function stageBody(stage: Stage, file: Dockerfile, final: boolean): TreeNode {
  const from = stage.instructions[0];
  const fromSpan = from?.span ?? stage.span;
  const reference = stage.reference;
  const fromNode = map(fromSpan, [
    entry('written', scalar(reference.written, fromSpan)),
    entry('image', scalar(stage.image, fromSpan)),
    entry('kind', scalar(reference.kind, fromSpan)),
    optional('tag', stage.tag, fromSpan),
    optional('digest', stage.digest, fromSpan),
    optional('platform', stage.platform, fromSpan),
    optional('registry', reference.registry, fromSpan),
    entry('pinned', scalar(reference.pinned, fromSpan)),
  ]);
  const user = effectiveUser(stage, file.stages);
  const userInstruction = lastUserInstruction(stage, file.stages);
  const instructions = stage.instructions.map(instructionNode);
  const env = stage.instructions.filter((item) => item.keyword === 'ENV').flatMap(pairsOf);
  const globalArgs = file.instructions.filter((item) => item.keyword === 'ARG' && item.stage === -1);
  const args = [...globalArgs, ...stage.instructions.filter((item) => item.keyword === 'ARG')].flatMap(pairsOf);
  const has = (keyword: string): boolean => stage.instructions.some((item) => item.keyword === keyword);
  return map(stage.span, [
    entry('final', scalar(final, fromSpan)),
    optional('name', stage.name, fromSpan),
    entry('from', fromNode),
    user === undefined || userInstruction === undefined ? undefined : entry('user', scalar(user, userInstruction.span)),
    entry('instructions', { kind: 'list', span: stage.span, items: instructions }),
    entry('env', { kind: 'list', span: stage.span, items: env }),
    entry('args', { kind: 'list', span: stage.span, items: args }),
    entry('healthcheck', scalar(has('HEALTHCHECK'), fromSpan)),
  ]);
}

function lastUserInstruction(stage: Stage, stages: readonly Stage[]): Instruction | undefined {
  let current: Stage | undefined = stage;
  while (current !== undefined) {
    const found = [...current.instructions].reverse().find((item) => item.keyword === 'USER');
    if (found !== undefined) return found;
    const parent: number | undefined = current.reference.stageIndex;
    current = parent !== undefined && parent < current.index ? stages[parent] : undefined;
  }
  return undefined;
}

/** Builds one `stage` resource per build stage; the last stage has `final: true`. */
export function dockerfileResources(file: Dockerfile): IacResource[] {
  return file.stages.map((stage, index) => ({
    format: 'dockerfile',
    type: 'stage',
    address: `${file.path}#${stage.name ?? `stage${index}`}`,
    path: file.path,
    span: stage.span,
    body: stageBody(stage, file, index === file.stages.length - 1),
    ...(index === 0 ? { context: { startLine: 1, endLine: stage.span.endLine } } : {}),
  }));
}
