import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../src/core/config-types.js';
import type { Finding } from '../../../src/core/finding.js';
import { createSastScanner } from '../../../src/scanners/sast/index.js';
import { resolveSpecifier } from '../../../src/scanners/sast/taint/modules.js';

async function scanProject(files: Record<string, string>, workers = 0): Promise<Finding[]> {
  const scanner = createSastScanner(defaultConfig());
  const result = await scanner.scanProject!({
    config: defaultConfig(),
    root: '/nonexistent',
    showSecrets: false,
    files: Object.keys(files),
    readText: async (path) => files[path] as string,
    workers,
  });
  return result.findings.filter((finding) => finding.ruleId === 'sast/js-sql-injection');
}

function paths(findings: Finding[]): string[][] {
  return findings.map((finding) => (finding.flow ?? []).map((step) => `${step.path}:${step.startLine}: ${step.message}`));
}

const DB_CJS = 'const pool = require("./pool");\nexports.findUser = function (id) {\n  return pool.query("SELECT * FROM users WHERE id = " + id);\n};\nexports.safeFind = (id) => pool.query("SELECT * FROM users WHERE id = $1", [id]);\n';

describe('sast taint across files', () => {
  it('follows request data into a CommonJS export', async () => {
    const route = 'const db = require("./db");\napp.get("/u", (req, res) => {\n  db.findUser(req.query.id);\n  db.safeFind(req.query.id);\n});\n';
    const findings = await scanProject({ 'routes.js': route, 'db.js': DB_CJS, 'pool.js': 'module.exports = {};\n' });
    assert.deepEqual(paths(findings), [
      ['routes.js:3: source: req.query', 'routes.js:3: passed to db.findUser', 'db.js:2: parameter id', 'db.js:3: reaches the sink: "SELECT * FROM users WHERE id = " + id'],
    ]);
    assert.equal(findings[0]?.location.path, 'db.js');
    assert.ok(findings[0]?.tags?.includes('cross-file'));
  });

  it('follows ES imports through a helper that passes its parameter on', async () => {
    const files = {
      'src/routes.ts': 'import { lookup } from "./service.js";\nexport function handler(req: Request) {\n  return lookup(req.body.name);\n}\n',
      'src/service.ts': 'import * as repo from "./repo";\nimport { clean } from "./util";\nexport async function lookup(name: string) {\n  const trimmed = clean(name);\n  return repo.byName(trimmed);\n}\n',
      'src/util.ts': 'export const clean = (s: string) => s.trim();\n',
      'src/repo/index.ts': 'export function byName(n: string) {\n  return db.query(`SELECT * FROM t WHERE name = \'${n}\'`);\n}\n',
    };
    const findings = await scanProject(files);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.location.path, 'src/repo/index.ts');
    assert.deepEqual(paths(findings)[0]?.map((step) => step.split(':')[0]), ['src/routes.ts', 'src/routes.ts', 'src/service.ts', 'src/service.ts', 'src/service.ts', 'src/service.ts', 'src/service.ts', 'src/repo/index.ts', 'src/repo/index.ts']);
  });

  it('follows a source returned by an imported function', async () => {
    const files = {
      'input.js': 'export function term(req) {\n  return req.query.q;\n}\nexport function fixed() {\n  return "users";\n}\n',
      'search.js': 'import { term, fixed } from "./input.js";\nexport function search(req) {\n  db.query("SELECT " + term(req));\n  db.query("SELECT " + fixed());\n}\n',
    };
    const findings = await scanProject(files);
    assert.deepEqual(paths(findings), [['input.js:2: source: req.query', 'search.js:3: returned by term', 'search.js:3: reaches the sink: "SELECT " + term(req)']]);
  });

  it('keeps a call site clean when another passes tainted data', async () => {
    const files = {
      'util.js': 'exports.same = (value) => value;\nexports.toNumber = (value) => parseInt(value, 10);\n',
      'a.js': 'const util = require("./util");\napp.get("/a", (req, res) => {\n  util.same(req.query.a);\n  db.query("SELECT " + util.same("fixed"));\n  db.query("SELECT " + util.toNumber(req.query.b));\n});\n',
    };
    assert.deepEqual(await scanProject(files), []);
  });

  it('passes taint through a call into an unscanned file', async () => {
    const files = { 'a.js': 'const fmt = require("./generated/fmt");\napp.get("/a", (req, res) => {\n  db.query(fmt.sql(req.query.a));\n});\n' };
    const findings = await scanProject(files);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.location.startLine, 3);
  });

  it('reports a query wrapper once, at the call that builds the SQL', async () => {
    const files = {
      'db.js': 'const pool = require("./pool");\nasync function query(text, params) {\n  return (await pool.query(text, params)).rows;\n}\nmodule.exports = { query };\n',
      'route.js': 'const db = require("./db");\napp.get("/a", (req, res) => db.query("SELECT " + req.query.a));\n',
    };
    const findings = await scanProject(files);
    assert.deepEqual(findings.map((finding) => `${finding.location.path}:${finding.location.startLine}`), ['route.js:2']);
  });

  it('reports a sink once when two parameters reach it', async () => {
    const files = {
      'run.js': 'const { exec } = require("child_process");\nexports.convert = (input, format) => exec(`convert ${input} ${format}`);\n',
      'route.js': 'const { convert } = require("./run");\napp.get("/c", (req, res) => convert(req.query.file, req.query.format));\n',
    };
    const scanner = createSastScanner(defaultConfig());
    const result = await scanner.scanProject!({ config: defaultConfig(), root: '/nonexistent', showSecrets: false, files: Object.keys(files), readText: async (path) => files[path as keyof typeof files], workers: 0 });
    const injections = result.findings.filter((finding) => finding.ruleId === 'sast/js-command-injection');
    assert.equal(injections.length, 1);
    assert.equal(injections[0]?.location.path, 'run.js');
  });

  it('follows calls on an instance of an imported constructor', async () => {
    const files = {
      'dao.js': 'function UsersDAO(db) {\n  this.byName = (name) => db.query("SELECT * FROM u WHERE name = \'" + name + "\'");\n}\nmodule.exports.UsersDAO = UsersDAO;\n',
      'route.js': 'const UsersDAO = require("./dao").UsersDAO;\nconst dao = new UsersDAO(db);\napp.get("/u", (req, res) => dao.byName(req.query.name));\n',
    };
    const findings = await scanProject(files);
    assert.deepEqual(findings.map((finding) => `${finding.location.path}:${finding.location.startLine}`), ['dao.js:2']);
  });

  it('follows calls on an instance of an imported class', async () => {
    const files = {
      'repo.ts': 'export class Repo {\n  find(id: string) {\n    return db.query(`SELECT * FROM t WHERE id = ${id}`);\n  }\n  count() {\n    return 1;\n  }\n}\n',
      'route.ts': 'import { Repo } from "./repo.js";\nconst repo = new Repo();\nexport function handle(req: any) {\n  return repo.find(req.params.id);\n}\n',
    };
    const findings = await scanProject(files);
    assert.deepEqual(paths(findings), [['route.ts:4: source: req.params', 'route.ts:4: passed to repo.find', 'repo.ts:2: parameter id', 'repo.ts:3: reaches the sink: `SELECT * FROM t WHERE id = ${id}`']]);
  });

  it('keeps a constant call clean when the same helper gets request data', async () => {
    const helper = 'function ident(x) { return x; }\nfunction local(req, res) { res.json(ident(req.query.q)); }\nmodule.exports = { ident, local };\n';
    const sameFile = 'const db = require("pg");\nfunction ident(x) { return x; }\nfunction handler(req, res) {\n  const a = ident(req.query.q);\n  res.send(a);\n  db.query(ident("SELECT 1"));\n  db.query(ident(req.query.b));\n}\n';
    assert.deepEqual(await scanProject({ 'h.js': helper, 'app.js': 'const { ident } = require("./h");\ndb.query(ident("SELECT 1"));\n' }), []);
    assert.deepEqual(paths(await scanProject({ 'app.js': sameFile })), [['app.js:7: source: req.query', 'app.js:7: passed as parameter x', 'app.js:7: returned by ident', 'app.js:7: reaches the sink: ident(req.query.b)']]);
  });

  it('follows re-exports to the function', async () => {
    const sink = 'export function run(x) { db.query("DELETE " + x); }\n';
    const caller = (from: string) => `import { go } from "${from}";\nexport const handle = (req) => go(req.query.q);\n`;
    const cases: Array<Record<string, string>> = [
      { 'h.js': sink, 'index.js': 'export { run as go } from "./h.js";\n', 'app.js': caller('./index.js') },
      { 'h.js': sink.replace('run', 'go'), 'index.js': 'export * from "./h.js";\n', 'app.js': caller('./index.js') },
      { 'h.js': sink, 'index.js': 'import { run } from "./h.js";\nexport { run as go };\n', 'app.js': caller('./index.js') },
      { 'h.js': 'exports.go = (x) => db.query("DELETE " + x);\n', 'index.js': 'module.exports = require("./h");\n', 'app.js': 'const { go } = require(".");\napp.get("/", (req) => go(req.query.q));\n' },
      { 'h.js': sink, 'app.js': 'require("./h").run(req.query.q);\n' },
      { 'h.ts': sink, 'app.ts': 'import h = require("./h");\nexport function f(req: any) { h.run(req.query.q); }\n' },
      { 'lib/index.js': 'export default { go(x) { db.query("DELETE " + x); } };\n', 'app.js': 'import h from "./lib/";\nh.go(req.query.q);\n' },
    ];
    for (const files of cases) {
      const findings = await scanProject(files);
      assert.equal(findings.length, 1, JSON.stringify(files));
    }
  });

  it('follows calls on instances kept in class fields', async () => {
    const repo = 'export class UserRepo {\n  find(name: string) {\n    return db.query("SELECT * FROM users WHERE name = \'" + name + "\'");\n  }\n}\n';
    const services = [
      'import { UserRepo } from "./repo";\nexport class Users {\n  constructor(private readonly repo: UserRepo) {}\n  byName(req: any) {\n    return this.repo.find(req.query.name);\n  }\n}\n',
      'import { UserRepo } from "./repo";\nexport class Users {\n  private repo = new UserRepo();\n  byName(req: any) {\n    return this.repo.find(req.query.name);\n  }\n}\n',
      'import { UserRepo } from "./repo";\nexport class Users {\n  constructor() {\n    this.repo = new UserRepo();\n  }\n  byName(req: any) {\n    return this.repo.find(req.query.name);\n  }\n}\n',
    ];
    for (const service of services) {
      const findings = await scanProject({ 'repo.ts': repo, 'users.ts': service });
      assert.deepEqual(findings.map((finding) => `${finding.location.path}:${finding.location.startLine}`), ['repo.ts:3'], service);
    }
  });

  it('passes arguments into a rest parameter', async () => {
    const helper = 'exports.run = (...parts) => db.query("SELECT " + parts.join(","));\n';
    const across = await scanProject({ 'h.js': helper, 'app.js': 'const { run } = require("./h");\napp.get("/", (req) => run("a", req.query.q));\n' });
    assert.equal(across.length, 1);
    const local = await scanProject({ 'app.js': 'function run(...parts) {\n  db.query("SELECT " + parts.join(","));\n}\napp.get("/", (req) => run("a", req.query.q));\napp.get("/b", () => run("a", "b"));\n' });
    assert.deepEqual(paths(local), [['app.js:4: source: req.query', 'app.js:4: passed as parameter parts', 'app.js:2: reaches the sink: "SELECT " + parts.join(",")']]);
  });

  it('ignores a parameter that hides an imported name', async () => {
    const files = {
      'h.js': 'const db = require("pg");\nfunction run(x) { db.query("S" + x); }\nmodule.exports = { run };\n',
      'app.js': 'const { run } = require("./h");\nfunction handler(req, res) {\n  const go = (run) => run(req.query.q);\n  go(console.log);\n}\n',
    };
    assert.deepEqual(await scanProject(files), []);
  });

  it('handles a chain of 5,000 files', async () => {
    const files: Record<string, string> = { 'app.js': 'const { f0 } = require("./f0");\napp.get("/", (req) => f0(req.query.q));\n' };
    for (let i = 0; i < 5000; i++) files[`f${i}.js`] = `const { f${i + 1} } = require("./f${i + 1}");\nexports.f${i} = (v) => f${i + 1}(v);\n`;
    files['f5000.js'] = 'exports.f5000 = (v) => db.query("S" + v);\n';
    const findings = await scanProject(files);
    assert.equal(findings.length, 1);
    const flow = findings[0]?.flow ?? [];
    assert.equal(flow.length, 20);
    assert.match(flow[2]?.message ?? '', /^\d+ more steps not shown$/);
    assert.equal(flow[2]?.path, 'f0.js');
  });

  it('finds the same flows in worker threads', async () => {
    const route = 'const db = require("./db");\napp.get("/u", (req, res) => {\n  db.findUser(req.query.id);\n});\n';
    const inline = await scanProject({ 'routes.js': route, 'db.js': DB_CJS });
    const threaded = await scanProject({ 'routes.js': route, 'db.js': DB_CJS }, 2);
    assert.equal(inline.length, 1);
    assert.deepEqual(threaded, inline);
  });
});

