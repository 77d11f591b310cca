/**
 * Package content analysis for the supply-chain stage: install hooks and
 * suspicious code in npm tarballs, sdists and wheels, read in memory and
 * never executed.
 */
export { analyseArchive } from './analyse-archive.js';
export { analyseInstallScripts, INSTALL_HOOK_NAMES } from './install-scripts.js';
export { CONTENT_RULES, type ContentRule } from './rules.js';
export { DEFAULT_LIMITS, type ArchiveOptions } from './limits.js';
