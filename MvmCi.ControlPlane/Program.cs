using MvmCi.ControlPlane.Apis;
using MvmCi.ControlPlane.Extensions;
using MvmCi.ControlPlane.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddControlPlaneServices();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
// The dashboard's files are public (they hold no data); everything they show comes from the API, which needs a key.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
// The interactive API reference, at /scalar/v1.
app.MapScalarApiReference().AllowAnonymous();
// Every API endpoint needs at least a read key; those that change things ask for submit or admin.
var api = app.MapGroup("").RequireAuthorization(AccessPolicies.Read);
api.MapModulesApi();
api.MapBlobsApi();
api.MapJobsApi();
api.MapQueueApi();
api.MapWorkersApi();
api.MapExecutorsApi();
api.MapOverviewApi();
api.MapKeysApi();
api.MapSecretsApi();
app.Run();
