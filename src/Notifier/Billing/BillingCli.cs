using System.Globalization;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary>
/// <c>import bills|payments|supply &lt;file.csv&gt; [--dry-run]</c>, <c>billing held</c> and <c>billing failed [--redrive]</c>;
/// each returns the exit code. Commands that may queue messages (payments, supply) use the running host's published
/// settings and refuse without them.
/// </summary>
public static class BillingCli
{
    /// <summary>Imports a bills or payments file: 0 when imported (or checked clean with --dry-run), 1 on bad rows, 2 on usage.</summary>
    public static async Task<int> ImportAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["import", "bills" or "payments" or "supply", var file, ..] || file.StartsWith("--", StringComparison.Ordinal))
        {
            error.WriteLine("usage: import bills|payments|supply <file.csv> [--dry-run]");
            return 2;
        }

        file = GridService.Core.Hosting.CliPaths.Find(file);
        if (!File.Exists(file))
        {
            error.WriteLine($"import: no such file '{Path.GetFullPath(file)}'");
            return 2;
        }

        var dryRun = args.Contains("--dry-run");
        var progress = new ImportProgress(error, interactive: !Console.IsErrorRedirected);
        await using var services = await CliServices.BuildAsync(args, error, needsHostSettings: args[1] != "bills" && !dryRun);
        if (services is null) return 1;
        try
        {
            if (await services.GetRequiredService<Core.Grid.GridDirectory>().IsEmptyAsync())
            {
                error.WriteLine("import: the store has no customers yet. Start the host once (it loads the sample county) or load the customers first; nothing was imported.");
                return 1;
            }

            var result = args[1] switch
            {
                "bills" => await services.GetRequiredService<BillImporter>().ImportAsync(file, progress, dryRun, cancellationToken),
                "payments" => await services.GetRequiredService<PaymentImporter>().ImportAsync(file, progress, dryRun, cancellationToken),
                _ => await services.GetRequiredService<SupplyImporter>().ImportAsync(file, progress, dryRun, cancellationToken),
            };
            Report(result, args[1], dryRun, output);
            return result.Ok ? 0 : 1;
        }
        catch (OptionsValidationException ex)
        {
            error.WriteLine("configuration: " + string.Join("; ", ex.Failures));
            return 2;
        }
    }

    /// <summary>Lists disconnection notices held for a person to decide.</summary>
    public static async Task<int> HeldAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var services = await CliServices.BuildAsync(args, error, needsHostSettings: false);
        if (services is null) return 1;
        var held = await services.GetRequiredService<BillingStore>().HeldAsync();
        foreach (var h in held)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Masking.MaskAccount(h.AccountNo)}  {h.Period}  {h.AreaId,-5} {h.Outstanding,10:0.00}  {h.Why,-16} held {h.HeldAt:yyyy-MM-dd HH:mm}Z"));
        }

        output.WriteLine($"{held.Count} held; decide with POST /api/billing/held/{{account}}/{{period}}/release or /drop");
        return 0;
    }

    /// <summary>Lists the billing messages that could not be produced; with <c>--redrive</c> tries them again.</summary>
    public static async Task<int> FailedAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var redrive = args.Contains("--redrive");
        await using var services = await CliServices.BuildAsync(args, error, needsHostSettings: redrive);
        if (services is null) return 1;
        if (redrive)
        {
            var queued = await services.GetRequiredService<ReminderPlanner>().RetryFailuresAsync(services.GetRequiredService<TimeProvider>().GetUtcNow());
            output.WriteLine($"{queued} queued now; what still fails is listed below");
        }

        var failed = await services.GetRequiredService<BillingStore>().FailuresAsync();
        foreach (var f in failed)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Masking.MaskAccount(f.AccountNo)}  {f.Period}  {f.Stage,-14} {f.At:yyyy-MM-dd HH:mm}Z  {f.Reason}"));
        }

        output.WriteLine($"{failed.Count} billing messages could not be produced; fix the records, then run 'billing failed --redrive'");
        return 0;
    }

    private static void Report(ImportResult result, string what, bool dryRun, TextWriter output)
    {
        foreach (var e in result.Errors) output.WriteLine(e.Message);
        foreach (var note in result.Notes ?? []) output.WriteLine(note);
        var periods = string.Join(", ", result.ByPeriod.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value:N0}"));
        if (!result.Ok)
        {
            var more = result.ErrorCount > result.Errors.Count ? $" (first {result.Errors.Count} shown)" : "";
            output.WriteLine($"{result.File}: {result.ErrorCount:N0} error(s) in {result.Rows:N0} rows{more}; nothing was imported. Every row is checked before anything is written: fix the rows and run the import again.");
            return;
        }

        output.WriteLine(dryRun
            ? $"{result.File}: {result.Rows:N0} rows checked, no errors ({periods}); --dry-run: nothing was written."
            : what switch
            {
                "bills" => $"{result.File}: {result.Written:N0} bills imported ({periods}).",
                "payments" => $"{result.File}: {result.Written:N0} payments applied, {result.Skipped:N0} already applied earlier ({periods}).",
                _ => $"{result.File}: {result.Written:N0} supply records applied, {result.Skipped:N0} skipped ({periods}).",
            });
    }
}
