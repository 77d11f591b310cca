receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317

exporters:
  otlphttp/newrelic:
    endpoint: https://otlp.eu01.nr-data.net
    headers:
      api-key: ⟦newrelic-license⟧

service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [otlphttp/newrelic]
