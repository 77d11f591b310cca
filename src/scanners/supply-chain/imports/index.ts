/** Public entry of the import analysis: imported modules, declared packages and the undeclared imports between them. */
export { importsOfJavaScript, isJavaScriptPath, type JavaScriptImport } from './js-imports.js';
export { importsOfPython, isPythonPath, type PythonImport } from './python-imports.js';
export { isNodeBuiltin, isValidNpmName, npmPackageOfSpecifier, typesPackageOf } from './npm-names.js';
export {
  distributionOfModule,
  isStandardLibraryModule,
  loadPythonNameTables,
  type DistributionMatch,
  type PythonNameTables,
} from './python-names.js';
export { declaredPackages, isRequirementsPath, normaliseDeclaredName } from './declared.js';
export { buildLocalModules, findUndeclaredImports, type LocalModules, type UndeclaredImportOptions } from './undeclared.js';
