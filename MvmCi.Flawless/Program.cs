using MvmCi.Flawless.Apis;
using MvmCi.Flawless.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddFlawlessServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapExecutionsApi();
app.Run();
