using GridService.Bot.Cli;
using GridService.Bot.Hosting;

if (BotCli.IsCommand(args)) return await BotCli.RunAsync(args);

var app = AllInOneHost.Build(args);
await app.RunAsync();
return 0;
