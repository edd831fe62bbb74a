using GridService.Core.Csv;
using GridService.Core.Samples;

namespace GridService.Bot.StaffConsole.Auth;

/// <summary>
/// Gives the sample roster its demo console accounts: the <c>password_hash</c> column of <c>samples/staff.csv</c>
/// (hashes only; the demo password is documented in README) is stored for each staff member who has no account
/// yet, so a password changed in the console or with <c>console passwd</c> is never put back. Runs only with
/// <c>Samples:Seed</c> on, like the sample county itself.
/// </summary>
public sealed partial class AccountSeeder(ConsoleAccounts accounts, IConfiguration configuration, ILogger<AccountSeeder> logger) : IHostedService
{
    /// <summary>The roster column holding a password hash.</summary>
    public const string Column = "password_hash";

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Samples:Seed", defaultValue: true)) return;
        var folder = configuration["Samples:Directory"] is { Length: > 0 } configured ? configured : SampleLoader.FindSamplesDirectory();
        var path = Path.Combine(folder, "staff.csv");
        if (!File.Exists(path)) return;
        using var csv = CsvReader.Open(path);
        var header = await csv.ReadHeaderAsync(cancellationToken);
        if (header.IndexOf(Column) < 0) return;
        var seeded = 0;
        await foreach (var row in csv.ReadRowsAsync(cancellationToken))
        {
            if (row.GetOptionalString(Column) is { } hash && await accounts.SeedHashAsync(row.GetString("id"), hash)) seeded++;
        }

        if (seeded > 0) Log.Seeded(logger, seeded, path);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventIds.Console, LogLevel.Information, "Console: {Count} demo accounts from {Path}")]
        public static partial void Seeded(ILogger logger, int count, string path);
    }
}
