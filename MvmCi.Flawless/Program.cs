using MvmCi.Flawless.Apis;
using MvmCi.Flawless.Extensions;
using MvmCi.Flawless.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddFlawlessServices();

var app = builder.Build();
app.UseServiceKeyCheck();
app.MapDefaultEndpoints();
app.MapExecutionsApi();
app.Run();
