using GridService.Bot.Cli;

namespace GridService.Bot.Tests.Cli;

public sealed class CliArgsTests
{
    [Theory]
    [InlineData("--explain")]
    [InlineData("--json")]
    [InlineData("--each")]
    public void Positional_FlagBeforeText_DoesNotSwallowIt(string flag)
    {
        var cli = new CliArgs(["ask", flag, "停电了什么时候来电", "--group", "grp-xingfuli"]);

        Assert.Equal("停电了什么时候来电", cli.Positional(1));
        Assert.True(cli.Flag(flag));
        Assert.Equal("grp-xingfuli", cli.Option("--group"));
    }

    [Fact]
    public void Positional_OptionValue_IsNotPositional() =>
        Assert.Null(new CliArgs(["kb", "misses", "--area", "A01"]).Positional(2));
}
