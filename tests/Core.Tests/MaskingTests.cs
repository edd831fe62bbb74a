namespace GridService.Core.Tests;

public sealed class MaskingTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData(" 13812345678 ", "138****5678")]
    [InlineData("12345678", "****5678")]
    [InlineData("12345", "****5")]
    [InlineData("1234", "****")]
    [InlineData("1", "****")]
    public void MaskPhone_VariousLengths_HidesAtLeastFour(string phone, string expected) =>
        Assert.Equal(expected, Masking.MaskPhone(phone));

    [Theory]
    [InlineData("3300125678", "33****5678")]
    [InlineData("330012345678", "33****5678")]
    [InlineData("1234567", "****567")]
    [InlineData("123456789", "1****6789")]
    public void MaskAccount_VariousLengths_KeepsAtMostFirstTwoAndLastFour(string account, string expected) =>
        Assert.Equal(expected, Masking.MaskAccount(account));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Mask_NullOrBlank_ReturnsEmpty(string? value)
    {
        Assert.Equal(string.Empty, Masking.MaskPhone(value));
        Assert.Equal(string.Empty, Masking.MaskAccount(value));
        Assert.Equal(string.Empty, Masking.MaskName(value));
        Assert.Equal(string.Empty, Masking.MaskText(value));
    }

    [Theory]
    [InlineData("张建国", "张*")]
    [InlineData("张三", "张*")]
    [InlineData("张", "张*")]
    [InlineData("欧阳娜娜", "欧*")]
    [InlineData(" 李四 ", "李*")]
    [InlineData("𠀋一", "𠀋*")]
    public void MaskName_Names_KeepsFirstCharacterOnly(string name, string expected) =>
        Assert.Equal(expected, Masking.MaskName(name));

    [Fact]
    public void MaskText_PhoneAndAccountInText_MasksThemAndKeepsShortNumbers()
    {
        var text = Masking.MaskText("5栋2单元，户号3300125678，电话13812345678，2025年停了3次");

        Assert.Equal("5栋2单元，户号33****5678，电话138****5678，2025年停了3次", text);
    }

    [Fact]
    public void MaskText_WithAskersName_MasksTheName() =>
        Assert.Equal("我是张*，家里没电", Masking.MaskText("我是张建国，家里没电", "张建国"));
}
