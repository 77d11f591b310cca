apiVersion: 1
contactPoints:
  - orgId: 1
    name: shop-oncall
    receivers:
      - uid: ⟦alnum 14⟧
        type: slack
        settings:
          url: ⟦slack-webhook⟧
          title: '{{ template "slack.title" . }}'
