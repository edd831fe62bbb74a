using GridService.Core.Hosting;
using GridService.Core.Security;
using GridService.Notifier.Hosting;

if (NotifierCli.IsCommand(args)) return await NotifierCli.RunAsync(args, Console.Out, Console.Error);

// The Notifier on its own (several may run side by side); `dotnet run --project src/Bot` runs it all-in-one.
return await HostRunner.RunAsync(() =>
{
    var builder = GridWebHost.CreateBuilder(args, NotifierHost.DefaultUrl);
    Exposure.Check(builder.Configuration, takesBridgeTraffic: false);
    builder.Services.AddNotifierHost(builder.Configuration);
    var app = builder.Build();
    app.UseGridCore();
    app.MapMetricsEndpoint();
    app.MapNotifierHost();
    return app;
});
