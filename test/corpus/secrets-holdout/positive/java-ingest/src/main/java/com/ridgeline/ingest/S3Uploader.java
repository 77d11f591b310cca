package com.ridgeline.ingest;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

public final class S3Uploader {
    // Temporary credentials for the backfill job.
    private static final String ACCESS_KEY = "ASIAUMOSOLMZMW5GDG2I";
    private static final String SECRET_KEY = "ov3iX+5QaCfJodVe/ze+9M9+ahRqLDgRQhofOk3q";
    private static final String SESSION_TOKEN =
        "IQoJb3JpZ2luX2VjEkuY0pAd72cd2oBTHMnWEd84Rox1yDDNikbQbzhVNZm2GthSfJT2kMWWvcMJD9C/AFqhJ3g2hp8sZa9N6INww/fKy0+e8IiJv9A0VPTF/bqLiF8iyUQ8Wqa9bYRHtglOAGJ0GNQsoYlPk0qyEHwJB6AXtAZq8SaoMfMr/T4tB3ohRW64P+6NRwqGKfRJeKTexw2Qr+ZAo4sLpvX6R7QX2N6Vx9+6sX9t8mBzew1bX8sTZ3bG/dzM2se1Pqm5j63iA2EQKDv/z9nvpT2JDbTLHWDB/P+xG9EiAF5OH6/kEPaaHErjW5Gow+cA/uPfqrvVzJJ5Yf3VOrDq4zbCmfaHiLethBCMV9mpP4OMjOQ/mwHNkb4utszeDvg9AIOWOlFN9SeLg4Zk42WUz1IHWMA/yWYcWH+/gfSRViIEKQ8McSDEcZLo4hN3xtf7Fzi9cL82VVp4pKn3n6TMF";

    private static final String DATADOG_API_KEY = "e1b7a18b39242f1441de0514aaae283e";

    private final S3Client client = S3Client.builder()
        .region(Region.US_WEST_2)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();

    static String passwordPrompt() {
        return System.getenv("INGEST_PASSWORD");
    }
}
