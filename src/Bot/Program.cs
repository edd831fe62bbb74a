using GridService.Bot.Cli;
using GridService.Bot.Hosting;
using GridService.Core.Hosting;

if (BotCli.IsCommand(args)) return await BotCli.RunAsync(args);

return await HostRunner.RunAsync(() => AllInOneHost.Build(args), AllInOneHost.Hint, AllInOneHost.Explain);
