using Azure.Storage.Blobs;
using Microsoft.Data.SqlClient;

var builder = Host.CreateApplicationBuilder(args);

const string blobSasUrl =
    "https://exportsprod.blob.core.windows.net/reports?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2026-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=⟦azure-sas-sig⟧";
const string sqlConnection =
    "Server=sql-prod.internal;Database=Reports;User Id=report_writer;Password=⟦password 20 alnum =connection-string⟧;TrustServerCertificate=True";
var openAiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "⟦openai svcacct⟧";

builder.Services.AddSingleton(new BlobContainerClient(new Uri(blobSasUrl)));
builder.Services.AddSingleton(_ => new SqlConnection(sqlConnection));
builder.Services.AddSingleton(new SummaryClient(openAiKey));
builder.Services.AddHostedService<ReportWorker>();

builder.Build().Run();
