/**
 * Everything an assessment needs, opened once per scan or guard run: the
 * registry client with its cache, the malware records of the advisory
 * database, the popular-name indexes and the content inspector.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { effectiveSeverity, matchesRulePattern } from '../../core/config.js';
import type { RampartConfig } from '../../core/config-types.js';
import { stripUrlCredentials } from '../../core/redact.js';
import { AdvisoryDatabase } from '../../store/advisory-db.js';
import { defaultAdvisoryDbPath, defaultCacheDir } from '../../store/cache-dir.js';
import type { OsvRecord } from '../deps/osv-types.js';
import type { AssessContext, InspectionPolicy } from './assess.js';
import { analyseArchive, analyseInstallScripts } from './content/analyse.js';
import { RegistryCache } from './registry/cache.js';
import { createRegistryClient } from './registry/client.js';
import { resolveRegistries } from './registry/config.js';
import { loadPopularIndex, type PopularIndex } from './typosquat.js';
import type { SupplyEcosystem } from './types.js';

export const REGISTRY_CACHE_FILE = 'registry.sqlite';

export interface SessionOptions {
  config: RampartConfig;
  env: NodeJS.ProcessEnv;
  /** The scanned project, whose own .npmrc and pip.conf are compared with the registry in use. */
  projectRoot?: string;
  cwd: string;
  inspection: InspectionPolicy;
  /** Query the registry even when the cache has a record (guard, right before an install). */
  preferNetwork?: boolean;
  /** Apply `rules.disable` and `rules.severity` to signals (guard; a scan applies them to findings). */
  applyRuleSettings?: boolean;
  now?: Date;
  home?: string;
}

export interface Session {
  context: AssessContext;
  /** Conditions the user should know about: a project .npmrc naming another registry, no advisory database. */
  warnings: string[];
  close(): void;
}

/** Open the registry client, cache and advisory database for one run. */
export function openSession(options: SessionOptions): Session {
  const { config } = options;
  const settings = config.supplyChain;
  const warnings: string[] = [];
  const registrySettings = resolveRegistries({
    env: options.env,
    home: options.home ?? options.env.HOME ?? homedir(),
    ...(options.projectRoot ? { projectRoot: options.projectRoot } : {}),
    ...(settings.npmRegistry ? { npmRegistry: settings.npmRegistry } : {}),
    ...(settings.pypiIndex ? { pypiIndex: settings.pypiIndex } : {}),
    ...(settings.pypiExtraIndexes ? { pypiExtraIndexes: settings.pypiExtraIndexes } : {}),
  });
  warnings.push(...registrySettings.warnings);
  const cachePath = settings.cache ?? join(defaultCacheDir(options.env), REGISTRY_CACHE_FILE);
  const cache = new RegistryCache(cachePath, { presentTtlMs: settings.cacheHours * 60 * 60 * 1000 });
  const registry = createRegistryClient({
    settings: registrySettings,
    cache,
    offline: config.deps.offline,
    preferNetwork: options.preferNetwork === true,
    rememberAnswers: true,
  });
  const records = malwareRecords(config.deps.db ?? defaultAdvisoryDbPath(options.env));
  const popular = new Map<SupplyEcosystem, PopularIndex>();
  const context: AssessContext = {
    settings,
    thresholds: {
      newPackageDays: settings.newPackageDays,
      newVersionDays: settings.newVersionDays,
      minVersions: settings.minVersions,
      now: options.now ?? new Date(),
    },
    popular: (ecosystem) => {
      let index = popular.get(ecosystem);
      if (!index) {
        index = loadPopularIndex(ecosystem);
        popular.set(ecosystem, index);
      }
      return index;
    },
    records: records.lookup,
    registry,
    inspector: { scripts: analyseInstallScripts, archive: analyseArchive },
    inspection: options.inspection,
  };
  if (options.applyRuleSettings) {
    context.rules = {
      disabled: (ruleId) => config.disabledRules.some((pattern) => matchesRulePattern(pattern, ruleId)),
      severity: (ruleId, severity) => effectiveSeverity(config, ruleId, severity),
    };
  }
  return {
    context,
    warnings,
    close: () => {
      registry.close();
      cache.close();
      records.close();
    },
  };
}

/**
 * OSV records by package from the advisory database, opened read-only on
 * first use; an `undefined` result means there is no usable database.
 */
function malwareRecords(path: string): {
  lookup: (ecosystem: SupplyEcosystem, name: string) => Promise<OsvRecord[] | undefined>;
  close: () => void;
} {
  let db: AdvisoryDatabase | undefined;
  let failed = false;
  return {
    lookup: async (ecosystem, name) => {
      if (failed) return undefined;
      try {
        if (!db) {
          if (!existsSync(path)) throw new Error(`no advisory database at ${stripUrlCredentials(path)}`);
          db = AdvisoryDatabase.open(path, { readonly: true });
        }
        return db.lookup(ecosystem, [name]).get(name) ?? [];
      } catch {
        failed = true;
        return undefined;
      }
    },
    close: () => db?.close(),
  };
}
