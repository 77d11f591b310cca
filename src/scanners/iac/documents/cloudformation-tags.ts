/**
 * The short-form intrinsic function tags of CloudFormation YAML templates.
 * A value under one of them is known only at deploy time, so the loader
 * keeps it as an expression node. The long forms (`Ref:`, `Fn::GetAtt:`)
 * are ordinary maps and stay maps.
 */
export const CLOUDFORMATION_TAGS: ReadonlySet<string> = new Set([
  '!Ref',
  '!Sub',
  '!GetAtt',
  '!Join',
  '!If',
  '!Equals',
  '!Not',
  '!And',
  '!Or',
  '!FindInMap',
  '!Select',
  '!Split',
  '!Base64',
  '!Cidr',
  '!ImportValue',
  '!GetAZs',
  '!Condition',
  '!Transform',
]);
