namespace GridService.Core.Templates;

/// <summary>The <c>templates check</c> and <c>templates render</c> commands; each returns the process exit code.</summary>
public static class TemplatesCli
{
    /// <summary>Prints each template OK or its errors as <c>file:line:column: message</c>; 1 when anything is wrong.</summary>
    public static int Check(string dir, TextWriter @out)
    {
        ArgumentNullException.ThrowIfNull(@out);
        var report = TemplateCatalog.Inspect(dir);
        foreach (var file in report.Files)
        {
            if (file.Ok)
            {
                @out.WriteLine($"OK     {Path.GetFileName(file.Path)}");
            }

            foreach (var error in file.Errors)
            {
                @out.WriteLine($"ERROR  {error}");
            }
        }

        foreach (var error in report.Errors)
        {
            @out.WriteLine($"ERROR  {error}");
        }

        var count = report.AllErrors.Count();
        @out.WriteLine(count == 0
            ? $"{report.Files.Count} templates OK in {report.Directory}"
            : $"{count} error(s) in {report.Directory}");
        return count == 0 ? 0 : 1;
    }

    /// <summary>Renders one template with a JSON data file (keys are the template's variables); 1 on any error.</summary>
    public static int Render(string dir, string name, string dataJsonFile, TextWriter @out)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(@out);
        var kindName = name.EndsWith(".scriban", StringComparison.Ordinal) ? name[..^".scriban".Length] : name;
        if (!TemplateKinds.TryGet(kindName, out var kind))
        {
            @out.WriteLine($"ERROR  unknown template '{name}'; known templates: {string.Join(", ", TemplateKinds.All.Select(k => k.Name))}");
            return 1;
        }

        var report = TemplateCatalog.Inspect(dir);
        var file = report.Files.FirstOrDefault(f => f.Kind == kind);
        var errors = file?.Errors ?? report.Errors.Where(e => Path.GetFileNameWithoutExtension(e.File) == kind.Name).ToList();
        if (file is null || !file.Ok)
        {
            foreach (var error in errors)
            {
                @out.WriteLine($"ERROR  {error}");
            }

            return 1;
        }

        try
        {
            var model = TemplateData.Load(dataJsonFile, kind);
            var text = new TemplateRenderer(TemplateCatalog.FromReport(report)).Render(kind.Name, model);
            @out.WriteLine(text);
            return 0;
        }
        catch (TemplateException ex)
        {
            foreach (var error in ex.Errors)
            {
                @out.WriteLine($"ERROR  {error}");
            }
        }
        catch (ArgumentException ex)
        {
            @out.WriteLine($"ERROR  {dataJsonFile}: {ex.Message}");
        }

        return 1;
    }
}
