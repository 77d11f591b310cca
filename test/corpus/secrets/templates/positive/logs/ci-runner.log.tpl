Running with gitlab-runner 16.11.0 (91a27b2a)
  on docker-runner-07 xZ1aB2cD, system ID: r_⟦alnum 12⟧
Preparing the "docker" executor
Using docker image sha256:⟦hex 64⟧ for node:20 ... ⟪neg digest⟫
$ git clone https://x-access-token:⟦github ghs⟧@github.com/example/storefront.git
Cloning into 'storefront'...
$ echo "//registry.npmjs.org/:_authToken=⟦npm⟧" > ~/.npmrc
$ npm ci
added 812 packages in 21s
Job succeeded
