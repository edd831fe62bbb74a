using GridService.Core.Templates;


namespace GridService.Notifier.Tests.Templates;

public sealed class TemplatesCliTests
{
    [Fact]
    public void Check_ShippedTemplates_PrintsEachOkAndReturnsZero()
    {
        using var output = new StringWriter();

        var code = TemplatesCli.Check(TempTemplates.Shipped, output);

        Assert.Equal(0, code);
        foreach (var kind in TemplateKinds.All)
        {
            Assert.Contains($"OK     {kind.Name}.scriban", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_BrokenTemplate_PrintsFileLineColumnAndReturnsOne()
    {
        using var dir = new TempTemplates();
        var path = dir.Write("reminder-2", "{{ customer_name }}您好\n{{ outstandng | format_money }}元");
        using var output = new StringWriter();

        var code = TemplatesCli.Check(dir.Dir, output);

        Assert.Equal(1, code);
        Assert.Contains($"ERROR  {path}:2:4: unknown variable or function 'outstandng'", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("OK     reminder-1.scriban", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingTemplate_ReturnsOne()
    {
        using var dir = new TempTemplates();
        File.Delete(dir.PathOf("bill-issued"));
        using var output = new StringWriter();

        Assert.Equal(1, TemplatesCli.Check(dir.Dir, output));
        Assert.Contains("bill-issued.scriban: required template is missing", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SampleData_PrintsTextAndReturnsZero()
    {
        using var output = new StringWriter();

        var code = TemplatesCli.Render(TempTemplates.Shipped, "planned-outage.scriban", Path.Combine(TempTemplates.Shipped, "samples", "planned-outage.json"), output);

        Assert.Equal(0, code);
        Assert.StartsWith("【计划停电通知】", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingDataFile_SaysSoAndReturnsOne()
    {
        using var output = new StringWriter();

        var code = TemplatesCli.Render(TempTemplates.Shipped, "reminder-1", "/no/such/data.json", output);

        Assert.Equal(1, code);
        Assert.Contains("/no/such/data.json: data file not found", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BadJson_PrintsLineAndReturnsOne()
    {
        using var dir = new TempTemplates();
        var data = dir.WriteData("bad.json", "{\n  \"area_name\": \"幸福里社区\",\n  \"scope\": 幸福里\n}");
        using var output = new StringWriter();

        var code = TemplatesCli.Render(dir.Dir, "planned-outage", data, output);

        Assert.Equal(1, code);
        Assert.Contains($"{data}:3:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid data", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MisspeltKey_NamesItAndReturnsOne()
    {
        using var dir = new TempTemplates();
        var sample = File.ReadAllText(Path.Combine(dir.Dir, "samples", "restoration.json"));
        var data = dir.WriteData("typo.json", sample.Replace("\"scope\"", "\"scop\"", StringComparison.Ordinal));
        using var output = new StringWriter();

        Assert.Equal(1, TemplatesCli.Render(dir.Dir, "restoration", data, output));
        Assert.Contains("'scop'", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingRequiredValue_NamesItAndReturnsOne()
    {
        using var dir = new TempTemplates();
        var sample = File.ReadAllText(Path.Combine(dir.Dir, "samples", "restoration.json"));
        var data = dir.WriteData("partial.json", sample.Replace("\"restored_at\": \"2025-11-24T22:15:00+08:00\"", "\"restored_at\": null", StringComparison.Ordinal));
        using var output = new StringWriter();

        Assert.Equal(1, TemplatesCli.Render(dir.Dir, "restoration", data, output));
        Assert.Contains("needs 'restored_at'", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownTemplate_ListsKnownOnesAndReturnsOne()
    {
        using var output = new StringWriter();

        var code = TemplatesCli.Render(TempTemplates.Shipped, "reminder-4", "data.json", output);

        Assert.Equal(1, code);
        Assert.Contains("unknown template 'reminder-4'", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("reminder-3", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BrokenTemplate_PrintsItsErrorAndReturnsOne()
    {
        using var dir = new TempTemplates();
        var path = dir.Write("restoration", "{{ scope }}\n{{ restord_at | format_time }}");
        using var output = new StringWriter();

        var code = TemplatesCli.Render(dir.Dir, "restoration", Path.Combine(dir.Dir, "samples", "restoration.json"), output);

        Assert.Equal(1, code);
        Assert.Contains($"{path}:2:4:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OtherTemplateBroken_StillRendersThisOne()
    {
        using var dir = new TempTemplates();
        dir.Write("fault-outage", "{{ broken");
        using var output = new StringWriter();

        Assert.Equal(0, TemplatesCli.Render(dir.Dir, "restoration", Path.Combine(dir.Dir, "samples", "restoration.json"), output));
    }
}
