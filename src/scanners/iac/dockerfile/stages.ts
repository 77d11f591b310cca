import { parseImageReference } from './image-reference.js';
import { envPairs } from './queries.js';
import { substituteVariables } from './substitute.js';
import { splitWords } from './words.js';
import type { EscapeCharacter, ImageReference, Instruction, ParseWarning, Stage } from './types.js';

/**
 * Groups instructions into stages and resolves each FROM reference with the
 * ARG defaults declared before the first FROM.
 */
/** Longest ARG default kept for substitution into FROM lines; real ones are image names and versions. */
const MAX_ARG_VALUE = 64 * 1024;

export class StageBuilder {
  readonly stages: Stage[] = [];
  private readonly globalArgs = new Map<string, string>();
  private readonly stageNames = new Map<string, number>();

  constructor(
    private readonly escape: EscapeCharacter,
    private readonly warnings: ParseWarning[],
  ) {}

  get currentIndex(): number {
    return this.stages.length - 1;
  }

  /** Records an ARG default before the first FROM, or adds `instruction` to the current stage. */
  add(instruction: Instruction): void {
    if (instruction.keyword === 'FROM') {
      this.startStage(instruction);
      return;
    }
    const stage = this.stages[this.stages.length - 1];
    if (stage === undefined) {
      if (instruction.keyword === 'ARG') this.declareGlobal(instruction);
      else this.warn(instruction, `${instruction.keyword} before the first FROM; only ARG may come first`);
      return;
    }
    stage.instructions.push(instruction);
    stage.span = { ...stage.span, endLine: instruction.span.endLine, endColumn: instruction.span.endColumn };
  }

  private declareGlobal(instruction: Instruction): void {
    for (const pair of envPairs(instruction)) {
      const value = pair.value === undefined ? undefined : substituteVariables(pair.value, this.globalArgs, this.escape).value;
      // ARG A2=${A1}${A1} doubles at each line; a value past the cap is treated as unset (unresolved).
      if (value === undefined || value.length > MAX_ARG_VALUE) this.globalArgs.delete(pair.key);
      else this.globalArgs.set(pair.key, value);
    }
  }

  private startStage(instruction: Instruction): void {
    const index = this.stages.length;
    const words = splitWords(instruction.operands, this.escape, 4);
    const written = instruction.operands.slice(words[0]?.start ?? 0, words[0]?.end ?? 0);
    if (words.length === 0) this.warn(instruction, 'FROM has no image reference');
    const hasAlias = words.length === 3 && words[1]?.value.toLowerCase() === 'as';
    if (words.length > 1 && !hasAlias) this.warn(instruction, 'FROM expects "image [AS name]"');
    const reference = this.resolveReference(written, instruction);
    const stage: Stage = {
      index,
      image: imageName(reference),
      reference,
      span: instruction.span,
      instructions: [instruction],
    };
    const name = hasAlias ? words[2]?.value.toLowerCase() : undefined;
    if (name !== undefined) {
      stage.name = name;
      if (this.stageNames.has(name)) this.warn(instruction, `duplicate stage name "${name}"`);
      else this.stageNames.set(name, index);
    }
    if (reference.tag !== undefined) stage.tag = reference.tag;
    if (reference.digest !== undefined) stage.digest = reference.digest;
    const platform = instruction.flags.platform?.[0];
    if (platform !== undefined) stage.platform = platform;
    this.stages.push(stage);
  }

  private resolveReference(written: string, instruction: Instruction): ImageReference {
    const substitution = substituteVariables(written, this.globalArgs, this.escape);
    const resolved = substitution.value;
    const parts = parseImageReference(resolved);
    const unresolved = substitution.unresolved;
    const reference: ImageReference = {
      written,
      resolved,
      kind: 'image',
      name: parts.name,
      unresolvedVariables: unresolved,
      substitutedVariables: substitution.substituted,
      pinned: false,
    };
    for (const key of ['registry', 'namespace', 'tag', 'digest'] as const) {
      if (parts[key] !== undefined) reference[key] = parts[key];
    }
    const stageIndex = this.stageNames.get(resolved.toLowerCase());
    if (unresolved.length > 0) reference.kind = 'unresolved';
    else if (resolved.toLowerCase() === 'scratch') reference.kind = 'scratch';
    else if (stageIndex !== undefined) {
      reference.kind = 'stage';
      reference.stageIndex = stageIndex;
    } else if (written !== '') {
      for (const problem of parts.problems) this.warn(instruction, `image reference "${resolved}": ${problem}`);
    }
    reference.pinned = reference.kind === 'image' && reference.digest !== undefined && parts.problems.length === 0;
    return reference;
  }

  private warn(instruction: Instruction, message: string): void {
    this.warnings.push({ line: instruction.span.startLine, message });
  }
}

function imageName(reference: ImageReference): string {
  if (reference.kind === 'scratch' || reference.kind === 'stage') return reference.resolved.toLowerCase();
  return [reference.registry, reference.namespace, reference.name].filter((part) => part !== undefined).join('/');
}
