using System.Text;

namespace GridService.Core.Tests;

/// <summary>
/// Property-style checks of <see cref="Masking.MaskText"/> over generated formats: a seeded generator writes personal
/// numbers the ways people type them, inside Chinese sentences, thousands of times; none may survive, and text that
/// is not personal (dates, times, buildings, order numbers, amounts) must come back unchanged.
/// </summary>
public sealed class MaskingPropertyTests
{
    private const int Cases = 3000;

    private static readonly string[] Before = ["我的电话是", "电话：", "联系", "户号", "卡号", "身份证", "请打", "", "麻烦回电 ", "号码（", "手机:"];
    private static readonly string[] After = ["，谢谢", "。", "", " 找王阿姨", "）", "！家里停电了", "，3号楼2单元"];
    private static readonly string[] Separators = [" ", "-", ".", "\u3000", "－", "．", " - "];

    public enum Kind { Mobile, Landline, IdCard, BankCard, Account, Email }

    [Theory]
    [InlineData(Kind.Mobile, 11)]
    [InlineData(Kind.Landline, 12)]
    [InlineData(Kind.IdCard, 13)]
    [InlineData(Kind.BankCard, 14)]
    [InlineData(Kind.Account, 15)]
    [InlineData(Kind.Email, 16)]
    public void MaskText_GeneratedFormatsInSentences_LeavesNoneReadable(Kind kind, int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < Cases; n++)
        {
            var (written, digits) = Generate(kind, random);
            var text = Pick(random, Before) + written + Pick(random, After);

            var masked = Masking.MaskText(text);

            Assert.True(!DigitsOf(masked).Contains(digits, StringComparison.Ordinal) && masked.Contains("****", StringComparison.Ordinal),
                $"case {n} ({kind}): '{text}' -> '{masked}'");
            if (kind == Kind.Email) Assert.DoesNotContain(written.Split('@')[0] + "@", masked, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MaskText_NotPersonal_IsUnchanged()
    {
        var random = new Random(21);
        for (var n = 0; n < Cases; n++)
        {
            var text = NotPersonal(random);

            Assert.Equal(text, Masking.MaskText(text));
        }
    }

    [Fact]
    public void MaskText_TwoNumbersInOneMessage_MasksBoth()
    {
        var random = new Random(22);
        for (var n = 0; n < Cases; n++)
        {
            var (a, da) = Generate((Kind)random.Next(6), random);
            var (b, db) = Generate((Kind)random.Next(6), random);
            var text = $"{a}，另一个是{b}";

            var masked = DigitsOf(Masking.MaskText(text));

            Assert.False(masked.Contains(da, StringComparison.Ordinal) || masked.Contains(db, StringComparison.Ordinal), $"'{text}' -> '{Masking.MaskText(text)}'");
        }
    }

    [Theory]
    [InlineData("电话138 1234 5678", "电话138****5678")]
    [InlineData("电话138-1234-5678", "电话138****5678")]
    [InlineData("电话138.1234.5678", "电话138****5678")]
    [InlineData("电话１３８１２３４５６７８", "电话138****5678")]
    [InlineData("电话+86 138 1234 5678", "电话138****5678")]
    [InlineData("座机0571-88886666", "座机057****6666")]
    [InlineData("座机(0571)8888 6666", "座机(057****6666")]
    [InlineData("身份证11010119900307123X", "身份证1101****123X")]
    [InlineData("卡号6222 0212 3456 7890 123", "卡号6222****0123")]
    [InlineData("邮箱zhang.san@example.com", "邮箱z****@example.com")]
    [InlineData("工单GD20261123-0042已办结", "工单GD20261123-0042已办结")]
    [InlineData("11月28日 08:00-12:00 幸福里1-5号楼", "11月28日 08:00-12:00 幸福里1-5号楼")]
    [InlineData("2026-11-28停电", "2026-11-28停电")]
    public void MaskText_KnownFormats_MaskedAsShown(string text, string expected) => Assert.Equal(expected, Masking.MaskText(text));

    // A personal number as people write it, and its digits (what must not survive).
    private static (string Written, string Digits) Generate(Kind kind, Random random)
    {
        switch (kind)
        {
            case Kind.Mobile:
            {
                var digits = "1" + (char)('3' + random.Next(7)) + Digits(random, 9);
                var written = Group(random, digits, random.Next(4) switch { 0 => [11], 1 => [3, 4, 4], 2 => [3, 8], _ => [7, 4] });
                if (random.Next(5) == 0) written = Pick(random, ["+86 ", "+86-", "86 ", "0086-", "＋86 "]) + written;
                return (FullWidthMaybe(random, written), digits);
            }

            case Kind.Landline:
            {
                var area = random.Next(2) == 0 ? "0" + Digits(random, 2) : "0" + Digits(random, 3);
                var local = (char)('2' + random.Next(8)) + Digits(random, random.Next(2) == 0 ? 6 : 7);
                var written = random.Next(3) switch
                {
                    0 => area + Pick(random, Separators) + local,
                    1 => "(" + area + ")" + local,
                    _ => area + local,
                };
                return (FullWidthMaybe(random, written), area + local);
            }

            case Kind.IdCard:
            {
                var digits = (char)('1' + random.Next(9)) + Digits(random, 16);
                var check = random.Next(3) == 0 ? "X" : Digits(random, 1);
                var written = random.Next(3) switch
                {
                    0 => digits + check,
                    1 => digits[..6] + " " + digits[6..14] + " " + digits[14..] + check,
                    _ => digits + (check == "X" ? "x" : check),
                };
                return (FullWidthMaybe(random, written), digits);
            }

            case Kind.BankCard:
            {
                var length = 16 + random.Next(4);
                var digits = "62" + Digits(random, length - 2);
                var groups = Enumerable.Repeat(4, length / 4).Append(length % 4).Where(g => g > 0).ToArray();
                var written = random.Next(2) == 0 ? digits : Group(random, digits, groups);
                return (FullWidthMaybe(random, written), digits);
            }

            case Kind.Account:
            {
                var digits = (char)('2' + random.Next(8)) + Digits(random, 6 + random.Next(6));
                return (FullWidthMaybe(random, digits), digits);
            }

            default:
            {
                var local = Pick(random, ["zhang", "li.si", "wang_5", "13812345678", "service-desk", "a"]) + random.Next(100);
                var email = local + "@" + Pick(random, ["qq.com", "163.com", "example.com.cn", "mail.gd-power.cn"]);
                return (email, local.Length >= 6 ? local[1..] : "@@");
            }
        }
    }

    private static string NotPersonal(Random random)
    {
        var month = 1 + random.Next(12);
        var day = 1 + random.Next(28);
        return random.Next(8) switch
        {
            0 => $"{month}月{day}日 {random.Next(24):00}:00-{random.Next(24):00}:30 停电",
            1 => $"{2020 + random.Next(10)}-{month:00}-{day:00}检修",
            2 => $"{1 + random.Next(30)}号楼{1 + random.Next(6)}单元{100 + random.Next(1800)}室",
            3 => $"工单GD{2026}{month:00}{day:00}-{random.Next(10000):0000}已办结",
            4 => $"这个月电费{random.Next(1000)}.{random.Next(100):00}元，用了{random.Next(2000)}度",
            5 => $"{random.Next(10)}号杆到{random.Next(100)}号杆之间，10kV城关线",
            6 => $"{2026}/{month}/{day} 共{random.Next(200)}户",
            _ => $"请拨打95598或12398，{random.Next(60)}分钟内到",
        };
    }

    private static string Group(Random random, string digits, int[] sizes)
    {
        var separator = Pick(random, Separators);
        var sb = new StringBuilder();
        var at = 0;
        foreach (var size in sizes)
        {
            if (sb.Length > 0) sb.Append(separator);
            sb.Append(digits, at, size);
            at += size;
        }

        return sb.ToString();
    }

    private static string FullWidthMaybe(Random random, string text) =>
        random.Next(4) != 0 ? text : new string(text.Select(c => char.IsAsciiDigit(c) ? (char)('０' + (c - '0')) : c).ToArray());

    private static string Digits(Random random, int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];

    private static string DigitsOf(string text) =>
        new(text.Where(c => char.IsAsciiDigit(c) || c is >= '０' and <= '９').Select(c => c >= '０' ? (char)('0' + (c - '０')) : c).ToArray());
}
