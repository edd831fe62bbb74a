using GridService.Bot.Benchmarks;
using GridService.Bot.Knowledge;
using GridService.Bot.Misses;
using GridService.Core.Hosting;
using GridService.Core.Samples;
using GridService.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridService.Bot.Cli;

/// <summary>The Bot's command line: <c>ask</c>, <c>eval</c>, <c>bench</c>, <c>kb misses</c>. No host is started.</summary>
public static class BotCli
{
    private const string Usage = """
        GridService bot commands (no running host needed):
          ask "<text>" [--group <id>] [--json]       decide one message; --group fills live data from samples/
              [--explain]                            also show the rule or retrieval signals behind it
          eval <file.jsonl> [--out <file.jsonl>]     accuracy over labelled questions {"id","q","expect"}
          bench decisions [--synthetic <n>]          decision latency and throughput (run with -c Release)
          bench callbacks [--messages <n>] [--redis <conn>] [--rate <n/s>] [--workers <n>]
                                                     AI-bot callbacks over HTTP: ack latency, end-to-end rate (-c Release)
          bench scale [--messages <n>] [--redis <conn>] [--cluster <conn>]
                                                     1 and 2 Bot processes end to end next to redis-benchmark (-c Release)
          kb misses [--area <id>] [--max <n>]        questions the bot could not answer, newest first
        Without a command the host starts (see README: --role, --urls). Notifier commands (templates, import,
        deliveries, billing): dotnet run --project src/Notifier -- help
        """;

    /// <summary>
    /// True when the arguments are a command rather than host options (which all start with <c>--</c>): a mistyped
    /// command gets the usage, never a host started by accident.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h");

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var cli = new CliArgs(args);
        try
        {
            return args[0] switch
            {
                "ask" => await AskAsync(cli),
                "eval" => Eval(cli),
                "bench" when cli.Positional(1) == "callbacks" => await CallbackBench.RunAsync(cli, Console.Out),
                "bench" when cli.Positional(1) == "scale" => await ScaleBench.RunAsync(cli, Console.Out),
                "bench" => Bench(cli),
                "kb" when cli.Positional(1) == "misses" => await MissesAsync(cli),
                _ => Help(args[0] is "help" or "--help" or "-h"),
            };
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (KnowledgeBaseException ex)
        {
            await Console.Error.WriteLineAsync("knowledge base: " + ex.Message);
            return 1;
        }
    }

    private static int Help(bool asked)
    {
        (asked ? Console.Out : Console.Error).WriteLine(Usage);
        return asked ? 0 : 2;
    }

    private static DecisionEngine LoadEngine(CliArgs cli)
    {
        var options = new KnowledgeOptions { Directory = cli.Option("--knowledge") };
        return new DecisionEngine(KnowledgeBase.Load(KnowledgeBase.FindDirectory(options.Directory), options));
    }

    private static async Task<int> AskAsync(CliArgs cli)
    {
        var text = cli.Positional(1) ?? throw new CliException("ask: give the message text, e.g. ask \"电费在哪里交\"");
        var engine = LoadEngine(cli);
        var context = AnswerContext.None;
        if (cli.Option("--group") is { } groupId)
        {
            var samples = await SampleLoader.ReadAsync(cli.Option("--samples") ?? SampleLoader.FindSamplesDirectory(), CancellationToken.None);
            var group = samples.Groups.FirstOrDefault(g => g.Id == groupId)
                ?? throw new CliException($"ask: unknown group '{groupId}'; known: {string.Join(", ", samples.Groups.Select(g => g.Id))}");
            var area = samples.Areas.First(a => a.Id == group.AreaId);
            var now = TimeProvider.System.GetUtcNow();
            var outages = samples.Notices.Where(n => n.AreaIds.Contains(area.Id) && !n.Cancelled && n.End > now).ToList();
            context = AnswerContext.For(area, samples.Staff.FirstOrDefault(s => s.Id == area.ManagerId), outages, isPrivate: false);
        }

        Console.WriteLine(cli.Flag("--explain") ? engine.Explain(text) : AskCommand.Format(engine.Decide(text, context), cli.Flag("--json")));
        return 0;
    }

    private static int Eval(CliArgs cli)
    {
        var file = CliPaths.Find(cli.Positional(1) ?? throw new CliException("eval: give a JSONL file, e.g. eval ../shared/eval/dev.jsonl"));
        if (!File.Exists(file)) throw new CliException($"eval: no such file '{file}'");
        return EvalCommand.Run(file, cli.Option("--out"), LoadEngine(cli), Console.Out);
    }

    private static int Bench(CliArgs cli)
    {
        if (cli.Positional(1) != "decisions") throw new CliException("bench: use 'bench decisions [--synthetic <n>]'");
        var synthetic = int.TryParse(cli.Option("--synthetic") ?? "1000", out var n) && n >= 0 ? n : throw new CliException("bench: --synthetic takes a count");
        var options = new KnowledgeOptions { Directory = cli.Option("--knowledge") };
        return DecisionBenchmark.Run(KnowledgeBase.Load(KnowledgeBase.FindDirectory(options.Directory), options), synthetic, Console.Out);
    }

    private static async Task<int> MissesAsync(CliArgs cli)
    {
        var max = int.TryParse(cli.Option("--max") ?? "50", out var m) && m > 0 ? m : throw new CliException("kb misses: --max takes a positive count");
        var configuration = CliConfiguration.Build(cli.All);
        var storeOptions = new StoreOptions();
        configuration.GetSection(StoreOptions.Section).Bind(storeOptions);
        await using var store = await RedisStore.OpenAsync(configuration.GetConnectionString("Redis"), storeOptions, NullLogger.Instance);
        var misses = await new MissLog(store).ListAsync(cli.Option("--area"), max);
        foreach (var miss in misses)
        {
            Console.WriteLine($"{Zones.Local(miss.At, Zones.Default):yyyy-MM-dd HH:mm}  {miss.AreaId,-5} {miss.Decision,-32} {miss.Confidence:0.00}  {miss.Text}");
        }

        Console.WriteLine($"{misses.Count} misses");
        return 0;
    }
}
