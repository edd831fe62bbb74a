using GridService.Notifier.Scheduling;
using GridService.Notifier.Scheduling.Clustered;

namespace GridService.Notifier.Tests.Scheduling;

public sealed class ClusteredStoreOptionsTests
{
    private static List<string> Failures(SchedulingOptions options) =>
        new SchedulingOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_PostgresWithoutConnectionString_NamesTheSetting()
    {
        var failures = Failures(new SchedulingOptions { Store = SchedulingStore.Postgres });

        Assert.Contains(failures, f => f.Contains("ConnectionStrings:Scheduling is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PostgresWithBadValues_NamesEachKey()
    {
        var failures = Failures(new SchedulingOptions
        {
            Store = SchedulingStore.Postgres, ConnectionString = "Host=127.0.0.1", TablePrefix = "qrtz; drop table x",
            CheckinInterval = TimeSpan.FromMilliseconds(100), CheckinMisfireThreshold = TimeSpan.FromMilliseconds(50),
        });

        Assert.Contains(failures, f => f.Contains("names no Database", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Scheduling:TablePrefix", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Scheduling:CheckinInterval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Scheduling:CheckinMisfireThreshold", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MemoryStoreWithoutConnectionString_IsFine()
    {
        Assert.Empty(Failures(new SchedulingOptions()));
        Assert.Empty(Failures(new SchedulingOptions { Store = SchedulingStore.Postgres, ConnectionString = "Host=db;Database=gridservice;Username=gs" }));
    }

    [Fact]
    public void Scripts_QuartzTables_EmbeddedInOrderWithThePrefixSubstituted()
    {
        var (version, sql) = Assert.Single(QuartzSchema.Scripts);
        var statements = QuartzSchema.Statements(sql, "gsq_").ToList();

        Assert.Equal("001-quartz-4.7-tables", version);
        Assert.Contains(statements, s => s.StartsWith("CREATE TABLE IF NOT EXISTS gsq_triggers", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("idx_gsq_t_nft_st ON gsq_triggers", StringComparison.Ordinal));
        Assert.All(statements, s => Assert.DoesNotContain("{0}", s, StringComparison.Ordinal));
        Assert.All(statements, s => Assert.False(s.StartsWith("--", StringComparison.Ordinal)));
        Assert.True(statements.Count >= 20, $"{statements.Count} statements");
    }
}
