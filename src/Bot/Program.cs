using GridService.Bot.Cli;
using GridService.Bot.Hosting;

if (BotCli.IsCommand(args)) return await BotCli.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddGridService();
var app = builder.Build();
app.MapGridService();
await app.RunAsync();
return 0;
