using GridService.Notifier.Delivery.Status;
using GridService.Notifier.Billing;
using GridService.Core.Templates;

namespace GridService.Notifier.Hosting;

/// <summary>The Notifier's command line: <c>templates check|render</c>, <c>deliveries</c>, <c>import bills|payments|supply</c>, <c>billing held|failed</c>, <c>bench reminders</c>.</summary>
public static class NotifierCli
{
    private const string Usage = $"""
        GridService notifier commands:
          templates check [--dir <templates>]                                  parse and check every template
          templates render <name> --data <file.json> [--dir <templates>]      render one template with data
          templates bench [--dir <templates>]                                  renders per second on one core (-c Release)
        {DeliveriesCli.Usage}
          import bills <file.csv> [--dry-run]                                   check every row, then import (all or nothing)
          import payments <file.csv> [--dry-run]                                check every row, then apply payments once each
          import supply <file.csv> [--dry-run]                                  supply cut / restored (account_no,event,at)
          billing held                                                          disconnection notices waiting for a person
          billing failed [--redrive]                                            billing messages that could not be rendered
          bench reminders [--customers 1000000] [--groups 10000] [--redis host:port] [--repeat] [--keep]
                                                                                time one reminder run on synthetic data (-c Release)
        Store options as for the host, e.g. --ConnectionStrings:Redis 127.0.0.1:6379.
        Without a command the Notifier host starts.
        """;

    /// <summary>
    /// True when the arguments are a command rather than host options (which all start with <c>--</c>): a mistyped
    /// command gets the usage, never a host started by accident.
    /// </summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h");

    /// <summary>Runs a command; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["deliveries", ..]) return DeliveriesCli.RunAsync(args, output, error);
        switch (args)
        {
            case ["import", ..]: return BillingCli.ImportAsync(args, output, error, CancellationToken.None);
            case ["billing", "held", ..]: return BillingCli.HeldAsync(args, output, error);
            case ["billing", "failed", ..]: return BillingCli.FailedAsync(args, output, error);
            case ["bench", "reminders", ..]: return ReminderBenchmark.RunAsync(args, output, error);
        }

        var dir = Option(args, "--dir") ?? TemplateDirectory.Find();
        var code = args switch
        {
            ["templates", "check", ..] => TemplatesCli.Check(dir, output),
            ["templates", "bench", ..] => TemplateBenchmark.Run(dir, output),
            ["templates", "render", var name, ..] when Option(args, "--data") is { } data => TemplatesCli.Render(dir, name, data, output),
            ["help" or "--help" or "-h", ..] => Help(output, 0),
            _ => Help(error, 2),
        };
        return Task.FromResult(code);
    }

    private static int Help(TextWriter writer, int code)
    {
        writer.WriteLine(Usage);
        return code;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
