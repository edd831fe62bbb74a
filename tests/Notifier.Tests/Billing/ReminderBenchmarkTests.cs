using GridService.Notifier.Billing;

namespace GridService.Notifier.Tests.Billing;

/// <summary><c>bench reminders</c> as a newcomer runs it: on a bare machine, and against a Redis that is not there.</summary>
public sealed class ReminderBenchmarkTests
{
    [Fact]
    public async Task NoRedisNamed_RunsOnAnEmbeddedStoreAndDiscardsIt()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ReminderBenchmark.RunAsync(["--customers", "200", "--groups", "4"], output, error);

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("embedded Garnet", text, StringComparison.Ordinal);
        var queued = System.Text.RegularExpressions.Regex.Match(text, @"run: [\d.]+ s, (\d+) queued");
        Assert.True(queued.Success && int.Parse(queued.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is > 150 and < 200, text); // 10% paid
        Assert.Contains("the embedded store and its folder are discarded", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisNotThere_OneLineAndExit1()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ReminderBenchmark.RunAsync(["--customers", "10", "--groups", "1", "--redis", "127.0.0.1:1"], output, error);

        Assert.Equal(1, exit);
        Assert.StartsWith("Cannot reach Redis at 127.0.0.1:1: ", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
