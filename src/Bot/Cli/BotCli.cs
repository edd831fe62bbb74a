using GridService.Bot.Benchmarks;
using GridService.Bot.Knowledge;
using GridService.Bot.Knowledge.Learning;
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
              [--explain] [--previous <label>=<text>] also show the policy, model or retrieval signals behind it;
                                                     --previous reads the message as a follow-up of that turn
          eval <file.jsonl> [--out <file.jsonl>]     accuracy over labelled questions {"id","q","expect"}, reliability
                                                     and the accuracy/coverage trade-off
          eval --cv <k>                              k-fold cross-validation of the learned engine over the corpus
          bench decisions [--synthetic <n>]          decision latency and throughput (run with -c Release)
          (ask, eval and bench take --engine learned|rules; the default is Knowledge:Engine, learned)
          bench callbacks [--messages <n>] [--redis <conn>] [--rate <n/s>] [--workers <n>]
                                                     AI-bot callbacks over HTTP: ack latency, end-to-end rate (-c Release)
          bench console [--orders <n>] [--groups <n>] [--requests <n>] [--redis <conn>]
                                                     console pages' server time on a filled store (-c Release)
          bench longconn [--messages <n>] [--rate <n/s>] [--redis <conn>]
                                                     AI bot on the long connection: frame in to reply frame out (-c Release)
          bench scale [--messages <n>] [--redis <conn>] [--cluster <conn>]
                                                     1 and 2 Bot processes end to end next to redis-benchmark (-c Release)
          kb misses [--area <id>] [--max <n>]        questions the bot could not answer (escalated when unsure, silent
              [--each]                               drops, low-confidence answers), similar ones grouped; --each: one by one
          kb export --wecom-autoreply [--top <n>]    top answers as keyword rules for WeCom's 客户群自动回复
              [--area <id>] [--out <file.md>]
          console passwd <staff id> [--temporary]    set a console password read from standard input; --temporary
                                                     makes the person choose their own at first sign-in
          console hash <staff id>                    print the password_hash for staff.csv of a password read from stdin
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
                "bench" when cli.Positional(1) == "console" => await ConsoleBench.RunAsync(cli, Console.Out),
                "bench" when cli.Positional(1) == "longconn" => await LongConnectionBench.RunAsync(cli, Console.Out),
                "bench" when cli.Positional(1) == "scale" => await ScaleBench.RunAsync(cli, Console.Out),
                "bench" => Bench(cli),
                "kb" when cli.Positional(1) == "misses" => await MissesAsync(cli),
                "kb" when cli.Positional(1) == "export" => await Knowledge.Cli.WeComAutoReplyExport.RunAsync(cli, Console.Out),
                "console" when cli.Positional(1) == "passwd" => await PasswordAsync(cli),
                "console" when cli.Positional(1) == "hash" => HashPassword(cli),
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

    // ask and eval read the model the host keeps in its data folder (Knowledge:ModelDirectory) when it was trained by
    // this build on the same knowledge, and keep theirs there otherwise; bench and cross-validation always train.
    private static DecisionEngine LoadEngine(CliArgs cli) => new(LoadKnowledge(cli, keptModel: true));

    private static KnowledgeBase LoadKnowledge(CliArgs cli, bool keptModel = false)
    {
        var options = new KnowledgeOptions { Directory = cli.Option("--knowledge") };
        if (cli.Option("--engine") is { } engine)
        {
            options.Engine = Enum.TryParse<DecisionEngineKind>(engine, ignoreCase: true, out var kind)
                ? kind
                : throw new CliException($"--engine takes learned or rules, not '{engine}'");
        }

        ModelFiles? files = null;
        if (keptModel)
        {
            var configuration = CliConfiguration.Build(cli.All);
            options.KeepModel = bool.TryParse(configuration["Knowledge:KeepModel"] ?? "true", out var keep)
                ? keep
                : throw new CliException($"Knowledge:KeepModel takes true or false, not '{configuration["Knowledge:KeepModel"]}'");
            options.ModelDirectory = configuration["Knowledge:ModelDirectory"];
            files = KnowledgeServiceCollectionExtensions.ModelFilesFor(options, configuration.GetSection(StoreOptions.Section).Get<StoreOptions>(), NullLogger.Instance);
        }

        return KnowledgeBase.Load(KnowledgeBase.FindDirectory(options.Directory), options, files);
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

        PreviousTurn? previous = null;
        if (cli.Option("--previous") is { } turn)
        {
            int eq = turn.IndexOf('=', StringComparison.Ordinal);
            previous = eq > 0 ? new PreviousTurn(turn[..eq], turn[(eq + 1)..]) : throw new CliException("--previous takes <label>=<text>, e.g. answer:business.transfer=过户要什么材料");
        }

        Console.WriteLine(cli.Flag("--explain") ? engine.Explain(text, context, previous) : AskCommand.Format(engine.Decide(text, context, previous), cli.Flag("--json")));
        return 0;
    }

    private static int Eval(CliArgs cli)
    {
        if (cli.Option("--cv") is { } cv)
        {
            return int.TryParse(cv, out var folds) && folds >= 2
                ? CrossValidationCommand.Run(LoadKnowledge(cli), folds, Trainer(cli), cli.Option("--out"), Console.Out)
                : throw new CliException("eval: --cv takes a number of folds (2 or more), e.g. eval --cv 5");
        }

        var file = CliPaths.Find(cli.Positional(1) ?? throw new CliException("eval: give a JSONL file, e.g. eval ../shared/eval/dev.jsonl"));
        if (!File.Exists(file)) throw new CliException($"eval: no such file '{file}'");
        return EvalCommand.Run(file, cli.Option("--out"), LoadEngine(cli), Console.Out);
    }

    // Training settings to compare under cross-validation (eval --cv 5 --epochs 20); the defaults are the chosen ones.
    private static Knowledge.Learning.TrainerOptions Trainer(CliArgs cli)
    {
        var d = Knowledge.Learning.TrainerOptions.Default;
        static T Parse<T>(string? value, T fallback, string name) where T : IParsable<T> =>
            value is null ? fallback : T.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : throw new CliException($"{name} takes a number");
        return new Knowledge.Learning.TrainerOptions(
            Parse(cli.Option("--epochs"), d.Epochs, "--epochs"), Parse(cli.Option("--rate"), d.LearningRate, "--rate"),
            Parse(cli.Option("--l2"), d.L2, "--l2"), Parse(cli.Option("--min-count"), d.MinCount, "--min-count"), d.Seed);
    }

    private static int Bench(CliArgs cli)
    {
        if (cli.Positional(1) != "decisions") throw new CliException("bench: use 'bench decisions [--synthetic <n>]'");
        var synthetic = int.TryParse(cli.Option("--synthetic") ?? "1000", out var n) && n >= 0 ? n : throw new CliException("bench: --synthetic takes a count");
        return DecisionBenchmark.Run(LoadKnowledge(cli), synthetic, Console.Out);
    }

    private static async Task<int> MissesAsync(CliArgs cli)
    {
        var max = int.TryParse(cli.Option("--max") ?? "50", out var m) && m > 0 ? m : throw new CliException("kb misses: --max takes a positive count");
        var configuration = CliConfiguration.Build(cli.All);
        var storeOptions = new StoreOptions();
        configuration.GetSection(StoreOptions.Section).Bind(storeOptions);
        await using var store = await RedisStore.OpenAsync(configuration.GetConnectionString("Redis"), storeOptions, NullLogger.Instance);
        var misses = await new MissLog(store).ListAsync(cli.Option("--area"), max);
        if (cli.Flag("--each"))
        {
            foreach (var miss in misses)
            {
                var rated = miss.Rating == Miss.Inaccurate ? " 👎" : "";
                Console.WriteLine($"{Zones.Local(miss.At, Zones.Default):yyyy-MM-dd HH:mm}  {miss.AreaId,-5} {miss.Decision,-32} {miss.Confidence:0.00}{rated}  {miss.Text}");
            }

            Console.WriteLine($"{misses.Count} misses");
            return 0;
        }

        // Similar questions together, the most asked first: "12 residents asked X" is what the knowledge base needs.
        var clusters = MissClusters.Group(misses);
        foreach (var cluster in clusters)
        {
            var latest = cluster.Latest;
            Console.WriteLine($"{cluster.Count,3}×  {latest.Text}");
            var rated = cluster.RatedInaccurate > 0 ? $"; rated 👎 {cluster.RatedInaccurate}×" : "";
            Console.WriteLine($"      last {Zones.Local(latest.At, Zones.Default):yyyy-MM-dd HH:mm} in {string.Join(",", cluster.AreaIds)}; decided {latest.Decision} {latest.Confidence:0.00}{rated}");
            foreach (var other in cluster.Wordings.Skip(1).Take(3)) Console.WriteLine($"      also: {other}");
        }

        Console.WriteLine($"{misses.Count} misses in {clusters.Count} groups (--each lists them one by one)");
        return 0;
    }

    private static async Task<int> PasswordAsync(CliArgs cli)
    {
        var id = cli.Positional(2) ?? throw new CliException("console passwd: give the staff id, e.g. console passwd wangjianhua < password.txt");
        var password = ReadPassword("console passwd");
        var configuration = CliConfiguration.Build(cli.All);
        var storeOptions = new StoreOptions();
        configuration.GetSection(StoreOptions.Section).Bind(storeOptions);
        await using var store = await RedisStore.OpenAsync(configuration.GetConnectionString("Redis"), storeOptions, NullLogger.Instance);
        if (await new Core.Grid.GridDirectory(store).GetStaffAsync(id) is null) throw new CliException($"console passwd: {id} is not in the roster (staff)");
        await new StaffConsole.Auth.ConsoleAccounts(store, TimeProvider.System).SetPasswordAsync(id, password, mustChange: cli.Flag("--temporary"));
        Console.WriteLine(cli.Flag("--temporary") ? $"{id}: temporary password set; they choose their own at first sign-in" : $"{id}: password set");
        return 0;
    }

    private static int HashPassword(CliArgs cli)
    {
        var id = cli.Positional(2) ?? throw new CliException("console hash: give the staff id");
        Console.WriteLine(StaffConsole.Auth.ConsoleAccounts.Hash(id, ReadPassword("console hash")));
        return 0;
    }

    // From standard input, never the command line (which other users of the machine can read).
    private static string ReadPassword(string command)
    {
        var password = Console.In.ReadLine()?.TrimEnd('\r', '\n') ?? "";
        return password.Length >= StaffConsole.Pages.AccountModel.MinLength
            ? password
            : throw new CliException($"{command}: give a password of at least {StaffConsole.Pages.AccountModel.MinLength} characters on standard input");
    }
}
