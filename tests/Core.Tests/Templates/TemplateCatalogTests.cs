using System.Diagnostics;
using GridService.Core.Templates;

namespace GridService.Core.Tests.Templates;

public sealed class TemplateCatalogTests
{
    [Fact]
    public void Load_ShippedTemplates_LoadsEveryKind()
    {
        var catalog = TemplateCatalog.Load(TempTemplates.Shipped);

        Assert.Equal(TemplateKinds.All.Select(k => k.Name).Order(), catalog.Kinds.Order());
    }

    [Fact]
    public void Load_UnclosedDelimiter_FailsWithFileLineAndColumn()
    {
        using var dir = new TempTemplates();
        var path = dir.Write("reminder-1", "{{ customer_name }}您好：\n您的电费{{ outstanding | format_money \n元还没有缴纳。\n");

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        var error = Assert.Single(ex.Errors, e => e.Message.Contains("never closed", StringComparison.Ordinal));
        Assert.Equal((path, 2, 5), (error.File, error.Line, error.Column));
        Assert.Contains($"{path}:2:5:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnclosedDelimiterSwallowingText_FailsWithFileLineAndColumn()
    {
        using var dir = new TempTemplates();
        var path = dir.Write("planned-outage", "停电通知\n范围：{{ scope\n");

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.Equal((path, 2, 4), (ex.First!.File, ex.First.Line, ex.First.Column));
    }

    [Fact]
    public void Load_MisspeltVariable_FailsWithFileLineAndColumn()
    {
        using var dir = new TempTemplates();
        var path = dir.Write("planned-outage", "【计划停电通知】\n范围：{{ scope }}\n时间：{{ ocutage.start }}\n");

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        var error = Assert.Single(ex.Errors);
        Assert.Equal((path, 3, 7), (error.File, error.Line, error.Column));
        Assert.Contains("'ocutage'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspeltVariableInBranchTheSampleSkips_Fails()
    {
        using var dir = new TempTemplates();
        var path = dir.Write("reminder-1", "{{ customer_name }}\n{{ if false }}\n  {{ custmer_name }}\n{{ end }}\n");

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.Equal((path, 3, 6), (ex.First!.File, ex.First.Line, ex.First.Column));
        Assert.Contains("did you mean 'customer_name'", ex.First.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspeltMemberOfListItem_FailsWithLocation()
    {
        using var dir = new TempTemplates();
        var path = dir.Write("manager-daily-digest", "简报 {{ date | format_date }}\n{{ for o in open_orders }}{{ o.ordr_no }}{{ end }}\n");

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.Equal((path, 2, 32), (ex.First!.File, ex.First.Line, ex.First.Column));
        Assert.Contains("'ordr_no'", ex.First.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspeltFunction_Fails()
    {
        using var dir = new TempTemplates();
        dir.Write("restoration", "{{ scope }}已于{{ restored_at | format_tme }}恢复供电");

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.Contains("'format_tme' (did you mean 'format_time'?)", ex.First!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ParseError_ReportsScribanLocation()
    {
        using var dir = new TempTemplates();
        var path = dir.Write("fault-outage", "故障停电\n{{ scope + }}\n");

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.Equal((path, 2), (ex.First!.File, ex.First.Line));
        Assert.True(ex.First.Column > 0);
    }

    [Fact]
    public void Load_RuntimeErrorRenderingSample_ReportsTemplateLocation()
    {
        using var dir = new TempTemplates();
        var path = dir.Write("restoration", "{{ scope }}\n已于{{ restored_at.no_such_member }}恢复供电");

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.Equal((path, 2), (ex.First!.File, ex.First.Line));
        Assert.Contains("restoration.json", ex.First.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ contact_phone }}")]
    [InlineData("{{ asker_name }}您好")]
    [InlineData("{{ question | string.upcase }}")]
    public void Load_PersonalDataUnmaskedInGroupTemplate_Fails(string line)
    {
        using var dir = new TempTemplates();
        var path = dir.Write("workorder-created", "工单{{ order_no }}\n" + line + "\n");

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.Equal((path, 2), (ex.First!.File, ex.First.Line));
        Assert.Contains("personal data", ex.First.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PersonalDataTestedAndMaskedInGroupTemplate_Loads()
    {
        using var dir = new TempTemplates();
        dir.Write("workorder-created", "{{ if contact_phone }}{{ contact_phone | mask_phone }}{{ end }}{{ mask_name asker_name }}{{ order_no }}{{ question | mask_text }}{{ mask_text question asker_name }}");

        Assert.NotNull(TemplateCatalog.Load(dir.Dir));
    }

    [Fact]
    public void Load_MissingRequiredTemplate_FailsNamingIt()
    {
        using var dir = new TempTemplates();
        File.Delete(dir.PathOf("reconnection"));

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(dir.PathOf("reconnection"), error.File);
        Assert.Contains("required template is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownTemplateFile_Fails()
    {
        using var dir = new TempTemplates();
        dir.Write("reminder1", "typo in the file name");

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.Contains("'reminder1' is not a notice kind", ex.First!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TemplateWithoutSample_Fails()
    {
        using var dir = new TempTemplates();
        File.Delete(Path.Combine(dir.Dir, "samples", "fault-outage.json"));

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.Contains("samples/fault-outage.json", ex.First!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SampleWithMisspeltKey_FailsWithSampleLocation()
    {
        using var dir = new TempTemplates();
        var sample = Path.Combine(dir.Dir, "samples", "restoration.json");
        File.WriteAllText(sample, File.ReadAllText(sample).Replace("\"restored_at\"", "\"restord_at\"", StringComparison.Ordinal));

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.Equal(sample, ex.First!.File);
        Assert.True(ex.First.Line > 1);
        Assert.Contains("restord_at", ex.First.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingDirectory_Fails()
    {
        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(Path.Combine(Path.GetTempPath(), "no-such-templates")));

        Assert.Contains("template directory not found", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ while true }}x{{ end }}", "limit")]
    [InlineData("{{ for i in 1..100000000 }}{{ i }}{{ end }}", "LoopLimit")]
    [InlineData("{{ x = 'aaaaaaaa'; for i in 1..40; x = x + x; end; x }}", "LimitToString")]
    [InlineData("{{ 'a' | string.pad_left 100000000 }}", "LimitToString")]
    [InlineData("{{ func f; ret f; end; f }}", "recursive")]
    [InlineData("{{ 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' | regex.match '(a+)+$' }}", "timed out")]
    public void Load_HostileTemplate_StoppedByLimitsWithLocation(string body, string expected)
    {
        using var dir = new TempTemplates();
        var path = dir.Write("planned-outage", "【计划停电通知】\n" + body + "\n");
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<TemplateException>(() => TemplateCatalog.Load(dir.Dir));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal((path, 2), (ex.First!.File, ex.First.Line));
        Assert.Contains(expected, ex.First.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Inspect_BrokenAndGoodTemplates_ReportsEachFile()
    {
        using var dir = new TempTemplates();
        dir.Write("fault-outage", "{{ scop }}");

        var report = TemplateCatalog.Inspect(dir.Dir);

        Assert.False(report.Ok);
        Assert.Equal(TemplateKinds.All.Count, report.Files.Count);
        Assert.Equal("fault-outage.scriban", Path.GetFileName(Assert.Single(report.Files, f => !f.Ok).Path));
    }
}
