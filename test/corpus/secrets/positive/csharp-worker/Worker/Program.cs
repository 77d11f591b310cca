using Azure.Storage.Blobs;
using Microsoft.Data.SqlClient;

var builder = Host.CreateApplicationBuilder(args);

const string blobSasUrl =
    "https://exportsprod.blob.core.windows.net/reports?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2026-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=W4zyWK%2B%2BtLL0%2FarWNF5mdnt3pwHn4Lzrv6yS20Ddnvo%3D";
const string sqlConnection =
    "Server=sql-prod.internal;Database=Reports;User Id=report_writer;Password=m8ZVWr2Pxaj3iJN54q7d;TrustServerCertificate=True";
var openAiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "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";

builder.Services.AddSingleton(new BlobContainerClient(new Uri(blobSasUrl)));
builder.Services.AddSingleton(_ => new SqlConnection(sqlConnection));
builder.Services.AddSingleton(new SummaryClient(openAiKey));
builder.Services.AddHostedService<ReportWorker>();

builder.Build().Run();
