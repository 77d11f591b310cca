pipeline {
  agent { label 'linux' }
  environment {
    REGISTRY = 'docker.io/shopbuild'
  }
  stages {
    stage('Checkout') {
      steps {
        git url: 'https://bitbucket-bot:⟦bitbucket⟧@bitbucket.org/example/storefront.git', branch: 'main'
      }
    }
    stage('Build') {
      steps {
        withEnv(["GITHUB_TOKEN=⟦github ghp⟧"]) {
          sh './gradlew build publish'
        }
      }
    }
    stage('Push') {
      steps {
        sh 'docker login -u shopbuild -p ⟦dockerhub⟧'
        sh 'docker push $REGISTRY/storefront:$BUILD_NUMBER'
        sh 'curl -fsS -u admin:⟦password 20 alnum⟧ -X POST https://nexus.internal.example.com/service/rest/v1/components?repository=releases'
      }
    }
  }
}
