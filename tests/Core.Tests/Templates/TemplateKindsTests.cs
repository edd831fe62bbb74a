using GridService.Core.Templates;

namespace GridService.Core.Tests.Templates;

public sealed class TemplateKindsTests
{
    [Fact]
    public void Required_EveryName_IsAVariableOfTheKindsModel()
    {
        foreach (var kind in TemplateKinds.All)
        {
            Assert.All(kind.Required, name => Assert.Contains(name, kind.Variables));
        }
    }

    [Fact]
    public void Readme_ListsEveryKindAndEveryVariable()
    {
        var readme = File.ReadAllText(Path.Combine(TempTemplates.Shipped, "README.md"));

        foreach (var kind in TemplateKinds.All)
        {
            Assert.Contains($"`{kind.Name}`", readme, StringComparison.Ordinal);
            Assert.All(kind.Variables, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
        }

        Assert.All(TemplateFunctions.Names, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
    }
}
