using System.Text.RegularExpressions;
using GridService.Core.Domain;
using GridService.Core.Templates;

namespace GridService.Core.Tests.Templates;

public sealed partial class TemplateRendererTests
{
    private const string ManagerPhone = "13905710001";

    private static readonly TemplateRenderer Renderer = new(TemplateCatalog.Load(TempTemplates.Shipped));

    public static TheoryData<string, string?, string[]> KeyFacts => new()
    {
        { "planned-outage", null, ["计划停电", "11月25日(周二) 08:00至17:00", "幸福里小区1-12栋", "10千伏幸福线线路检修", "王磊", ManagerPhone] },
        { "planned-outage-reminder", null, ["明日停电", "11月25日(周二) 08:00至17:00", "幸福里小区1-12栋", "10千伏幸福线线路检修"] },
        { "temporary-maintenance", null, ["临时检修", "11月25日(周二) 08:00至17:00", "幸福里小区1-12栋", "变压器接头发热"] },
        { "fault-outage", null, ["故障停电", "11月24日(周一) 19:40", "11月24日(周一) 23:00", "幸福里小区5-8栋", "电缆故障", "95598"] },
        { "restoration", null, ["恢复供电", "幸福里小区5-8栋", "11月24日(周一) 22:15"] },
        { "outage-amended", null, ["调整", "11月25日(周二) 08:00至17:00", "11月27日(周四) 08:00至16:00", "雨雪天气", "幸福里小区1-12栋"] },
        { "outage-cancelled", null, ["取消", "11月25日(周二) 08:00至17:00", "幸福里小区1-12栋", "合并到下月"] },
        { "bill-issued", null, ["张建国", "3300125678", "2025年10月", "128.50元", "11月25日(周二)", "营业厅"] },
        { "reminder-1", null, ["张建国", "3300125678", "2025年10月", "128.50元", "11月25日(周二)", "违约金"] },
        { "reminder-1", "gentle", ["张建国", "3300125678", "128.50元", "一起想办法"] },
        { "reminder-2", null, ["再次提醒", "3300125678", "128.50元", "违约金0.64元"] },
        { "reminder-3", null, ["3300125678", "128.50元", "违约金1.29元", "片区经理王磊", "电话联系或上门", "停电通知"] },
        { "reminder-3", "gentle", ["3300125678", "128.50元", "片区经理王磊", "打电话或上门"] },
        { "reminder-2", "school", ["柳林村小学", "经办人"] },
        { "reminder-1", "clinic", ["幸福里社区卫生服务站", "缴费有困难"] },
        { "arrears-disconnection", "clinic", ["石门村卫生室", "暂停对贵单位的供电", "回复“收到”", "当天恢复供电"] },
        { "reconnection", "shop", ["您的店已于", "请电工"] },
        { "arrears-disconnection", null, ["欠费停电", "3300125678", "128.50元", "违约金2.57元", "12月5日(周五) 09:00", "缴清", "现金", "幸福路供电营业厅", "暂停对您家的供电", "请家人代缴", "回复“收到”", "当天恢复供电"] },
        { "reconnection", null, ["3300125678", "12月5日(周五) 10:20", "12月5日(周五) 14:05", "恢复供电"] },
        { "workorder-created", null, ["张*", "故障报修", "GD202511240007", "11月24日(周一) 18:40", "33****5678", "138****5678"] },
        { "workorder-updated", null, ["张*、李*、王*您好", "GD202511240007", "抢修人员已到现场", "处理中"] },
        { "workorder-resolved", null, ["GD202511240007", "「我家（户号33****5678）从下午开始一直没电", "更换新开关", "满意", "不满意"] },
        { "workorder-overdue", null, ["GD202511240007", "很抱歉", "11月24日(周一) 18:40", "县公司调货", "11月25日(周二) 12:00"] },
        { "workorder-manager-alert", null, ["新工单", "GD202511240007", "故障报修", "11月24日(周一) 18:40", "幸福里社区用电服务群", "一直没电"] },
        { "manager-daily-digest", null, ["11月24日(周一)", "今日新增3件", "未办结2件", "超时1件", "GD202511200011", "GD202511230003", "楼道灯坏了归谁管", "刘*",
            "待您决定1户", "幸福里社区居家养老服务中心（户号3101000002）", "请上门送达", "城关镇幸福里小区1号楼1单元502", "尚未恢复供电", "等待客户回复“收到”"] },
    };

