version: 2.1

orbs:
  node: circleci/node@5.2.0

jobs:
  build:
    docker:
      - image: cimg/node:20.14
        auth:
          username: shopbuild
          password: ⟦dockerhub⟧
    environment:
      API_KEY: ⟦token 40⟧
      DEPLOY_KEY: |
        ⟦private-key openssh-ecdsa⟧
    steps:
      - checkout
      - node/install-packages
      - run: npm test

workflows:
  main:
    jobs: [build]
