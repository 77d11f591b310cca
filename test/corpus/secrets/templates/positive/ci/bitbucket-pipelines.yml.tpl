image: python:3.12

definitions:
  caches:
    pip: ~/.cache/pip

pipelines:
  branches:
    main:
      - step:
          name: Test and tag
          caches: [pip]
          script:
            - pip install -r requirements.txt
            - pytest -q
            - export BITBUCKET_APP_PASSWORD=⟦bitbucket⟧
            - git tag "build-$BITBUCKET_BUILD_NUMBER"
            - git push "https://release-bot:${BITBUCKET_APP_PASSWORD}@bitbucket.org/$BITBUCKET_REPO_FULL_NAME" --tags ⟪neg env-reference⟫
