/** Builtin checks of the Dockerfile rules (see index.ts); names start with `dockerfile-`. */
import type { Builtin, Outcome } from '../evaluate.js';
import type { TreeNode } from '../../tree.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const DOWNLOADERS = new Set(['curl', 'wget']);

function field(node: TreeNode, key: string): TreeNode | undefined {
  return node.kind === 'map' ? node.entries.find((entry) => entry.key === key)?.value : undefined;
}

function text(node: TreeNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * `dockerfile-pipe-to-shell`: no RUN pipes a download (curl, wget) into a
 * shell, which runs whatever the server sends at build time.
 */
const pipeToShell: Builtin = (stage) => {
  const instructions = field(stage, 'instructions');
  if (instructions?.kind !== 'list') return { result: 'pass' };
  for (const instruction of instructions.items) {
    if (text(field(instruction, 'keyword')) !== 'RUN') continue;
    const commands = field(instruction, 'commands');
    if (commands?.kind !== 'list') continue;
    for (let i = 0; i + 1 < commands.items.length; i++) {
      const current = commands.items[i] as TreeNode;
      const next = commands.items[i + 1] as TreeNode;
      if (text(field(current, 'separator')) !== '|') continue;
      const downloader = text(field(current, 'program')) ?? '';
      const runner = text(field(next, 'program')) ?? '';
      const sudoShell = runner === 'sudo' && SHELLS.has(nextWord(next));
      if (DOWNLOADERS.has(downloader) && (SHELLS.has(runner) || sudoShell)) {
        const outcome: Outcome = { result: 'fail', span: instruction.span, seen: `\`${downloader} ... | ${runner}\` runs a downloaded script` };
        return outcome;
      }
    }
  }
  return { result: 'pass' };
};

function nextWord(command: TreeNode): string {
  const tokens = field(command, 'tokens');
  const second = tokens?.kind === 'list' ? tokens.items[1] : undefined;
  const word = text(second) ?? '';
  return word.slice(word.lastIndexOf('/') + 1);
}

export const DOCKERFILE_BUILTINS: Record<string, Builtin> = {
  'dockerfile-pipe-to-shell': pipeToShell,
};
