stages: [test, build, deploy]

variables:
  NODE_VERSION: "20"
  NPM_TOKEN: "⟦npm⟧"
  SLACK_BOT_TOKEN: "⟦slack-bot⟧"
  DOCKER_AUTH: "$CI_REGISTRY_USER:$CI_REGISTRY_PASSWORD" ⟪neg env-reference⟫

test:
  stage: test
  image: node:20
  script:
    - echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc ⟪neg env-reference⟫
    - npm ci
    - npm test

build:
  stage: build
  image: docker:24
  services: [docker:24-dind]
  script:
    - docker login -u "$CI_REGISTRY_USER" -p "$CI_REGISTRY_PASSWORD" "$CI_REGISTRY" ⟪neg env-reference⟫
    - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .
    - docker push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"

deploy:
  stage: deploy
  image: alpine:3.20
  script:
    - apk add --no-cache curl
    - >
      curl -X POST -H "Content-Type: application/json"
      -d '{"text":"Deployed '"$CI_COMMIT_SHORT_SHA"'"}'
      ⟦slack-webhook⟧
  only: [main]
