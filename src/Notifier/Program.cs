using GridService.Core.Hosting;
using GridService.Notifier.Hosting;

if (NotifierCli.IsCommand(args)) return await NotifierCli.RunAsync(args, Console.Out, Console.Error);

// The Notifier on its own (several may run side by side); `dotnet run --project src/Bot` runs it all-in-one.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5081");
builder.Services.AddGridCore(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddNotifier(builder.Configuration);
var app = builder.Build();
app.MapHealthEndpoints();
app.MapNotifierEndpoints();
await app.RunAsync();
return 0;