describe('sast module resolution', () => {
  const files = new Set(['src/a.ts', 'src/lib/index.js', 'src/b.js', 'top.mjs']);
  it('resolves extensions, index files and .js written for .ts', () => {
    assert.equal(resolveSpecifier('src/x.ts', './a.js', files), 'src/a.ts');
    assert.equal(resolveSpecifier('src/x.ts', './a', files), 'src/a.ts');
    assert.equal(resolveSpecifier('src/x.ts', './lib', files), 'src/lib/index.js');
    assert.equal(resolveSpecifier('src/lib/index.js', '../b', files), 'src/b.js');
    assert.equal(resolveSpecifier('src/b.js', '../top.mjs', files), 'top.mjs');
  });
  it('stays inside the scanned root', () => {
    assert.equal(resolveSpecifier('src/b.js', '../../etc/passwd', files), undefined);
    assert.equal(resolveSpecifier('src/b.js', './missing', files), undefined);
  });
});

describe('sast scan warnings', () => {
  it('counts files nested too deep and minified files', async () => {
    const scanner = createSastScanner(defaultConfig());
    const deep = `${'if (a) {\n'.repeat(300)}eval(req.query.q);\n${'}\n'.repeat(300)}`;
    const files: Record<string, string> = { 'deep.js': deep, 'lib/jquery.min.js': 'var a=1;\n' };
    const result = await scanner.scanProject!({ config: defaultConfig(), root: '/nonexistent', showSecrets: false, files: Object.keys(files), readText: async (path) => files[path] as string, workers: 0 });
    assert.deepEqual(result.warnings, [
      '1 source file nests code too deep to analyse; code below about 500 levels of syntax was not checked',
      '1 minified JavaScript file was not checked for code flaws; exclude bundled libraries or scan their sources',
    ]);
  });
});
