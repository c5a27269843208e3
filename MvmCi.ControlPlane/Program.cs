using MvmCi.ControlPlane.Apis;
using MvmCi.ControlPlane.Extensions;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddControlPlaneServices();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapDefaultEndpoints();
app.MapOpenApi();
// The interactive API reference, at /scalar/v1.
app.MapScalarApiReference();
app.MapModulesApi();
app.MapBlobsApi();
app.MapJobsApi();
app.MapQueueApi();
app.MapWorkersApi();
app.MapExecutorsApi();
app.MapOverviewApi();
app.Run();
