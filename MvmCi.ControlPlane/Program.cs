using MvmCi.ControlPlane.Apis;
using MvmCi.ControlPlane.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddControlPlaneServices();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapModulesApi();
app.MapBlobsApi();
app.MapJobsApi();
app.MapQueueApi();
app.MapWorkersApi();
app.Run();
