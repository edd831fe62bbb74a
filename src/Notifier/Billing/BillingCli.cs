using System.Globalization;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary><c>import bills|payments &lt;file.csv&gt; [--dry-run]</c> and <c>billing held</c>; each returns the exit code.</summary>
public static class BillingCli
{
    /// <summary>Imports a bills or payments file: 0 when imported (or checked clean with --dry-run), 1 on bad rows, 2 on usage.</summary>
    public static async Task<int> ImportAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["import", "bills" or "payments", var file, ..] || file.StartsWith("--", StringComparison.Ordinal))
        {
            error.WriteLine("usage: import bills <file.csv> [--dry-run]   |   import payments <file.csv> [--dry-run]");
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
        await using var services = CliServices.Build(args, error);
        try
        {
            if (await services.GetRequiredService<Core.Grid.GridDirectory>().IsEmptyAsync())
            {
                error.WriteLine("import: the store has no customers yet. Start the host once (it loads the sample county) or load the customers first; nothing was imported.");
                return 1;
            }

            var result = args[1] == "bills"
                ? await services.GetRequiredService<BillImporter>().ImportAsync(file, progress, dryRun, cancellationToken)
                : await services.GetRequiredService<PaymentImporter>().ImportAsync(file, progress, dryRun, cancellationToken);
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
        await using var services = CliServices.Build(args, error);
        var held = await services.GetRequiredService<BillingStore>().HeldAsync();
        foreach (var h in held)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Masking.MaskAccount(h.AccountNo)}  {h.Period}  {h.AreaId,-5} {h.Outstanding,10:0.00}  {h.Why,-16} held {h.HeldAt:yyyy-MM-dd HH:mm}Z"));
        }

        output.WriteLine($"{held.Count} held; decide with POST /api/billing/held/{{account}}/{{period}}/release or /drop");
        return 0;
    }

    private static void Report(ImportResult result, string what, bool dryRun, TextWriter output)
    {
        foreach (var e in result.Errors) output.WriteLine(e.Message);
        var periods = string.Join(", ", result.ByPeriod.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value:N0}"));
        if (!result.Ok)
        {
            var more = result.ErrorCount > result.Errors.Count ? $" (first {result.Errors.Count} shown)" : "";
            output.WriteLine($"{result.File}: {result.ErrorCount:N0} error(s) in {result.Rows:N0} rows{more}; nothing was imported. Every row is checked before anything is written: fix the rows and run the import again.");
            return;
        }

        output.WriteLine(dryRun
            ? $"{result.File}: {result.Rows:N0} rows checked, no errors ({periods}); --dry-run: nothing was written."
            : what == "bills"
                ? $"{result.File}: {result.Written:N0} bills imported ({periods})."
                : $"{result.File}: {result.Written:N0} payments applied, {result.Skipped:N0} already applied earlier ({periods}).");
    }
}
