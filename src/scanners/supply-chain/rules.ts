/**
 * What each supply-chain signal means as a rule: title, confidence, CWE,
 * remediation and references. Content rules (what archive inspection
 * finds) share one entry and keep their own id.
 */
import type { Confidence } from '../../core/finding.js';
import type { SignalId } from './types.js';

export interface SignalRule {
  title: string;
  confidence: Confidence;
  cwe: string[];
  remediation: string;
  references: string[];
}

const SLOPSQUATTING = 'https://owasp.org/www-project-top-10-for-large-language-model-applications/';
const OSSF_MALWARE = 'https://github.com/ossf/malicious-packages';
const NPM_SCRIPTS = 'https://docs.npmjs.com/cli/using-npm/scripts';

export const SIGNAL_RULES: Record<SignalId, SignalRule> = {
  'not-found': {
    title: 'Package not on the registry',
    confidence: 'high',
    cwe: ['CWE-1357'],
    remediation:
      'check the name against the project it should come from; if it was suggested by a code assistant, find the real package, ' +
      'and never publish or install a look-alike to make the error go away',
    references: [SLOPSQUATTING],
  },
  'undeclared-import': {
    title: 'Imported package that no manifest declares and the registry does not have',
    confidence: 'medium',
    cwe: ['CWE-1357'],
    remediation:
      'find the real package that provides this module and declare it, or remove the import; ' +
      'do not install a package of this name without checking who published it',
    references: [SLOPSQUATTING],
  },
  malicious: {
    title: 'Known malicious package',
    confidence: 'high',
    cwe: ['CWE-506'],
    remediation:
      'remove the package at once, treat every machine that installed it as compromised, and rotate the credentials it could read',
    references: [OSSF_MALWARE],
  },
  placeholder: {
    title: 'Package taken down by the registry',
    confidence: 'high',
    cwe: ['CWE-506'],
    remediation:
      'remove the package; a security placeholder means the registry removed malware published under this name, ' +
      'so check machines that installed an earlier version',
    references: ['https://docs.npmjs.com/policies/security'],
  },
  quarantined: {
    title: 'Package quarantined by the index',
    confidence: 'high',
    cwe: ['CWE-506'],
    remediation: 'remove the package and check machines that installed it',
    references: ['https://packaging.python.org/en/latest/specifications/project-status-markers/'],
  },
  typosquat: {
    title: 'Name imitates a popular package',
    confidence: 'medium',
    cwe: ['CWE-1357'],
    remediation:
      'use the popular package the name imitates unless this one is really meant; ' +
      'add intended internal names to supply-chain.allow in rampart.yaml',
    references: ['https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse'],
  },
  'new-package': {
    title: 'Newly published package',
    confidence: 'medium',
    cwe: ['CWE-1357'],
    remediation: 'wait until the package has a history, or review its code and publisher before depending on it',
    references: [],
  },
  'new-version': {
    title: 'Newly published version',
    confidence: 'low',
    cwe: ['CWE-1357'],
    remediation: 'pin the previous version until this release has been out for a few days, or review what changed',
    references: [],
  },
  'few-versions': {
    title: 'Package with very few versions',
    confidence: 'low',
    cwe: ['CWE-1357'],
    remediation: 'check who publishes the package and whether a better established one does the same job',
    references: [],
  },
  'maintainer-change': {
    title: 'Version published by a new maintainer',
    confidence: 'medium',
    cwe: ['CWE-1357'],
    remediation: 'review the release and confirm the new maintainer with the project before upgrading to it',
    references: [],
  },
  deprecated: {
    title: 'Deprecated or yanked package version',
    confidence: 'high',
    cwe: ['CWE-1104'],
    remediation: 'move to the version or package the deprecation message names',
    references: [],
  },
  'out-of-order': {
    title: 'Version published out of the usual order',
    confidence: 'low',
    cwe: ['CWE-1357'],
    remediation: 'compare the release with the project repository before using it; pin a version from the regular series',
    references: ['https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse'],
  },
  'install-script': {
    title: 'Package runs code at install time',
    confidence: 'high',
    cwe: ['CWE-829'],
    remediation:
      'review the script; install with scripts turned off (npm --ignore-scripts, pip --only-binary :all:) ' +
      'or allow only the packages that need them',
    references: [NPM_SCRIPTS],
  },
  content: {
    title: 'Suspicious code in the package',
    confidence: 'medium',
    cwe: ['CWE-506'],
    remediation: 'read the flagged file; do not install the package until the code is explained',
    references: [OSSF_MALWARE],
  },
  unknown: {
    title: 'Registry checks could not run',
    confidence: 'low',
    cwe: [],
    remediation: 'run again with network access to the registry, or with a registry mirror in .npmrc or pip.conf',
    references: [],
  },
};