    [Theory]
    [MemberData(nameof(KeyFacts))]
    public void Render_Sample_ContainsKeyFacts(string kind, string? variant, string[] facts)
    {
        var text = Renderer.Render(kind, TemplateSamples.Load(kind, variant));

        foreach (var fact in facts)
        {
            Assert.Contains(fact, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_EveryKind_HasAKeyFactsCase() =>
        Assert.Equal(TemplateKinds.All.Select(k => k.Name).Order(), KeyFacts.Select(row => (string)row[0]).Distinct().Order());

    [Fact]
    public void Render_EverySample_IsTrimmedWithoutTrailingSpacesOrBlankLineRuns()
    {
        foreach (var sample in Directory.GetFiles(Path.Combine(TempTemplates.Shipped, "samples"), "*.json"))
        {
            var kind = Path.GetFileName(sample).Split('.')[0];
            Assert.True(TemplateKinds.TryGet(kind, out var k));

            var text = Renderer.Render(kind, TemplateData.Load(sample, k));

            Assert.Equal(text.Trim(), text);
            Assert.DoesNotContain("\n\n\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"[ \t]\n", text);
            Assert.InRange(text.Length, 40, 2048);
        }
    }

    [Fact]
    public void Render_GentleReminder_HasNoLateFeeWarning()
    {
        var firm = Renderer.Render("reminder-1", TemplateSamples.Load("reminder-1"));
        var gentle = Renderer.Render("reminder-1", TemplateSamples.Load("reminder-1", "gentle"));

        Assert.Contains("违约金", firm, StringComparison.Ordinal);
        Assert.DoesNotContain("违约金", gentle, StringComparison.Ordinal);
    }

    /// <summary>Property: whatever a customer's name, phone, account or question, a group message shows them masked.</summary>
    [Fact]
    public void Render_GroupTemplatesWithRandomCustomers_NeverShowUnmaskedPersonalData()
    {
        var random = new Random(20251124);
        var groupKinds = TemplateKinds.All.Where(k => k.Audience == TemplateAudience.Group).ToList();
        for (var i = 0; i < 200; i++)
        {
            var phone = "1" + Digits(random, 10);
            var account = Digits(random, 10);
            var name = Names[random.Next(Names.Length)];
            foreach (var kind in groupKinds)
            {
                var sample = TemplateSamples.Load(kind.Name);
                var model = sample switch
                {
                    WorkOrderModel w => w with
                    {
                        AskerName = name, ContactPhone = phone, AccountNo = account,
                        Question = $"{name}，户号{account}，电话{phone}，家里没电了",
                    },
                    _ => sample,
                };

                var text = Renderer.Render(kind.Name, model);

                Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
                Assert.DoesNotContain(account, text, StringComparison.Ordinal);
                Assert.DoesNotContain(name, text, StringComparison.Ordinal);
                Assert.All(LongDigitRuns().Matches(text), m => Assert.Equal(ManagerPhone, m.Value));
                if (text.Contains("****", StringComparison.Ordinal) && model is WorkOrderModel)
                {
                    Assert.Matches($"{phone[..3]}\\*{{4}}{phone[^4..]}|{account[..2]}\\*{{4}}{account[^4..]}", text);
                }
            }
        }
    }

    [Fact]
    public void Render_UtcTimes_ShownInAreaTimeZone()
    {
        var sample = (OutageModel)TemplateSamples.Load("planned-outage");
        var utc = sample with { StartTime = new DateTimeOffset(2025, 11, 25, 0, 0, 0, TimeSpan.Zero), EndTime = new DateTimeOffset(2025, 11, 25, 9, 0, 0, TimeSpan.Zero) };

        Assert.Contains("11月25日(周二) 08:00至17:00", Renderer.Render("planned-outage", utc), StringComparison.Ordinal);
        Assert.Contains("11月25日(周二) 06:00至15:00", Renderer.Render("planned-outage", utc with { TimeZoneId = "Asia/Urumqi" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FromDomainRecords_UsesAreaAndManager()
    {
        var area = new Area("A01", "幸福里社区", AreaKind.Urban, "Asia/Shanghai", "M01", "S01");
        var manager = new Staff("M01", "王磊", ManagerPhone, StaffRole.Manager, "工作日 8:30-17:30");
        var notice = new OutageNotice("N1", OutageKind.Planned, ["A01"], "幸福里小区1-12栋",
            new DateTimeOffset(2025, 11, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 11, 25, 9, 0, 0, TimeSpan.Zero), "线路检修");

        var text = Renderer.Render("planned-outage", OutageModel.From(notice, area, manager));

        Assert.Contains("幸福里社区", text, StringComparison.Ordinal);
        Assert.Contains("11月25日(周二) 08:00至17:00", text, StringComparison.Ordinal);
        Assert.Contains("王磊", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CreditRating.A, Segment.Resident, true)]
    [InlineData(CreditRating.C, Segment.Vip, true)]
    [InlineData(CreditRating.B, Segment.Resident, false)]
    public void GentleFor_CreditAndSegment_PicksTone(CreditRating credit, Segment segment, bool gentle)
    {
        var customer = new Customer("3300125678", "张建国", "13812345678", "幸福路1号", "A01", null, null, "幸福线", "3号台区", segment, credit, "sms");

        Assert.Equal(gentle, BillingModel.GentleFor(customer));
    }

    [Fact]
    public void Render_QuestionWithTemplateSyntax_IsShownLiterally()
    {
        var sample = (WorkOrderModel)TemplateSamples.Load("workorder-resolved");

        var text = Renderer.Render("workorder-resolved", sample with { Question = "{{ while true }}{{ end }} 为什么停电" });

        Assert.Contains("「{{ while true }}{{ end }} 为什么停电」", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HugeDataValue_StoppedByOutputLimit()
    {
        var sample = (OutageModel)TemplateSamples.Load("planned-outage");

        var ex = Assert.Throws<TemplateException>(() => Renderer.Render("planned-outage", sample with { Scope = new string('楼', 100_000) }));

        Assert.EndsWith("planned-outage.scriban", ex.First!.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AfterAFailedRender_NextRenderIsUnaffected()
    {
        var sample = (OutageModel)TemplateSamples.Load("planned-outage");
        var expected = Renderer.Render("planned-outage", sample);

        for (var i = 0; i < 20; i++)
        {
            Assert.Throws<TemplateException>(() => Renderer.Render("planned-outage", sample with { Scope = new string('楼', 100_000) }));
        }

        Assert.Equal(expected, Renderer.Render("planned-outage", sample));
    }

    [Fact]
    public void Render_ManyThreads_SameTextAsOneThread()
    {
        var cases = TemplateKinds.All.Select(k => (k.Name, Model: TemplateSamples.Load(k.Name))).ToArray();
        var expected = cases.Select(c => Renderer.Render(c.Name, c.Model)).ToArray();

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var c = i % cases.Length;
            Assert.Equal(expected[c], Renderer.Render(cases[c].Name, cases[c].Model));
        });
    }

    [Fact]
    public void Render_UnknownKind_ThrowsListingKnownKinds()
    {
        var ex = Assert.Throws<ArgumentException>(() => Renderer.Render("reminder-9", TemplateSamples.Load("reminder-1")));

        Assert.Contains("reminder-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WrongModelType_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Renderer.Render("reminder-1", TemplateSamples.Load("planned-outage")));

        Assert.Contains("BillingModel", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingRequiredVariable_ThrowsNamingIt()
    {
        var sample = (OutageModel)TemplateSamples.Load("restoration");

        var ex = Assert.Throws<ArgumentException>(() => Renderer.Render("restoration", sample with { RestoredAt = null }));

        Assert.Contains("'restored_at'", ex.Message, StringComparison.Ordinal);
    }

    private static readonly string[] Names = ["张建国", "李秀英", "欧阳娜娜", "王芳", "陈志强", "刘洋"];

    private static string Digits(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    // Digit runs that could be a phone or account; order numbers (GD2025...) are not personal.
    [GeneratedRegex(@"(?<![A-Za-z\d])\d{7,}")]
    private static partial Regex LongDigitRuns();
}
