/**
 * Groups the scan's Terraform files by folder (one folder is one module) and
 * parses a folder the first time it is needed.
 */
import { posix } from 'node:path';
import { IacParseError } from '../tree.js';
import { parseTerraform, type TerraformFile } from './hcl-parser.js';
import { compareText } from './values.js';

/** The parsed files of one module folder. */
export interface ModuleFolder {
  /** Folder relative to the scan root, `/`-separated; `.` for the scan root. */
  folder: string;
  /** `.tf` files in path order. */
  files: TerraformFile[];
  /** Variable files in the order Terraform applies them: `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars(.json)` by name. */
  variableFiles: TerraformFile[];
}

interface SourceFile {
  path: string;
  text: string;
}

/** Returns the folder of a relative path, `.` for files at the scan root. */
export function folderOf(path: string): string {
  return posix.dirname(path);
}

/** Normalises a relative folder: `''`, `./` and `.` all become `.`, trailing slashes go. */
export function normaliseFolder(folder: string): string {
  const normalised = posix.normalize(folder === '' ? '.' : folder);
  return normalised.length > 1 && normalised.endsWith('/') ? normalised.slice(0, -1) : normalised;
}

export class ModuleLibrary {
  private readonly sources = new Map<string, SourceFile[]>();
  private readonly parsed = new Map<string, Promise<ModuleFolder | undefined>>();

  constructor(
    files: ReadonlyArray<SourceFile>,
    private readonly warn: (message: string) => void,
    /** Receives files that could not be parsed, whole or in part; defaults to `warn`. */
    private readonly fail: (path: string, message: string) => void = (path, message) => warn(`${path}: ${message}`),
  ) {
    for (const file of files) {
      if (file.path.endsWith('.tf.json')) {
        warn(`${file.path}: Terraform JSON configuration is not read yet; its resources are not scanned`);
        continue;
      }
      if (!file.path.endsWith('.tf') && kindOfVariableFile(file.path) === undefined) continue;
      const folder = normaliseFolder(folderOf(file.path));
      const list = this.sources.get(folder) ?? [];
      list.push(file);
      this.sources.set(folder, list);
    }
  }

  /** True when the scan passed at least one `.tf` file in `folder`. */
  hasModule(folder: string): boolean {
    return this.sources.get(folder)?.some((file) => file.path.endsWith('.tf')) ?? false;
  }

  /** Parses the files of `folder` once; undefined when it has no `.tf` file. */
  folder(folder: string): Promise<ModuleFolder | undefined> {
    let result = this.parsed.get(folder);
    if (result === undefined) {
      result = this.hasModule(folder) ? this.parse(folder, this.sources.get(folder) ?? []) : Promise.resolve(undefined);
      this.parsed.set(folder, result);
    }
    return result;
  }

  private async parse(folder: string, sources: SourceFile[]): Promise<ModuleFolder> {
    const files: TerraformFile[] = [];
    const variableFiles: Array<{ rank: number; file: TerraformFile }> = [];
    const sorted = [...sources].sort((a, b) => compareText(a.path, b.path));
    for (const source of sorted) {
      const file = await this.parseFile(source);
      if (file === undefined) continue;
      const rank = kindOfVariableFile(source.path);
      if (rank === undefined) files.push(file);
      else variableFiles.push({ rank, file });
    }
    // A stable sort keeps the name order within each rank.
    variableFiles.sort((a, b) => a.rank - b.rank);
    return { folder, files, variableFiles: variableFiles.map((entry) => entry.file) };
  }

  private async parseFile(source: SourceFile): Promise<TerraformFile | undefined> {
    try {
      const file = await parseTerraform(source.path, source.text);
      // A syntax error hides what follows it in the file, so it is an error of the scan, not a note.
      for (const error of file.errors) this.fail(source.path, `line ${error.line}: ${error.message}`);
      return file;
    } catch (error) {
      if (!(error instanceof IacParseError)) throw error;
      this.fail(source.path, error.message.startsWith(`${source.path}: `) ? error.message.slice(source.path.length + 2) : error.message);
      return undefined;
    }
  }
}

/** Rank of a variable file in Terraform's loading order, or undefined for other files. */
function kindOfVariableFile(path: string): number | undefined {
  const name = posix.basename(path);
  if (name === 'terraform.tfvars') return 0;
  if (name === 'terraform.tfvars.json') return 1;
  if (name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json')) return 2;
  return undefined;
}
