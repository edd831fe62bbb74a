using GridService.Core.Templates;
using Microsoft.Extensions.DependencyInjection;


namespace GridService.Notifier.Tests.Templates;

public sealed class TemplatesHostingTests
{
    [Fact]
    public void Find_FromTestOutput_FindsTheCopiedTemplates() =>
        Assert.True(File.Exists(Path.Combine(TemplateDirectory.Find(), "planned-outage.scriban")));

    [Fact]
    public void AddTemplates_ShippedTemplates_RegistersRenderer()
    {
        using var provider = new ServiceCollection().AddTemplates(TempTemplates.Shipped).BuildServiceProvider();

        var text = provider.GetRequiredService<TemplateRenderer>().Render("restoration", TemplateSamples.Load("restoration"));

        Assert.Contains("恢复供电", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTemplates_BrokenTemplate_FailsAtRegistration()
    {
        using var dir = new TempTemplates();
        dir.Write("restoration", "{{ restord_at }}");

        Assert.Throws<TemplateException>(() => new ServiceCollection().AddTemplates(dir.Dir));
    }

    [Fact]
    public void Benchmark_ShortRun_ReportsRateAndP99ForBothKinds()
    {
        using var output = new StringWriter();

        var code = TemplateBenchmark.Run(TempTemplates.Shipped, output, TimeSpan.FromMilliseconds(50), runs: 500);

        Assert.Equal(0, code);
        Assert.Matches(@"reminder-1 +[\d,]+ renders/s .*p99", output.ToString());
        Assert.Matches(@"planned-outage +[\d,]+ renders/s .*p99", output.ToString());
    }
}
