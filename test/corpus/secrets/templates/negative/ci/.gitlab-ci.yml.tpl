variables:
  POSTGRES_PASSWORD: $CI_DB_PASSWORD ⟪neg env-reference⟫
  DATABASE_URL: "postgres://runner:${POSTGRES_PASSWORD}@postgres:5432/test" ⟪neg env-reference⟫
  GIT_STRATEGY: fetch

test:
  image: python:3.12
  services: [postgres:16]
  before_script:
    - pip install -r requirements.txt
    - echo "machine gitlab.example.com login gitlab-ci-token password ${CI_JOB_TOKEN}" > ~/.netrc ⟪neg env-reference⟫
  script:
    - pytest -q

publish:
  image: python:3.12
  script:
    - TWINE_PASSWORD=${CI_JOB_TOKEN} TWINE_USERNAME=gitlab-ci-token python -m twine upload --repository-url ${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/pypi dist/* ⟪neg env-reference⟫
    - 'curl --header "JOB-TOKEN: $CI_JOB_TOKEN" --upload-file dist/app.tar.gz "${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/generic/app/1.0/app.tar.gz"' ⟪neg env-reference⟫
  rules:
    - if: $CI_COMMIT_TAG
