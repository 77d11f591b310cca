# Changelog

## 1.2.0 (2024-06-10)

### Features

* add SARIF output for the secrets stage (⟦git-sha 7⟧) ⟪neg git-sha⟫
* read allowlists from `rampart.yaml` ([#212](https://github.com/example/rampart/issues/212)) ([⟦git-sha #c1⟧](https://github.com/example/rampart/commit/⟦git-sha #c1⟧)) ⟪neg git-sha⟫
* scan staged changes only with `--staged` (⟦git-sha 7⟧) ⟪neg git-sha⟫

### Bug Fixes

* token rule no longer fires on `max_tokens` settings (⟦git-sha 7⟧) ⟪neg git-sha⟫
* redact secrets in HTML reports ([⟦git-sha 7⟧](https://github.com/example/rampart/commit/⟦git-sha⟧)) ⟪neg git-sha⟫

## 1.1.3 (2024-05-02)

* Merge commit ⟦git-sha⟧ into release/1.1 ⟪neg git-sha⟫
* Revert "drop Node 18" (reverts commit ⟦git-sha⟧) ⟪neg git-sha⟫
* Bump jsonwebtoken from 9.0.1 to 9.0.2 (⟦git-sha 10⟧) ⟪neg git-sha⟫

Full diff: https://github.com/example/rampart/compare/⟦git-sha⟧...⟦git-sha⟧ ⟪neg git-sha⟫
