using GridService.Bot.WorkOrders.Places;

namespace GridService.Bot.Tests.WorkOrders;

public sealed class PlaceParserTests
{
    [Theory]
    [InlineData("3号楼门口电线冒火花", "building=3", "3号楼")]
    [InlineData("三号楼那边冒烟了", "building=3", "3号楼")]
    [InlineData("５栋２单元楼道里有焦糊味", "building=5|unit=2", "5号楼2单元")]
    [InlineData("十二幢的电表箱进水了", "building=12", "12号楼")]
    [InlineData("村口12号电线杆歪了", "pole=12", "12号杆")]
    [InlineData("杆号#27的线断了", "pole=27", "27号杆")]
    [InlineData("石门村三组的电线掉地上了", "site=石门村|group=3", "石门村3组")]
    [InlineData("我家门口的幸福路上有根线垂到地上", "road=幸福路", "幸福路")]
    [InlineData("2号台区变压器砰的一声", "transformer=2", "2号台区")]
    [InlineData("小区南门的电箱盖子掉了", "gate=南门", "南门")]
    public void Parse_PlacesAsResidentsWriteThem_ReadsTheComponents(string text, string key, string display)
    {
        var place = PlaceParser.Parse(text);

        Assert.NotNull(place);
        Assert.Equal((key, display), (place.Key, place.Display));
    }

    [Theory]
    [InlineData("家里插座冒烟了")]
    [InlineData("有人触电了快来人")]
    [InlineData("")]
    public void Parse_NoPlace_IsNull(string text) => Assert.Null(PlaceParser.Parse(text));

    [Theory]
    [InlineData("3号楼电线冒火", "三号楼冒烟了", true)]
    [InlineData("3号楼电线冒火", "3号楼2单元焦糊味", true)]
    [InlineData("幸福里小区3号楼", "3号楼冒火花", true)]
    [InlineData("3号楼电线冒火", "4号楼电线冒火", false)]
    [InlineData("3号楼2单元", "3号楼3单元", false)]
    [InlineData("3号楼电线冒火", "12号电线杆冒火", false)]
    [InlineData("3号楼电线冒火", "电线冒火了", false)]
    [InlineData("插座冒烟", "电线冒火了", true)]
    public void Agree_TwoReports_SamePlaceOnlyWhenSharedComponentsMatch(string a, string b, bool same) =>
        Assert.Equal(same, PlaceParser.Agree(PlaceParser.Parse(a)?.Key, PlaceParser.Parse(b)?.Key));

    [Theory]
    [InlineData("三", 3)]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十三", 23)]
    [InlineData("两", 2)]
    [InlineData("一百零五", 105)]
    [InlineData("42", 42)]
    public void ToArabic_ChineseAndArabicNumerals(string text, int expected) => Assert.Equal(expected, PlaceParser.ToArabic(text));
}
